"""Recommended competence demonstrations (näyttö): a participant's work-trial tasks, written in free
Finnish, → the qualification units they match (hybrid retrieval over the ePerusteet corpus), each with
how competence is demonstrated in that unit (the unit's own text), the assessment criteria that the
participant's evidence already supports, the unit's language demands and the participant's language
readiness for it. Qualifications the corpus does not hold are named as such, with the import command;
their content is never made up.

What "supported" means: a satisfactory-level (T1 / hyväksytty) criterion about communication
(customers, asking, guiding, reporting, writing down) whose skill the evidence shows at A2 or better
from at least two observations; or a criterion that names a work word the participant has used in
simulations or written texts. It is a pointer for the coach, not an assessment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from service.coach.evidence import SkillEstimate, estimate_skills, level_label, level_number
from service.coach.participants import SKILL_NAMES
from service.coach.readiness import MIN_EVIDENCE, STATUS_ORDER, ReadinessService, reason, skill_status
from service.core.auth import CurrentUser
from service.core.errors import InvalidInput

MAX_TASKS = 20
SEARCH_K = 12
# Word stems that show which skill a requirement or criterion demands.
SKILL_STEMS: dict[str, tuple[str, ...]] = {
    "interaction": ("asiakas", "asiakk", "palvel", "vuorovaikut", "keskustel", "kysy", "neuvo", "ohjaa", "ohjee",
                    "kommunik", "viesti", "yhteistyö", "kohtaa", "kuuntel", "perehdyt"),
    "speaking": ("kertoo", "selittää", "esittel", "puhu", "kielitai", "perustel", "ilmoitt"),
    "writing": ("kirjaa", "dokumen", "raportoi", "täyttää", "kirjoit", "laskut", "tallent"),
    "reading": ("ohjeiden", "ohjeita", "lukee", "tulkitsee", "käyttöturvallisuustied", "suunnitelman mukaisesti",
                "perehtyy"),
}
# Work fields a task text can name → qualifications that are not in every corpus (see
# corpora/known_qualifications.yaml, which holds their names and import commands).
FIELD_STEMS: dict[str, tuple[str, ...]] = {
    "Puhtaus- ja kiinteistöpalvelualan perustutkinto": ("siivo", "imur", "moppa", "pölyt", "lattiapes", "kiinteistö",
                                                        "lumity", "lumen", "jäte", "laitoshuol"),
    "Logistiikan perustutkinto": ("varasto", "trukki", "lähetyk", "keräily", "tavaran vastaanot", "lava"),
    "Ravintola- ja catering-alan perustutkinto": ("keittiö", "astianpes", "ruoanvalmist", "ruokaa valmist",
                                                  "tarjoil", "annos", "ravintola"),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass
class UnitRef:
    qualification: str
    qualification_name: str
    unit_code: str
    unit_name: str
    score: float
    tasks: list[str]


def _skills_of(text: str) -> set[str]:
    low = text.casefold()
    return {skill for skill, stems in SKILL_STEMS.items() if any(s in low for s in stems)}


def _stems(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.casefold()) if len(w) >= 5}


class RecommendationService:
    """`search(query, k)` returns hits {qualification, qualification_name, unit_code, unit_name, score};
    `unit(code, qualification)` the unit record (corpora.qualifications.UnitRecord) or None;
    `missing(text)` the known qualifications a text names that the corpus lacks ({name, name_en,
    import_command}); `text_level(text)` a CEFR estimate of a text."""

    def __init__(
        self,
        readiness: ReadinessService,
        search: Callable[[str, int], Sequence[dict[str, Any]]],
        unit: Callable[[str, str], Any],
        missing: Callable[[str], list[dict[str, str]]] | None = None,
        text_level: Callable[[str], str] | None = None,
    ) -> None:
        self.readiness = readiness
        self._search = search
        self._unit = unit
        self._missing = missing or (lambda _text: [])
        self._text_level = text_level or (lambda _text: "B1")

    def recommend(self, user: CurrentUser, tasks: list[str] | None, participant_id: int | None = None,
                  k: int = 8) -> dict[str, Any]:
        estimates: dict[str, SkillEstimate] = {}
        terms: set[str] = set()
        if participant_id is not None:
            p, items = self.readiness.gather(user, participant_id)
            self.readiness.participants.record(user, "read", participant_id)
            tasks = tasks or list(p.work_trial_tasks or [])
            estimates = estimate_skills(items, p.teacher_assessment, p.self_assessment, p.teacher_assessed_at)
            terms = {t for i in items for t in i.data.get("terms_used") or []}
        tasks = [t.strip() for t in tasks or [] if t and t.strip()]
        if not tasks:
            raise InvalidInput("Write at least one work-trial task in Finnish, e.g. 'Palvelen asiakkaita kassalla.'")
        if len(tasks) > MAX_TASKS or any(len(t) > 1000 for t in tasks):
            raise InvalidInput(f"At most {MAX_TASKS} work-trial tasks of up to 1,000 characters each.")

        units = self._match(tasks, k)
        recs = [self._recommendation(u, estimates, terms) for u in units]
        recs = [r for r in recs if r is not None]
        return {
            "participant": participant_id, "work_trial_tasks": tasks, "recommendations": recs,
            "not_in_corpus": self._not_in_corpus(tasks),
            "note": reason("Suositus perustuu tehtävien ja tutkinnon osien sanastoon. Valmentaja päättää.",
                           "Suggestions come from matching the tasks with the units' text; the coach decides."),
        }

    def _match(self, tasks: list[str], k: int) -> list[UnitRef]:
        found: dict[tuple[str, str], UnitRef] = {}
        for task in tasks:
            for rank, hit in enumerate(self._search(task, SEARCH_K)):
                key = (str(hit["qualification"]), str(hit["unit_code"]))
                ref = found.setdefault(key, UnitRef(key[0], hit.get("qualification_name", ""), key[1],
                                                    hit.get("unit_name", ""), 0.0, []))
                # a unit that several tasks find ranks above one that a single task finds first
                ref.score += float(hit.get("score", 0.0)) / (1 + 0.1 * rank)
                if task not in ref.tasks:
                    ref.tasks.append(task)
        return sorted(found.values(), key=lambda u: (-len(u.tasks), -u.score, u.unit_code))[:k]

    def _recommendation(self, ref: UnitRef, estimates: dict[str, SkillEstimate], terms: set[str]) -> dict[str, Any] | None:
        record = self._unit(ref.unit_code, ref.qualification)
        if record is None:
            return None
        unit = record.unit
        criteria = [(a.target, c) for a in unit.assessment for c in (a.levels[0].criteria if a.levels else [])]
        demand_texts = list(unit.requirements) + [c for _, c in criteria]
        demanded = set().union(*(_skills_of(t) for t in demand_texts)) if demand_texts else set()
        level = self._text_level(" ".join(demand_texts)[:2500] or unit.name)
        target = level_label(min(3.0, max(2.0, level_number(level) or 3.0)))  # A2–B1: we do not demand C1 prose
        demanded_skills = [s for s in SKILL_NAMES if s in demanded]
        demands: dict[str, Any] = {
            "skills": demanded_skills,
            "text_level": level,
            "target": target,
            "communication": [t for t in demand_texts if _skills_of(t) & {"interaction", "speaking", "writing"}][:6],
            "note": reason(f"Tavoitetaso {target} on arvio tutkinnon osan tekstistä.",
                           f"The target {target} is our estimate from the unit's text."),
        }
        return {
            "qualification": record.qualification, "qualification_name": record.qualification_name,
            "unit_code": unit.code, "unit_name": unit.name, "score": round(ref.score, 3), "matched_tasks": ref.tasks,
            "demonstration": unit.demonstration or "",
            "demonstration_note": None if unit.demonstration else reason(
                "Tutkinnon osassa ei ole erillistä näyttökuvausta.", "The unit has no separate demonstration text."),
            "requirements": unit.requirements[:12],
            "supported_criteria": self._supported(criteria, estimates, terms),
            "language_demands": demands,
            "language_readiness": _readiness(demanded_skills, target, estimates),
            "source": "Opetushallitus, ePerusteet",
        }

    @staticmethod
    def _supported(criteria: list[tuple[str, str]], estimates: dict[str, SkillEstimate],
                   terms: set[str]) -> list[dict[str, Any]]:
        term_stems = {t[:6]: t for t in terms if len(t) >= 5}
        out = []
        for target, criterion in criteria:
            because = None
            for skill in ("interaction", "speaking", "writing", "reading"):
                est = estimates.get(skill)
                if skill in _skills_of(criterion) and est and est.score is not None \
                        and est.evidence_count >= MIN_EVIDENCE and est.score >= 2.0:
                    fi, en = SKILL_NAMES[skill]
                    because = reason(f"Näyttö: {fi} {est.estimate} ({est.evidence_count} kpl).",
                                     f"Evidence: {en} {est.estimate} ({est.evidence_count} items).")
                    break
            if because is None:
                words = sorted({term_stems[s] for s in _stems(criterion) if s in term_stems})
                if words:
                    because = reason(f"Harjoituksissa käytetyt sanat: {', '.join(words)}.",
                                     f"Words used in practice: {', '.join(words)}.")
            if because is not None:
                out.append({"target": target, "criterion": criterion, "because": because})
        return out

    def _not_in_corpus(self, tasks: list[str]) -> list[dict[str, Any]]:
        text = " ".join(tasks).casefold()
        named = {q["name"]: q for q in self._missing(text)}
        for name, stems in FIELD_STEMS.items():
            if name not in named and any(s in text for s in stems):
                for q in self._missing(name.casefold()):
                    named.setdefault(q["name"], q)
        return [{**q, "note": reason("Tätä tutkintoa ei ole aineistossa. Tuo se ePerusteista komennolla:",
                                     "This qualification is not in the corpus. Import it from ePerusteet with:")}
                for q in named.values()]


def _readiness(skills: list[str], target: str | None, estimates: dict[str, SkillEstimate]) -> dict[str, Any]:
    per_skill: dict[str, dict[str, Any]] = {}
    for skill in skills or ["interaction"]:
        est = estimates.get(skill)
        status = skill_status(est.score if est else None, est.evidence_count if est else 0, target)
        per_skill[skill] = {"status": status, "estimate": est.estimate if est else None, "target": target,
                            "evidence_count": est.evidence_count if est else 0}
    overall = min((v["status"] for v in per_skill.values()), key=STATUS_ORDER.index)
    counts = sum(v["evidence_count"] for v in per_skill.values())
    texts = {
        "ready": ("Kielitaito riittää tämän osan näyttöön.", "Language skills are enough for this unit's demonstration."),
        "almost": ("Kielitaito melkein riittää. Harjoittele vielä.", "Language skills are almost enough; keep practising."),
        "not_yet": ("Kielitaito ei vielä riitä. Näyttö kannattaa tehdä myöhemmin.",
                    "Language skills are not enough yet; plan the demonstration later."),
        "not_enough_evidence": ("Näyttöä kielitaidosta on liian vähän arvioon.",
                                "Too little evidence of language skills to judge."),
    }
    fi, en = texts[overall]
    return {"status": overall, "skills": per_skill, "evidence_count": counts, "reasons": [reason(fi, en)]}
