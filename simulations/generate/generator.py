"""Draft scenarios from a task-language profile, without an LLM: one per situation the profile found
(up to a limit), each from the template of its situation kind, filled with the profile's key terms
(inflected by omorfi) and sentences, and every Finnish line checked by the feedback engine.

Deterministic: the same profile gives the same scenarios. Scenario i of a profile takes the key
nouns and verbs from position 2i on, so the scenarios of one profile practise different words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from finnish.generator import FormGenerator, build_generator
from finnish.profile import Situation, TaskProfile
from simulations.errors import SimulationError
from simulations.generate.binding import profile_grounding
from simulations.generate.render import Renderer
from simulations.generate.template import PhraseTemplate, SituationTemplate, load_templates
from simulations.generate.words import (
    Noun,
    Words,
    candidate_terms,
    fill,
    inflect,
    profile_sentences,
    slot_cases,
)
from simulations.scenario import Criterion, Goal, Node, Person, Phrase, Scenario

if TYPE_CHECKING:
    from simulations.generate.polish import Polished

MAX_SCENARIOS = 8
NOUNS_PER_SCENARIO = 3
VERBS_PER_SCENARIO = 2
MAX_INFLECTED = 16
KEY_TERMS = 8
MAX_CHECKED = 20_000
CATCH_ALL = "*"
STANDARD_RUBRIC = (
    Criterion(id="task", name="Asia tulee hoidettua", name_en="Gets the task done", skill="interaction", measure="goals"),
    Criterion(id="vocabulary", name="Työn sanasto", name_en="Work vocabulary", skill="speaking", measure="vocabulary"),
    Criterion(id="accuracy", name="Kielen tarkkuus", name_en="Accuracy", skill="speaking", measure="accuracy"),
    Criterion(id="range", name="Lauseiden pituus ja laajuus", name_en="Length and range of turns", skill="speaking",
              measure="range"),
    Criterion(id="interaction", name="Vuorovaikutus", name_en="Interaction", skill="interaction", measure="interaction"),
    Criterion(id="listening", name="Puheen ymmärtäminen", name_en="Understanding the partner", skill="listening",
              measure="listening"),
)


class NoSituations(SimulationError):
    """The profile found no situations to build a conversation on (→ 422)."""


class Checker(Protocol):
    def check(self, text: str, register: Any = "written") -> Sequence[Any]: ...


class Polisher(Protocol):
    """simulations.generate.polish.LinePolisher: an LLM's more natural lines, each one re-checked."""

    def polish(self, scenario: Scenario) -> Polished: ...


@dataclass(frozen=True)
class Generated:
    scenario: Scenario
    situation: str
    template: str
    checked_lines: int
    rejected: list[str] = field(default_factory=list)  # alternatives the feedback engine flagged
    polished: list[str] = field(default_factory=list)  # where-paths of the lines an LLM made more natural
    notices: list[str] = field(default_factory=list)  # polished lines not taken, and why


def error_messages(checker: Checker, text: str) -> list[str]:
    """The feedback engine's errors on a line (hints and notes are not defects)."""
    return [str(getattr(i, "message", i)) for i in checker.check(text) if getattr(i, "severity", "error") == "error"]


def check_many(checker: Checker, texts: Sequence[str],
               judge: Callable[[Checker, str], list[str]] = error_messages) -> dict[str, list[str]]:
    """judge (error_messages) of each distinct text, their parses batched first: the feedback engine's
    analyser parses many short texts with one spaCy pipe several times faster than one by one, and its
    cache then answers the engine's own parse of each line."""
    distinct = list(dict.fromkeys(texts))
    batch = getattr(getattr(checker, "analyser", None), "analyse_many", None)
    if callable(batch) and len(distinct) > 1:
        batch(distinct)
    return {t: judge(checker, t) for t in distinct}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "tilanne"


class ScenarioGenerator:
    def __init__(self, checker: Checker, generator: FormGenerator | None = None,
                 templates: Sequence[SituationTemplate] | None = None, limit: int = MAX_SCENARIOS,
                 polisher: Polisher | None = None) -> None:
        self.checker = checker
        self.polisher = polisher  # None: offline (the default), generation never calls a model
        self.forms = generator or build_generator()
        self.templates = tuple(templates) if templates is not None else load_templates()
        self.limit = limit
        self.cases = slot_cases(t.model_dump_json() for t in self.templates)
        # text → its first error ("" = passes): the checker is deterministic, and the templates' fixed
        # lines recur in every profile's scenarios, so they are checked once per process (bounded)
        self._checked: dict[str, str] = {}

    def template_for(self, situation: Situation, lemmas: set[str]) -> SituationTemplate:
        """The first template listing the situation whose required words the profile has, else the catch-all."""
        for wanted in (situation.id, CATCH_ALL):
            for t in self.templates:
                if wanted in t.situations and (not t.requires_any or lemmas & set(t.requires_any)):
                    return t
        raise NoSituations(f"No template serves the situation '{situation.id}'.")

    def generate(self, profile: TaskProfile, *, profile_id: int, profile_version: int,
                 id_prefix: str | None = None, polish: bool = False) -> list[Generated]:
        """Draft scenarios; with `polish` (and a polisher) an LLM makes the lines more natural, each re-checked."""
        if not profile.situations:
            raise NoSituations(
                "Profiilista ei löytynyt työtilanteita, joten harjoitusta ei voi tehdä. Lisää teksteihin työohjeita "
                "tai keskustelua (esimerkiksi ohjeita, kysymyksiä, asiakkaan kanssa puhumista). / The profile found "
                "no work situations: add texts with instructions or dialogue (questions, talk with customers).")
        lemmas = {t.lemma for t in profile.key_terms}
        nouns = self._nouns(profile, 2 * (min(len(profile.situations), self.limit) - 1) + NOUNS_PER_SCENARIO)
        verbs = [t.lemma for t in candidate_terms(profile, "VERB")]
        sentences = profile_sentences(profile)
        prefix = id_prefix or f"p{profile_id}"
        if len(self._checked) > MAX_CHECKED:
            self._checked.clear()
        plans = []
        for i, situation in enumerate(profile.situations[: self.limit]):
            template = self.template_for(situation, lemmas)
            words = Words(nouns=_rotate(nouns, 2 * i, NOUNS_PER_SCENARIO), verbs=_rotate(verbs, i, VERBS_PER_SCENARIO),
                          sentences={k: v[i % len(v)] for k, v in sentences.items() if v},
                          fixed={"name": template.partner.name or "", "title": profile.title})
            plans.append((situation, template, words, f"{prefix}-{_slug(situation.id)}"))
        # a dry run notes the lines the scenarios will use if they pass; those are checked in one batch,
        # and the real run checks (one by one) only the alternatives it falls back to
        seen: dict[str, None] = {}
        for situation, template, words, sid in plans:
            dry = Renderer(words, None, cache=self._checked)
            self._scenario(template, situation, profile, dry, sid, profile_id, profile_version)
            seen.update(dry.seen)
        found = check_many(self.checker, [t for t in seen if t not in self._checked])
        self._checked.update({t: (m[0] if m else "") for t, m in found.items()})
        out: list[Generated] = []
        for situation, template, words, sid in plans:
            renderer = Renderer(words, lambda text: error_messages(self.checker, text), cache=self._checked)
            scenario = self._scenario(template, situation, profile, renderer, sid, profile_id, profile_version)
            made = Generated(scenario, situation.id, template.id, renderer.checked, list(renderer.rejected))
            if polish and self.polisher is not None:
                done = self.polisher.polish(scenario)
                made = replace(made, scenario=done.scenario, polished=done.changed, notices=done.notices)
            out.append(made)
        return out

    def _nouns(self, profile: TaskProfile, wanted: int) -> list[Noun]:
        """The strongest key nouns omorfi inflects in every case the templates use, as many as the scenarios take."""
        out: list[Noun] = []
        for term in candidate_terms(profile, "NOUN"):
            noun = inflect(term, self.forms, self.cases)
            if noun is not None:
                out.append(noun)
            if len(out) >= min(wanted, MAX_INFLECTED):
                break
        return out

    def _scenario(self, t: SituationTemplate, situation: Situation, profile: TaskProfile, r: Renderer,
                  scenario_id: str, profile_id: int, profile_version: int) -> Scenario:
        goals = []
        for g in t.goals:
            description, description_en = r.pair(g.description, f"{g.id}.description")
            goals.append(Goal(id=g.id, description=description, description_en=description_en,
                              examples=r.texts(g.examples, f"{g.id}.examples"), lemmas=r.lemmas(g.lemmas),
                              intents=g.intents, required=g.required))
        nodes = [Node(id=n.id, say=r.line(n.say, f"{n.id}.say"),
                      simpler=r.line(n.simpler, f"{n.id}.simpler") if n.simpler else None,
                      hint=r.hint(n.hint, f"{n.id}.hint") if n.hint else None,
                      expects=n.expects, next=n.next, end=n.end) for n in t.nodes]
        phrases = [Phrase(fi=fi, en=en) for fi, en in (_phrase(r, p) for p in t.phrases) if fi]
        label = situation.label or t.title
        setting, setting_en = r.pair(t.setting, "setting")
        key_terms = list(dict.fromkeys([*r.words.lemmas(), *(k.lemma for k in profile.key_terms if not k.multiword)]))
        return Scenario(
            id=scenario_id, title=f"{label} – {profile.title}", title_en=f"{situation.label_en or t.title_en} – {profile.title}",
            task=f"profile:{profile_id}", profile=profile_id, profile_version=profile_version, sector="profile",
            grounding=profile_grounding(profile),
            kind=t.kind, problem=t.problem,  # type: ignore[arg-type]
            setting=setting, setting_en=setting_en,
            partner=Person(**t.partner.model_dump()), learner=Person(**t.learner.model_dump()),
            goals=goals, phrases=phrases, key_terms=key_terms[:KEY_TERMS], start=t.start, nodes=nodes,
            redirect=r.line(t.redirect, "redirect"), rubric=list(STANDARD_RUBRIC),
        )


def _phrase(r: Renderer, p: PhraseTemplate) -> tuple[str, str]:
    """A useful phrase, or ("", "") when its slots do not fill or the feedback engine flags it."""
    fi = fill(p.fi, r.words)
    if fi is None or not r.ok(fi):
        return "", ""
    return fi, fill(p.en, r.words, english=True) or p.en


def _rotate(items: list[Any], start: int, n: int) -> list[Any]:
    if not items:
        return []
    k = start % len(items)
    rotated = items[k:] + items[:k]
    return rotated[:n]
