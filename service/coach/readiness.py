"""Readiness of a participant for each target task: every skill's estimate against the task
profile's target, in plain words, with how sure we are and how much of the task's vocabulary the
participant has used.

Status of a skill: fewer than MIN_EVIDENCE observations → `not_enough_evidence` (we say so rather
than guess); estimate at most a quarter level under the target → `ready`; within three quarters of
a level → `almost`; further below → `not_yet`. Confidence: low under 4 observations, medium under
6, high from 6 on. A task is `ready` only when every skill is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import cast

from finnish.labels import category_label
from service.coach.evidence import EvidenceItem, EvidenceService, SkillEstimate, estimate_skills, level_number
from service.coach.models import Participant
from service.coach.participants import SKILL_NAMES, SKILLS, ParticipantService
from service.coach.shapes import (
    FiEnText,
    GoalCompletion,
    HistoryPoint,
    OverviewRow,
    ProfileData,
    Readiness,
    SkillEstimateData,
    SkillReadiness,
    TaskReadiness,
    VocabularyCoverage,
    WorkplaceObservations,
)
from service.coach.targets import TaskTargets
from service.core.auth import CurrentUser

MIN_EVIDENCE = 2
KEY_TERMS_FOR_COVERAGE = 30
STATUS_ORDER = ("not_yet", "almost", "not_enough_evidence", "ready")


def reason(fi: str, en: str) -> FiEnText:
    return {"fi": fi, "en": en}


def confidence(count: int) -> str:
    return "low" if count < 4 else "medium" if count < 6 else "high"


def skill_status(score: float | None, count: int, target: str | None) -> str:
    target_n = level_number(target)
    if score is None or count < MIN_EVIDENCE or target_n is None:
        return "not_enough_evidence"
    gap = score - target_n
    return "ready" if gap >= -0.25 else "almost" if gap >= -0.75 else "not_yet"


def _sources_fi_en(est: SkillEstimate) -> tuple[str, str]:
    names = {"simulation": ("harjoitus", "simulation"), "text": ("kirjoitettu teksti", "written text"),
             "teacher": ("opettajan arvio", "teacher assessment"),
             "observation": ("havainto työpaikalla", "workplace observation")}
    fi = ", ".join(f"{names.get(k, (k, k))[0]} {n}" for k, n in sorted(est.sources.items()))
    en = ", ".join(f"{names.get(k, (k, k))[1]} {n}" for k, n in sorted(est.sources.items()))
    return fi, en


def skill_reasons(skill: str, est: SkillEstimate, target: str | None, status: str, why: str,
                  top_errors: list[tuple[str, int]]) -> list[FiEnText]:
    fi_name, en_name = SKILL_NAMES[skill]
    out = []
    if est.evidence_count == 0:
        out.append(reason(f"Taidosta {fi_name} ei ole vielä näyttöä.", f"There is no evidence of {en_name} yet."))
    elif est.evidence_count < MIN_EVIDENCE:
        out.append(reason(
            f"Näyttöä on vähän ({est.evidence_count}). Tarvitaan vähintään {MIN_EVIDENCE}.",
            f"Little evidence ({est.evidence_count}); at least {MIN_EVIDENCE} are needed.",
        ))
    if est.estimate:
        src_fi, src_en = _sources_fi_en(est)
        out.append(reason(f"Arvio on {est.estimate} ({src_fi}).", f"The estimate is {est.estimate} ({src_en})."))
    if target:
        out.append(reason(f"Tehtävä vaatii tason {target}. {why}".strip(), f"The task needs {target}."))
    else:
        out.append(reason("Tehtävän tavoitetasoa ei ole vielä.", "The task has no target level yet."))
    if status == "not_yet" and top_errors and skill in ("speaking", "writing", "interaction"):
        fi = ", ".join(category_label(c).term_fi for c, _ in top_errors)
        en = ", ".join(category_label(c).term_en for c, _ in top_errors)
        out.append(reason(f"Eniten virheitä: {fi}.", f"Most mistakes: {en}."))
    if est.self_assessment and est.estimate and est.self_assessment != est.estimate:
        out.append(reason(f"Oma arvio on {est.self_assessment}.", f"The self-assessment is {est.self_assessment}."))
    return out


def top_key_terms(profile: ProfileData, n: int = KEY_TERMS_FOR_COVERAGE) -> list[str]:
    terms = sorted(profile.get("key_terms") or [], key=lambda t: -float(t.get("keyness", 0)))
    return [str(t["lemma"]).casefold() for t in terms[:n]]


def vocabulary_coverage(profile: ProfileData | None, items: list[EvidenceItem],
                        known: set[str] | frozenset[str] = frozenset()) -> VocabularyCoverage:
    """Key terms used in simulations or texts, or known from vocabulary cards (answered right on two
    separate days)."""
    terms = top_key_terms(profile) if profile else []
    used = {t for item in items for t in item.data.get("terms_used") or []} | set(known)
    covered = [t for t in terms if t in used]
    return {
        "covered": len(covered), "total": len(terms),
        "share": round(len(covered) / len(terms), 2) if terms else None,
        "used": covered, "missing": [t for t in terms if t not in used][:15],
        "from_cards": [t for t in terms if t in known],
    }


def goal_completion(items: list[EvidenceItem], task: str | None = None) -> GoalCompletion:
    sims = [i for i in items if i.kind == "simulation" and (task is None or i.task == task)]
    reached = sum(int(i.data.get("goals", {}).get("reached", 0)) for i in sims)
    total = sum(int(i.data.get("goals", {}).get("total", 0)) for i in sims)
    return {"simulations": len(sims), "reached": reached, "total": total,
            "share": round(reached / total, 2) if total else None}


def workplace_observations(items: list[EvidenceItem], task: str) -> WorkplaceObservations:
    """Mentors' observations at work for one task, shown apart from practice: how many went how."""
    obs = [i for i in items if i.kind == "observation" and i.task == task]
    results = Counter(str(i.data.get("result", "")) for i in obs)
    return {"count": len(obs), "managed": results["managed"], "with_help": results["with_help"],
            "not_yet": results["not_yet"],
            "latest": [{"situation": str(i.data.get("situation", "")), "result": str(i.data.get("result", "")),
                        "recorded_at": i.recorded_at.isoformat()} for i in obs[-5:]]}


def top_errors(items: list[EvidenceItem], n: int = 2, last: int = 5) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for item in items[-last:]:
        counts.update({k: int(v) for k, v in (item.data.get("errors") or {}).items()})
    return counts.most_common(n)


class ReadinessService:
    def __init__(self, participants: ParticipantService, evidence: EvidenceService, targets: TaskTargets,
                 known_words: Callable[[int, str], set[str]] | None = None) -> None:
        self.participants = participants
        self.evidence = evidence
        self.targets = targets
        self._known_words = known_words  # (user id, target) → lemmas known from vocabulary cards

    def _known(self, p: Participant, task_id: str) -> set[str]:
        if self._known_words is None or p.user_id is None:
            return set()
        return {w.casefold() for w in self._known_words(p.user_id, task_id)}

    def profile(self, task_id: str) -> ProfileData | None:
        """The task's profile as JSON (a stored or shipped `TaskProfile`)."""
        return cast("ProfileData | None", self.targets.profile(task_id))

    def gather(self, user: CurrentUser, participant_id: int) -> tuple[Participant, list[EvidenceItem]]:
        """The participant (if visible to this user) and all their evidence, simulations synced first."""
        p = self.participants.visible(user, participant_id)
        self.evidence.sync(p)
        return p, self.evidence.items(p.id)

    def readiness(self, user: CurrentUser, participant_id: int) -> Readiness:
        p, items = self.gather(user, participant_id)
        self.participants.record(user, "read", participant_id)
        return self.assess(p, items)

    def assess(self, p: Participant, items: list[EvidenceItem], *, at: datetime | None = None) -> Readiness:
        """Readiness of participant `p` from `items` (only those recorded up to `at`, if given)."""
        if at is not None:
            items = [i for i in items if i.recorded_at <= at]
        estimates = estimate_skills(items, p.teacher_assessment, p.self_assessment, p.teacher_assessed_at)
        errors = top_errors(items)
        tasks = []
        for task_id in p.target_tasks or []:
            profile = self.profile(task_id)
            skills: dict[str, SkillReadiness] = {}
            for skill in SKILLS:
                target_info = ((profile or {}).get("skills") or {}).get(skill) or {}
                target = target_info.get("cefr")
                est = estimates[skill]
                status = skill_status(est.score, est.evidence_count, target)
                skills[skill] = {
                    "status": status, "estimate": est.estimate, "score": est.score, "target": target,
                    "evidence_count": est.evidence_count, "confidence": confidence(est.evidence_count),
                    "self_assessment": est.self_assessment, "teacher_assessment": est.teacher_assessment,
                    "reasons": skill_reasons(skill, est, target, status, str(target_info.get("why") or ""), errors),
                }
            overall = min((s["status"] for s in skills.values()), key=STATUS_ORDER.index)
            task: TaskReadiness = {
                "task": task_id, "title": self.targets.title(task_id), "has_profile": profile is not None,
                "status": overall, "skills": skills,
                "confidence": confidence(len(items)),
                "vocabulary": vocabulary_coverage(profile, items, self._known(p, task_id)),
                "goals": goal_completion(items, task_id),
                "observations": workplace_observations(items, task_id),
            }
            tasks.append(task)
        summary_fi, summary_en = _summary(len(items))
        return {
            "participant": p.id, "name": p.name, "evidence_count": len(items), "confidence": confidence(len(items)),
            "summary": reason(summary_fi, summary_en), "tasks": tasks,
            "estimates": {k: cast(SkillEstimateData, asdict(v)) for k, v in estimates.items()},
            "errors": [{"category": c, "count": n} for c, n in errors],
        }

    def history(self, user: CurrentUser, participant_id: int) -> list[HistoryPoint]:
        """The estimate of every skill and the goal completion after each piece of evidence."""
        p, items = self.gather(user, participant_id)
        points: list[HistoryPoint] = []
        for i, item in enumerate(items):
            upto = items[: i + 1]
            est = estimate_skills(upto, None, None)
            goals = goal_completion([item])
            points.append({
                "at": item.recorded_at.isoformat(), "kind": item.kind, "task": item.task,
                "speaking": est["speaking"].score, "listening": est["listening"].score,
                "reading": est["reading"].score, "writing": est["writing"].score,
                "interaction": est["interaction"].score, "goal_share": goals["share"],
            })
        return points

    def overview(self, user: CurrentUser) -> list[OverviewRow]:
        """Every participant this user sees, with each target task's status per skill (the heatmap)."""
        rows: list[OverviewRow] = []
        for view in self.participants.list(user):
            p, items = self.gather(user, view.id)
            result = self.assess(p, items)
            rows.append({"id": p.id, "name": p.name, "evidence_count": len(items), "tasks": [
                {"task": t["task"], "title": t["title"], "status": t["status"],
                 "skills": {s: v["status"] for s, v in t["skills"].items()}} for t in result["tasks"]]})
        return rows


def _summary(count: int) -> tuple[str, str]:
    if count == 0:
        return ("Näyttöä ei ole vielä. Arvio tehdään, kun harjoituksia on tehty.",
                "No evidence yet: readiness is judged once there are simulations or texts.")
    level = {"low": ("vähän", "little"), "medium": ("jonkin verran", "some"), "high": ("paljon", "plenty of")}
    fi, en = level[confidence(count)]
    return (f"Näyttöä on {fi}: {count} kpl.", f"There is {en} evidence: {count} {'item' if count == 1 else 'items'}.")
