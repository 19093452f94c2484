"""Recommended competence demonstrations (näyttö): a participant's work-trial tasks, written in free
Finnish, → first the qualifications whose field fits the tasks, then the units inside them that pass a
relevance threshold (service/coach/qualification_fit.py). Where the fitting qualification is not in the
corpus we say so first, with the import command, and show only units that pass (possibly none); the
content of a missing qualification is never made up. Each unit says why (its own requirements that
share the task's words), how strong the match is, how competence is demonstrated (the unit's text), the
assessment criteria the participant's evidence supports — each linked to the simulations, texts and
workplace observations behind it — and the participant's language readiness for the unit.

What "supported" means: a satisfactory-level (T1 / hyväksytty) criterion about communication
(customers, asking, guiding, reporting, writing down) whose skill the evidence shows at A2 or better
from at least two observations; or a criterion that names a work word the participant has used in
simulations or written texts. It is a pointer for the coach, not an assessment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from corpora.qualifications import Qualification
from service.coach.evidence import EvidenceItem, SkillEstimate, estimate_skills, level_label, level_number
from service.coach.participants import SKILL_NAMES
from service.coach.plan_shapes import FiEnData
from service.coach.qualification_fit import (
    QualificationFit,
    UnitCandidate,
    UnitRanker,
    fit_qualifications,
)
from service.coach.readiness import MIN_EVIDENCE, STATUS_ORDER, ReadinessService, skill_status
from service.coach.recommendation_shapes import (
    EvidenceRef,
    FitData,
    LanguageDemands,
    LanguageReadiness,
    MissingQualification,
    Recommendation,
    RecommendationsData,
    SkillReadinessRow,
    SupportedCriterion,
)
from service.core.auth import CurrentUser
from service.core.errors import InvalidInput

MAX_TASKS = 20
STRONG = 0.7  # relevance from which a match is called strong
# Word stems that show which skill a requirement or criterion demands.
SKILL_STEMS: dict[str, tuple[str, ...]] = {
    "interaction": ("asiakas", "asiakk", "palvel", "vuorovaikut", "keskustel", "kysy", "neuvo", "ohjaa", "ohjee",
                    "kommunik", "viesti", "yhteistyö", "kohtaa", "kuuntel", "perehdyt"),
    "speaking": ("kertoo", "selittää", "esittel", "puhu", "kielitai", "perustel", "ilmoitt"),
    "writing": ("kirjaa", "dokumen", "raportoi", "täyttää", "kirjoit", "laskut", "tallent"),
    "reading": ("ohjeiden", "ohjeita", "lukee", "tulkitsee", "käyttöturvallisuustied", "suunnitelman mukaisesti",
                "perehtyy"),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
GENERIC_IMPORT = "tyokieli import eperusteet --id N  (N = the qualification's id in eperusteet.opintopolku.fi)"


def _skills_of(text: str) -> set[str]:
    low = text.casefold()
    return {skill for skill, stems in SKILL_STEMS.items() if any(s in low for s in stems)}


def _stems(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.casefold()) if len(w) >= 5}


def _fi_en(fi: str, en: str) -> FiEnData:
    return FiEnData(fi=fi, en=en)


def _evidence_ref(item: EvidenceItem) -> EvidenceRef:
    return EvidenceRef(id=item.id, kind=item.kind, source=item.source, task=item.task,
                       recorded_at=item.recorded_at.isoformat())


class RecommendationService:
    """`search(query, k)` returns hits {qualification, qualification_name, unit_code, unit_name, score};
    `corpus()` the qualifications of the corpus; `missing(text)` the known qualifications a text names
    that the corpus lacks ({name, name_en, import_command}); `known(name)` the import command of a
    known qualification (or None); `text_level(text)` a CEFR estimate of a text."""

    def __init__(
        self,
        readiness: ReadinessService,
        search: Callable[[str, int], Sequence[Mapping[str, object]]],
        corpus: Callable[[], Sequence[Qualification]],
        missing: Callable[[str], list[dict[str, str]]] | None = None,
        text_level: Callable[[str], str] | None = None,
    ) -> None:
        self.readiness = readiness
        self._ranker = UnitRanker(search, corpus)
        self._corpus = corpus
        self._missing = missing or (lambda _text: [])
        self._text_level = text_level or (lambda _text: "B1")

    def recommend(self, user: CurrentUser, tasks: list[str] | None, participant_id: int | None = None,
                  k: int = 8) -> RecommendationsData:
        estimates: dict[str, SkillEstimate] = {}
        items: list[EvidenceItem] = []
        if participant_id is not None:
            p, items = self.readiness.gather(user, participant_id)
            self.readiness.participants.record(user, "read", participant_id)
            tasks = tasks or list(p.work_trial_tasks or [])
            estimates = estimate_skills(items, p.teacher_assessment, p.self_assessment, p.teacher_assessed_at)
        tasks = [t.strip() for t in tasks or [] if t and t.strip()]
        if not tasks:
            raise InvalidInput("Write at least one work-trial task in Finnish, e.g. 'Palvelen asiakkaita kassalla.'")
        if len(tasks) > MAX_TASKS or any(len(t) > 1000 for t in tasks):
            raise InvalidInput(f"At most {MAX_TASKS} work-trial tasks of up to 1,000 characters each.")

        fits = fit_qualifications(tasks, list(self._corpus()))
        units = self._ranker.rank(tasks, fits)[:k]
        recs = [self._recommendation(u, tasks, estimates, items) for u in units]
        missing = self._not_in_corpus(tasks, fits)
        return RecommendationsData(
            participant=participant_id, work_trial_tasks=tasks,
            message=_message(fits, missing, recs),
            qualification_fit=[_fit_dict(f) for f in fits],
            not_in_corpus=missing, recommendations=recs,
            note=_fi_en("Ensin valitaan tehtävään sopivat tutkinnot, sitten niiden osat. Valmentaja päättää.",
                           "Qualifications that fit the tasks come first, then their units; the coach decides."),
        )

    def _recommendation(self, cand: UnitCandidate, tasks: list[str], estimates: dict[str, SkillEstimate],
                        items: list[EvidenceItem]) -> Recommendation:
        unit = cand.unit
        criteria = [(a.target, c) for a in unit.assessment for c in (a.levels[0].criteria if a.levels else [])]
        demand_texts = list(unit.requirements) + [c for _, c in criteria]
        demanded = set().union(*(_skills_of(t) for t in demand_texts)) if demand_texts else set()
        level = self._text_level(" ".join(demand_texts)[:2500] or unit.name)
        target = level_label(min(3.0, max(2.0, level_number(level) or 3.0)))  # A2–B1: we do not demand C1 prose
        demanded_skills = [s for s in SKILL_NAMES if s in demanded]
        demands = LanguageDemands(
            skills=demanded_skills, text_level=level, target=target,
            communication=[t for t in demand_texts if _skills_of(t) & {"interaction", "speaking", "writing"}][:6],
            note=_fi_en(f"Tavoitetaso {target} on arvio tutkinnon osan tekstistä.",
                        f"The target {target} is our estimate from the unit's text."),
        )
        strong = cand.relevance >= STRONG
        return Recommendation(
            qualification=cand.qualification, qualification_name=cand.qualification_name,
            unit_code=unit.code, unit_name=unit.name, score=cand.relevance, relevance=cand.relevance,
            strength="strong" if strong else "moderate",
            strength_label=_fi_en("vahva", "strong") if strong else _fi_en("kohtalainen", "moderate"),
            matched_tasks=cand.tasks, why=_why(unit.requirements, tasks),
            demonstration=unit.demonstration or "",
            demonstration_note=None if unit.demonstration else _fi_en(
                "Tutkinnon osassa ei ole erillistä näyttökuvausta.", "The unit has no separate demonstration text."),
            requirements=unit.requirements[:12],
            supported_criteria=self._supported(criteria, estimates, items),
            language_demands=demands,
            language_readiness=_readiness(demanded_skills, target, estimates),
            source="Opetushallitus, ePerusteet",
        )

    @staticmethod
    def _supported(criteria: list[tuple[str, str]], estimates: dict[str, SkillEstimate],
                   items: list[EvidenceItem]) -> list[SupportedCriterion]:
        """Criteria the evidence supports, each with the evidence items behind it."""
        terms = {t for i in items for t in i.data.get("terms_used") or []}
        term_stems = {t[:6]: t for t in terms if len(t) >= 5}
        out: list[SupportedCriterion] = []
        for target, criterion in criteria:
            because: FiEnData | None = None
            behind: list[EvidenceItem] = []
            for skill in ("interaction", "speaking", "writing", "reading"):
                est = estimates.get(skill)
                if skill in _skills_of(criterion) and est and est.score is not None \
                        and est.evidence_count >= MIN_EVIDENCE and est.score >= 2.0:
                    fi, en = SKILL_NAMES[skill]
                    because = _fi_en(f"Näyttö: {fi} {est.estimate} ({est.evidence_count} kpl).",
                                     f"Evidence: {en} {est.estimate} ({est.evidence_count} items).")
                    behind = [i for i in items if skill in (i.data.get("skills") or {})]
                    break
            if because is None:
                words = sorted({term_stems[s] for s in _stems(criterion) if s in term_stems})
                if words:
                    because = _fi_en(f"Harjoituksissa käytetyt sanat: {', '.join(words)}.",
                                     f"Words used in practice: {', '.join(words)}.")
                    behind = [i for i in items if set(words) & set(i.data.get("terms_used") or [])]
            if because is not None:
                out.append(SupportedCriterion(target=target, criterion=criterion, because=because,
                                              evidence=[_evidence_ref(i) for i in behind[-5:]]))
        return out

    def _not_in_corpus(self, tasks: list[str], fits: list[QualificationFit]) -> list[MissingQualification]:
        text = " ".join(tasks).casefold()
        named = {q["name"]: q for q in self._missing(text)}
        for f in fits:
            if not f.in_corpus and f.name not in named:
                known = self._missing(f.name.casefold())
                named[f.name] = known[0] if known else {"name": f.name, "name_en": f.field_en,
                                                        "import_command": GENERIC_IMPORT}
        note = _fi_en("Tätä tutkintoa ei ole aineistossa. Tuo se ePerusteista komennolla:",
                      "This qualification is not in the corpus. Import it from ePerusteet with:")
        return [MissingQualification(name=q["name"], name_en=q.get("name_en", ""),
                                     import_command=q.get("import_command", GENERIC_IMPORT), note=note)
                for q in named.values()]


def _why(requirements: list[str], tasks: list[str], n: int = 3) -> list[str]:
    """The unit's own requirements that share most words with the tasks (its own words, never ours)."""
    def words(text: str) -> set[str]:  # here 'asiakas' and 'palvelu' do count: they name the requirement
        return {w[:5] for w in _WORD.findall(text.casefold()) if len(w) >= 4}

    task_stems = set().union(*(words(t) for t in tasks))
    scored = [(len(words(r) & task_stems), i, r) for i, r in enumerate(requirements)]
    return [r for score, _, r in sorted(scored, key=lambda x: (-x[0], x[1])) if score > 0][:n]


def _fit_dict(f: QualificationFit) -> FitData:
    return FitData(name=f.name, qualification=f.qualification, in_corpus=f.in_corpus,
                   field=_fi_en(f.field_fi, f.field_en or f.field_fi), matched_words=f.matched, strength=f.strength)


def _message(fits: list[QualificationFit], missing: list[MissingQualification],
             recs: list[Recommendation]) -> FiEnData:
    """What the coach reads first: which qualification fits, and whether the corpus has it."""
    absent = [f for f in fits if not f.in_corpus and f.strength >= 1.0]
    if absent:
        names = ", ".join(f.name for f in absent)
        cmd = next((m["import_command"] for m in missing if m["name"] == absent[0].name), GENERIC_IMPORT)
        if not recs:
            return _fi_en(f"Tehtävään sopii {names}, mutta sitä ei ole aineistossa. Mikään aineiston tutkinnon osa "
                          f"ei sovi. Tuo tutkinto: {cmd}",
                          f"The task fits {names}, which is not in the corpus: no unit in the shipped corpus fits. "
                          f"Import it: {cmd}")
        return _fi_en(f"Tehtävään sopii parhaiten {names}, jota ei ole aineistossa (tuo: {cmd}). Alla vain osat, "
                      "jotka ylittävät kynnyksen.",
                      f"The task fits {names} best, which is not in the corpus (import: {cmd}); below only units "
                      "that pass the threshold.")
    if not fits:
        return _fi_en("Tehtävästä ei tunnistettu alaa. Alla vain osat, jotka sopivat tehtävään hyvin (jos niitä on).",
                      "No work field was recognised in the tasks; below only units that match them closely, if any.")
    if not recs:
        return _fi_en("Sopivista tutkinnoista ei löytynyt osaa, joka ylittäisi kynnyksen.",
                      "No unit of the fitting qualifications passes the threshold.")
    names = ", ".join(f.name for f in fits if f.in_corpus)
    return _fi_en(f"Tehtävään sopii: {names}.", f"The tasks fit: {names}.")


def _readiness(skills: list[str], target: str | None, estimates: dict[str, SkillEstimate]) -> LanguageReadiness:
    per_skill: dict[str, SkillReadinessRow] = {}
    for skill in skills or ["interaction"]:
        est = estimates.get(skill)
        status = skill_status(est.score if est else None, est.evidence_count if est else 0, target)
        per_skill[skill] = SkillReadinessRow(status=status, estimate=est.estimate if est else None, target=target,
                                             evidence_count=est.evidence_count if est else 0)
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
    return LanguageReadiness(status=overall, skills=per_skill, evidence_count=counts, reasons=[_fi_en(fi, en)])
