"""The session report: goals reached, key terms used, errors by category with examples, interaction
measures, a CEFR-aligned band (A1–B2) per rubric criterion with its reasons, bands per skill, and
next steps. It is plain JSON so that it can be stored with the session and read back by the coach's
readiness view.

The bands are evidence from one short conversation, not a test result: each band is capped at one
level above the level the conversation was played at, and the report says how many turns it rests on.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from corpora.tasks_profiles import load_task_profile
from finnish.analyser import Analyser
from finnish.level import estimate_level
from finnish.model import join_analyses
from simulations.goals import _has_lemma, _lemmas
from simulations.report_model import (
    Criterion,
    Ending,
    ErrorCategory,
    ErrorExample,
    Errors,
    FiEn,
    Misread,
    NextScenario,
    NextSteps,
    Phrase,
    Report,
    SkillBand,
    Understanding,
)
from simulations.scenario import LEVELS, Level, Scenario
from simulations.scenario import Criterion as Rubric

if TYPE_CHECKING:
    from simulations.engine import SessionState

REPORT_VERSION = 1
_REDIRECTED = {"empty", "english", "off_topic"}


def _band(i: int, cap: int) -> Level:
    return LEVELS[max(0, min(i, cap, len(LEVELS) - 1))]


def _why(fi: str, en: str) -> FiEn:
    return {"fi": fi, "en": en}


class _Facts:
    """Everything measured once, shared by the criteria."""

    def __init__(self, scenario: Scenario, state: SessionState, analyser: Analyser) -> None:
        self.scenario = scenario
        self.level: Level = state.level
        self.li = LEVELS.index(state.level)
        self.turns = [t for t in state.transcript if t.role == "learner"]
        self.answers = [t for t in self.turns if t.kind == "answer" or t.kind == "off_topic"]
        self.required = [g for g in scenario.goals if g.required]
        self.reached = [g for g in scenario.goals if g.id in state.goals_reached]
        self.required_reached = [g for g in self.required if g.id in state.goals_reached]
        self.hints = state.hints
        analyses = [analyser.analyse(t.text) for t in self.answers if t.text.strip()]
        lemmas: set[str] = set()
        for a in analyses:
            lemmas |= _lemmas(a)
        self.terms_used = [k for k in scenario.key_terms if _has_lemma(lemmas, k)]
        self.terms_missing = [k for k in scenario.key_terms if k not in self.terms_used]
        profile_terms = scenario.grounding.key_terms if scenario.grounding else _profile_terms(scenario.task)
        self.profile_used = [k for k in profile_terms if _has_lemma(lemmas, k)]
        self.profile_size = len(profile_terms)
        self.words = sum(len(a.words) for a in analyses)
        self.mean_words = self.words / len(analyses) if analyses else 0.0
        self.longest = max((len(a.words) for a in analyses), default=0)
        # the answers' own analyses joined, not a parse of the joined text (~40 ms on the finishing
        # turn); each answer stays its own sentence(s) even when it has no final punctuation
        self.estimate = estimate_level(join_analyses(analyses)) if analyses else None
        self.errors = [(t, f) for t in self.turns for f in t.feedback if f.get("severity", "error") == "error"]
        self.questions = sum(1 for t in self.turns if t.question and t.kind != "repair")
        self.repairs = sum(1 for t in self.turns if t.kind == "repair")
        self.redirects = sum(1 for t in self.turns if t.kind in _REDIRECTED)
        self.misunderstood: list[Misread] = [{**m, "turn": t.text} for t in self.turns for m in t.understanding]

    @property
    def goal_share(self) -> float:
        return len(self.required_reached) / len(self.required) if self.required else 1.0


PROFILE_TERMS = 40  # the task profile's strongest key terms that count as "profile key terms"


def _profile_terms(task: str) -> list[str]:
    """The task profile's top key terms (the pre-built profile in corpora), or none if it has none."""
    try:
        profile = load_task_profile(task)
    except (KeyError, ValueError):
        return []
    return [t.lemma for t in profile.key_terms[:PROFILE_TERMS] if not t.multiword]


def _goals(f: _Facts) -> tuple[int, list[FiEn]]:
    n, total = len(f.required_reached), len(f.required)
    reasons = [_why(f"Saavutit {n}/{total} tavoitetta.", f"You reached {n} of {total} goals.")]
    if f.goal_share == 1.0:
        i = f.li if f.hints <= 2 else f.li - 1
        if f.hints > 2:
            reasons.append(_why(f"Käytit {f.hints} vihjettä.", f"You used {f.hints} hints."))
    elif f.goal_share >= 0.5:
        i = f.li - 1
    else:
        i = 0
    return i, reasons


def _vocabulary(f: _Facts) -> tuple[int, list[FiEn]]:
    if not f.scenario.key_terms:
        return f.li, [_why("Tässä harjoituksessa ei ole avainsanoja.", "This scenario lists no key terms.")]
    share = len(f.terms_used) / len(f.scenario.key_terms)
    used = ", ".join(f.terms_used) or "–"
    reasons = [_why(f"Käytit työn sanoja: {used}.", f"Work words you used: {used}.")]
    i = f.li + 1 if share >= 0.6 else f.li if share >= 0.3 else f.li - 1 if share > 0 else 0
    return i, reasons


def _accuracy(f: _Facts) -> tuple[int, list[FiEn]]:
    per100 = 100 * len(f.errors) / f.words if f.words else 0.0
    reasons = [_why(f"Virheitä: {len(f.errors)} ({per100:.0f} / 100 sanaa).",
                    f"Errors: {len(f.errors)} ({per100:.0f} per 100 words).")]
    i = 3 if per100 <= 3 else 2 if per100 <= 8 else 1 if per100 <= 15 else 0
    # a clean but tiny sample shows little: accuracy cannot outrun the length of the turns
    return min(i, _range_index(f) + 1), reasons


def _range_index(f: _Facts) -> int:
    """Monotone in its measure, the mean turn length: 5.3 words a turn never rates below 3.7 (the
    text's level estimate is a reason shown beside it, not a cap that could reverse the order)."""
    return 0 if f.mean_words < 3 else 1 if f.mean_words < 6 else 2 if f.mean_words < 10 else 3


def _range(f: _Facts) -> tuple[int, list[FiEn]]:
    reasons = [_why(f"Vuorossa oli keskimäärin {f.mean_words:.1f} sanaa (pisin {f.longest}).",
                    f"Your turns had {f.mean_words:.1f} words on average (longest {f.longest}).")]
    if f.estimate is not None and f.estimate.reliable:
        reasons.append(_why(f"Tekstin tasoarvio: {f.estimate.cefr}.", f"Level estimate of your text: {f.estimate.cefr}."))
    return _range_index(f), reasons


def _interaction(f: _Facts) -> tuple[int, list[FiEn]]:
    reasons = [_why(f"Kysymyksiä: {f.questions}. Toistopyyntöjä: {f.repairs}.",
                    f"Questions you asked: {f.questions}. Requests to repeat: {f.repairs}.")]
    i = f.li if f.goal_share >= 0.5 else 0
    if f.questions >= 2 and f.goal_share == 1.0:
        i += 1
    if f.redirects >= 2:
        i -= 1
        reasons.append(_why(f"{f.redirects} vuoroa meni ohi aiheen, englanniksi tai tyhjänä.",
                            f"{f.redirects} turns were off topic, in English or empty."))
    return i, reasons


def _listening(f: _Facts) -> tuple[int, list[FiEn]]:
    reasons = [_why(f"Toistopyyntöjä: {f.repairs}, vuoroja: {len(f.turns)}.",
                    f"Requests to repeat: {f.repairs}, turns: {len(f.turns)}.")]
    if f.misunderstood:
        reasons.append(_why(f"Väärin ymmärrettyjä tietoja: {len(f.misunderstood)}.",
                            f"Facts you misunderstood: {len(f.misunderstood)}."))
    if f.goal_share < 0.5:
        return 0, reasons
    return (f.li if f.repairs <= 2 and not f.misunderstood else f.li - 1), reasons


_MEASURES = {
    "goals": _goals, "vocabulary": _vocabulary, "accuracy": _accuracy,
    "range": _range, "interaction": _interaction, "listening": _listening,
}


def _criterion(c: Rubric, f: _Facts) -> Criterion:
    if not f.turns:
        return {"id": c.id, "name": c.name, "name_en": c.name_en, "skill": c.skill, "band": None,
                "reasons": [_why("Ei vuoroja, ei arviota.", "No turns, so no band.")]}
    i, reasons = _MEASURES[c.measure](f)
    return {"id": c.id, "name": c.name, "name_en": c.name_en, "skill": c.skill, "measure": c.measure,
            "band": _band(i, f.li + 1), "reasons": reasons}


def _skills(criteria: list[Criterion]) -> dict[str, SkillBand]:
    out: dict[str, SkillBand] = {}
    for skill in ("speaking", "listening", "interaction"):
        mine = [(c, band) for c in criteria if c["skill"] == skill and (band := c["band"])]
        if not mine:
            continue
        bands = sorted(LEVELS.index(band) for _, band in mine)
        out[skill] = {"cefr": LEVELS[bands[(len(bands) - 1) // 2]],  # the lower median
                      "why": "; ".join(f"{c['name_en']}: {band}" for c, band in mine)}
    return out


def _errors(f: _Facts) -> Errors:
    by_cat: dict[str, list[ErrorExample]] = {}
    for turn, issue in f.errors:
        by_cat.setdefault(issue["category"], []).append({
            "turn": turn.text, "words": turn.text[issue["start"]:issue["end"]], "message": issue["message"],
            "message_en": issue["message_en"], "suggestions": issue.get("suggestions", [])[:3],
        })
    cats = Counter({k: len(v) for k, v in by_cat.items()})
    by_category: list[ErrorCategory] = [{"category": k, "count": n, "examples": by_cat[k][:3]}
                                        for k, n in cats.most_common()]
    return {"total": len(f.errors),
            "per_100_words": round(100 * len(f.errors) / f.words, 1) if f.words else 0.0,
            "by_category": by_category}


def _next_steps(f: _Facts, others: list[Scenario]) -> NextSteps:
    # optional goals (other ways through the graph) are not "what to practise"
    missing = [g for g in f.required if g.id not in {r.id for r in f.reached}]
    done = f.goal_share == 1.0
    scenarios: list[NextScenario] = []
    if not done:
        scenarios.append({"id": f.scenario.id, "title": f.scenario.title, "level": f.level,
                          "why": _why("Harjoittele tätä uudestaan.", "Practise this one again.")})
    elif f.li + 1 < len(LEVELS) and LEVELS[f.li + 1] in f.scenario.levels:
        scenarios.append({"id": f.scenario.id, "title": f.scenario.title, "level": LEVELS[f.li + 1],
                          "why": _why("Kokeile vaikeampaa tasoa.", "Try the next level.")})
    related = sorted(others, key=lambda s: (s.task != f.scenario.task, s.sector != f.scenario.sector, s.id))
    for s in [s for s in related if s.id != f.scenario.id][:2]:
        scenarios.append({"id": s.id, "title": s.title, "level": f.level,
                          "why": _why("Sama työ tai ala.", "The same task or sector.")})
    phrases: list[Phrase] = [] if done else [{"fi": p.fi, "en": p.en} for p in f.scenario.phrases[:5]]
    return {
        "goals": [{"id": g.id, "description": g.description, "description_en": g.description_en,
                   "example": g.examples[0]} for g in missing],
        "words": f.terms_missing[:8],
        "phrases": phrases,
        "categories": [c["category"] for c in _errors(f)["by_category"]][:3],
        "scenarios": scenarios,
    }


def _understanding(f: _Facts) -> Understanding:
    """Ymmärtäminen / Understanding: the facts the learner got wrong, each with what was right."""
    return {"title": "Ymmärtäminen", "title_en": "Understanding", "misunderstood": f.misunderstood,
            "summary": _why(f"Väärin ymmärrettyjä tietoja: {len(f.misunderstood)}.",
                            f"Facts misunderstood: {len(f.misunderstood)}.")}


def _ending(scenario: Scenario, state: SessionState) -> Ending | None:
    """Which end of the dialogue graph the conversation reached (problem scenarios have several)."""
    if not state.finished or state.finished_reason != "completed":
        return None
    node = next((n for n in scenario.nodes if n.id == state.node), None)
    if node is None or not node.end:
        return None
    ends = [n.id for n in scenario.nodes if n.end]
    return {"node": node.id, "outcome": node.outcome or "", "outcome_en": node.outcome_en or "",
            "of": len(ends)}


def build_report(scenario: Scenario, state: SessionState, analyser: Analyser,
                 others: list[Scenario] | None = None) -> Report:
    """The report of one session (finished or not). `state` is a SessionState."""
    f = _Facts(scenario, state, analyser)
    criteria = [_criterion(c, f) for c in scenario.rubric]
    return {
        "version": REPORT_VERSION,
        "scenario": scenario.id, "title": scenario.title, "title_en": scenario.title_en, "task": scenario.task,
        "sector": scenario.sector, "level": state.level, "partner": state.partner,
        "finished": state.finished, "finished_reason": state.finished_reason,
        "goals": [{"id": g.id, "description": g.description, "description_en": g.description_en,
                   "required": g.required, "reached": g in f.reached} for g in scenario.goals],
        # one goal count everywhere (here, in the goals criterion, in the history): the required goals
        "goals_reached": len(f.required_reached), "goals_total": len(f.required),
        "understanding": _understanding(f),
        "ending": _ending(scenario, state),
        "key_terms": {"used": f.terms_used, "not_used": f.terms_missing,
                      "profile_used": f.profile_used, "profile_size": f.profile_size},
        "errors": _errors(f),
        "interaction": {"learner_turns": len(f.turns), "words": f.words, "mean_turn_words": round(f.mean_words, 1),
                        "longest_turn_words": f.longest, "questions": f.questions, "repair_requests": f.repairs,
                        "redirected_turns": f.redirects, "hints": f.hints},
        "criteria": criteria,
        "skills": _skills(criteria),
        "evidence": _why(f"Arvio perustuu {len(f.turns)} vuoroon yhdessä harjoituksessa.",
                         f"Based on {len(f.turns)} turns in one practice conversation."),
        "next_steps": _next_steps(f, others or []),
    }
