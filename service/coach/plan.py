"""The personal progress plan (henkilökohtainen suunnitelma): what to practise next, with dates.

It is rebuilt from the readiness every time it is read, so it follows the evidence: a skill that
became ready leaves the focus, words the participant has used leave the word list, scenarios done
well make way for new ones. Dates count from the latest evidence (or today when there is none or it
is older than two weeks): by default one scenario a week, words with the first scenario, phrases with
the second and a review with the coach after four weeks. The intake mapping tailors it
(service/coach/plan_tailoring.py): pace and dates, session length and repetition, the language of
explanations, the starting level and which scenarios come last; the plan says what and why.
Each focus skill says which situations of the task need its target level (service/coach/targets.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

from finnish.labels import STATUS_NAMES
from service.coach.evidence import EvidenceItem, level_label, level_number
from service.coach.participants import SKILL_NAMES
from service.coach.plan_shapes import (
    FiEnData,
    FocusItem,
    PlanData,
    PlanPhrase,
    PlanScenario,
    PlanStep,
    PlanWord,
    ScenarioSummary,
    TargetReason,
)
from service.coach.plan_tailoring import PlanTailoring, stems, tailor
from service.coach.readiness import ReadinessService
from service.coach.targets import target_reasons
from service.core.auth import CurrentUser

SCENARIOS = 3
PHRASES = 5
SPOKEN = ("speaking", "listening", "interaction")
REVIEW_DAYS = 28


def _fi_en(fi: str, en: str) -> FiEnData:
    return FiEnData(fi=fi, en=en)


def _base_date(items: list[EvidenceItem], today: date) -> date:
    if not items:
        return today
    last = max(i.recorded_at for i in items).date()
    return last if (today - last).days <= 14 else today


def _done(items: list[EvidenceItem]) -> dict[str, float]:
    """Share of goals reached in each scenario played (the best run)."""
    done: dict[str, float] = {}
    for item in items:
        scenario = item.data.get("scenario") if item.kind == "simulation" else None
        if scenario:
            goals = item.data.get("goals") or {}
            share = goals.get("reached", 0) / goals["total"] if goals.get("total") else 0.0
            done[str(scenario)] = max(done.get(str(scenario), 0.0), share)
    return done


class PlanService:
    """`scenarios(task)` lists the scenarios of a task as summaries {id, title, task, levels};
    `intake(participant_id)` the participant's intake mapping (empty when none was done) and `llm`
    whether a language model explains."""

    def __init__(self, readiness: ReadinessService, scenarios: Callable[[str], Sequence[Mapping[str, object]]] | None = None,
                 today: Callable[[], date] | None = None,
                 intake: Callable[[int], Mapping[str, object]] | None = None, llm: bool = False) -> None:
        self.readiness = readiness
        self._scenarios = scenarios or (lambda _task: [])
        self._today = today or (lambda: datetime.now(UTC).date())
        self._intake = intake or (lambda _pid: {})
        self._llm = llm

    def plan(self, user: CurrentUser, participant_id: int) -> PlanData:
        p, items = self.readiness.gather(user, participant_id)
        self.readiness.participants.record(user, "read", participant_id)
        result = self.readiness.assess(p, items)
        tailoring = tailor(self._intake(p.id), self._llm)
        start = _base_date(items, self._today())
        done = _done(items)
        level = _practice_level(result["estimates"], tailoring.practice_level)
        focus: list[FocusItem] = []
        scenarios: list[PlanScenario] = []
        words: list[PlanWord] = []
        phrases: list[PlanPhrase] = []
        for task in result["tasks"]:
            profile = self.readiness.targets.profile(task["task"]) or {}
            focus += _focus(task["task"], task["skills"], target_reasons(profile))
            for sc in self._next_scenarios(task["task"], done, tailoring):
                levels = sc.get("levels") or [level]
                scenarios.append(PlanScenario(
                    id=sc["id"], title=sc.get("title", sc["id"]), task=task["task"],
                    level=level if level in levels else levels[0], due="", repeat=False,
                    why=_scenario_why(sc, done, tailoring)))
            words += [PlanWord(lemma=lemma, task=task["task"], due="")
                      for lemma in task["vocabulary"]["missing"][:tailoring.words_per_batch]]
            missing = set(task["vocabulary"]["missing"])
            listed = [ph for ph in profile.get("phrases") or [] if isinstance(ph, Mapping)]
            ranked = sorted(listed, key=lambda ph: -sum(1 for m in missing if m in str(ph.get("text", "")).casefold()))
            phrases += [PlanPhrase(text=str(ph.get("text", "")), task=task["task"], due="") for ph in ranked[:PHRASES]]
        scenarios = _schedule(scenarios[:SCENARIOS], start, tailoring)
        first = scenarios[0]["due"] if scenarios else (start + timedelta(days=tailoring.interval_days)).isoformat()
        second = scenarios[1]["due"] if len(scenarios) > 1 else \
            (start + timedelta(days=2 * tailoring.interval_days)).isoformat()
        for w in words:
            w["due"] = first
        for ph in phrases:
            ph["due"] = second
        last_due = max([date.fromisoformat(s["due"]) for s in scenarios], default=start)
        review = max(start + timedelta(days=REVIEW_DAYS), last_due + timedelta(days=7))
        last = max((i.recorded_at for i in items), default=None)
        return PlanData(
            participant=p.id, name=p.name, start=start.isoformat(), review=review.isoformat(),
            updated_at=last.isoformat() if last else None, based_on_evidence=len(items),
            focus=focus, scenarios=scenarios, words=words, phrases=phrases,
            steps=_steps(scenarios, words, phrases, focus, start, review, tailoring), tailoring=tailoring.data())

    def _next_scenarios(self, task: str, done: dict[str, float], tailoring: PlanTailoring) -> list[ScenarioSummary]:
        try:
            found = [_summary(s) for s in self._scenarios(task)]
        except Exception:  # a scenario library that is not ready must not hide the rest of the plan
            return []
        fresh = [s for s in found if s["id"] not in done]
        weak = sorted((s for s in found if s["id"] in done and done[s["id"]] < 1.0), key=lambda s: done[s["id"]])
        # work the participant has done before (prior competence) comes after the new work
        return sorted(fresh, key=lambda s: _known_work(s, tailoring)) + weak


def _summary(sc: Mapping[str, object]) -> ScenarioSummary:
    levels = sc.get("levels")
    return ScenarioSummary(id=str(sc["id"]), title=str(sc.get("title") or sc["id"]), task=str(sc.get("task", "")),
                           levels=[str(lv) for lv in levels] if isinstance(levels, list) else [])


def _known_work(sc: ScenarioSummary, tailoring: PlanTailoring) -> bool:
    return bool(tailoring.prior_stems & stems(f"{sc.get('title', '')} {sc['id'].replace('-', ' ')}"))


def _scenario_why(sc: ScenarioSummary, done: dict[str, float], tailoring: PlanTailoring) -> FiEnData:
    if sc["id"] in done:
        return _fi_en("Harjoittele uudestaan: kaikki tavoitteet eivät onnistuneet.",
                      "Practise again: not every goal was reached.")
    if _known_work(sc, tailoring):
        return _fi_en("Et ole vielä tehnyt tätä, mutta olet tehnyt tätä työtä ennen: siksi myöhemmin.",
                      "Not done yet, but you have done this work before: so it comes later.")
    return _fi_en("Et ole vielä tehnyt tätä.", "Not done yet.")


def _focus(task: str, skills: Mapping[str, Mapping[str, object]], reasons: Mapping[str, TargetReason]) -> list[FocusItem]:
    out: list[FocusItem] = []
    for skill, info in skills.items():
        status = str(info["status"])
        if status == "ready":
            continue
        fi, en = SKILL_NAMES[skill]
        st_fi, st_en = STATUS_NAMES[status]
        target = info.get("target")
        goal_fi, goal_en = (f", tavoite {target}", f", target {target}") if target else ("", "")
        estimate = info.get("estimate")
        out.append(FocusItem(task=task, skill=skill, status=status, estimate=str(estimate) if estimate else None,
                             target=str(target) if target else None,
                             why=_fi_en(f"{fi}: {st_fi}{goal_fi}", f"{en}: {st_en}{goal_en}"),
                             target_reason=reasons.get(skill)))
    return out


def _schedule(scenarios: list[PlanScenario], start: date, tailoring: PlanTailoring) -> list[PlanScenario]:
    """Dates at the tailored pace; with repetition each scenario is planned a second time."""
    out: list[PlanScenario] = []
    for sc in scenarios:
        out.append(sc)
        if tailoring.repeat_scenarios:
            again = sc.copy()
            again["repeat"] = True
            again["why"] = _fi_en("Sama harjoitus uudestaan: toisto auttaa muistamaan.",
                                  "The same scenario again: repetition helps remembering.")
            out.append(again)
    for i, sc in enumerate(out):
        sc["due"] = (start + timedelta(days=int(7 * (i + 1) / tailoring.sessions_per_week + 0.5))).isoformat()
    return out


def _steps(scenarios: list[PlanScenario], words: list[PlanWord], phrases: list[PlanPhrase], focus: list[FocusItem],
           start: date, review: date, tailoring: PlanTailoring) -> list[PlanStep]:
    fi_len, en_len = (f", noin {tailoring.session_minutes} min", f", about {tailoring.session_minutes} min") \
        if tailoring.applied else ("", "")
    steps = [PlanStep(due=sc["due"], kind="scenario",
                      fi=f"Harjoitus{' uudestaan' if sc['repeat'] else ''}: {sc['title']} ({sc['level']}){fi_len}",
                      en=f"Simulation{' again' if sc['repeat'] else ''}: {sc['title']} ({sc['level']}){en_len}")
             for sc in scenarios]
    if words:
        steps.append(PlanStep(due=words[0]["due"], kind="words", fi=f"Opettele {len(words)} työn sanaa.",
                              en=f"Learn {len(words)} work words."))
    if phrases:
        steps.append(PlanStep(due=phrases[0]["due"], kind="phrases", fi=f"Harjoittele {len(phrases)} fraasia.",
                              en=f"Practise {len(phrases)} phrases."))
    if any(f["status"] == "not_enough_evidence" and f["skill"] not in SPOKEN for f in focus):
        steps.append(PlanStep(due=(start + timedelta(days=14)).isoformat(), kind="evidence",
                              fi="Kirjoita lyhyt työteksti ja pyydä palaute, tai pyydä opettajan arvio.",
                              en="Write a short work text and get feedback, or ask for a teacher assessment."))
    steps.append(PlanStep(due=review.isoformat(), kind="review", fi="Arviointikeskustelu valmentajan kanssa.",
                          en="Review meeting with the coach."))
    return sorted(steps, key=lambda s: s["due"])


def _practice_level(estimates: Mapping[str, Mapping[str, object]], assessed: str | None = None) -> str:
    """Practise at the spoken level the evidence shows, at least A1 and at most B2; without spoken
    evidence at the intake's level (self-assessment, A1 with reading support), else A2."""
    scores = [float(score) for k, e in estimates.items()
              if k in SPOKEN and isinstance(score := e.get("score"), int | float)]
    if not scores:
        return assessed or "A2"
    label = level_label(min(scores)) or "A2"
    return label if (level_number(label) or 1) <= 4 else "B2"
