"""Communicative situations of a task (data/situations.yaml), inferred from the lemmas of its texts,
its description and its phrases; and the CEFR target per skill that follows from them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from finnish.level import CEFR_LEVELS
from finnish.profile import SKILLS, Cefr, Phrase, PhraseKind, Situation, Skill, SkillTarget, TextLevel
from finnish.yamlio import load_yaml

DATA = Path(__file__).parent / "data"
MIN_CUE_HITS = 2  # distinct cue words (or phrase kinds) the texts need for a situation to count


class SituationDef(BaseModel):
    id: str
    label: str
    label_en: str
    targets: dict[Skill, Cefr]
    cues: list[str] = Field(default_factory=list)
    phrase_kinds: list[PhraseKind] = Field(default_factory=list)

    @property
    def skills(self) -> list[Skill]:
        return [s for s in SKILLS if s in self.targets]


class SituationCatalogue(BaseModel):
    situations: list[SituationDef]


@lru_cache(maxsize=1)
def catalogue() -> dict[str, SituationDef]:
    data = SituationCatalogue.model_validate(load_yaml((DATA / "situations.yaml").read_text(encoding="utf-8")))
    return {s.id: s for s in data.situations}


def situation(sid: str, source: str = "given", evidence: Iterable[str] = ()) -> Situation:
    """A situation of the catalogue (or an unknown id the teacher typed, kept as it is)."""
    d = catalogue().get(sid)
    if d is None:
        return Situation(id=sid, label=sid.replace("_", " "), label_en="", skills=[], source="teacher")
    return Situation(id=d.id, label=d.label, label_en=d.label_en, skills=d.skills, source=source,  # type: ignore[arg-type]
                     evidence=list(dict.fromkeys(evidence)))


def infer_situations(
    text_lemmas: Counter[str],
    description_lemmas: Iterable[str],
    phrases: Sequence[Phrase],
    given: Sequence[str] = (),
) -> list[Situation]:
    """Given situations first, then those whose cue words occur in the description (one is enough)
    or in the texts (MIN_CUE_HITS distinct cues, a phrase kind counting as one)."""
    described = {lemma.lower() for lemma in description_lemmas}
    kinds = {p.kind for p in phrases}
    out: list[Situation] = []
    seen: set[str] = set()
    for sid in given:
        if sid not in seen:
            seen.add(sid)
            out.append(situation(sid, "given"))
    scored: list[tuple[int, Situation]] = []
    for d in catalogue().values():
        if d.id in seen:
            continue
        in_description = [c for c in d.cues if c in described]
        in_texts = [c for c in d.cues if text_lemmas.get(c, 0) > 0]
        kind_hits = [k for k in d.phrase_kinds if k in kinds]
        if in_description and (in_texts or kind_hits or len(in_description) >= 2):
            scored.append((100 + len(in_description) + len(in_texts), situation(d.id, "description", in_description + in_texts)))
        elif len(in_texts) + len(kind_hits) >= MIN_CUE_HITS and in_texts:
            evidence = in_texts + [f"phrase:{k}" for k in kind_hits]
            scored.append((len(in_texts) + len(kind_hits), situation(d.id, "texts", evidence)))
    scored.sort(key=lambda x: -x[0])
    out.extend(s for _, s in scored)
    return out


def _max_level(levels: Iterable[str]) -> str | None:
    ranked = [lv for lv in levels if lv in CEFR_LEVELS]
    return max(ranked, key=CEFR_LEVELS.index) if ranked else None


def _median_level(levels: Sequence[str]) -> str | None:
    ranked = sorted((lv for lv in levels if lv in CEFR_LEVELS), key=CEFR_LEVELS.index)
    return ranked[(len(ranked) - 1) // 2] if ranked else None


def skill_targets(situations: Sequence[Situation], texts: Sequence[TextLevel]) -> dict[Skill, SkillTarget]:
    """Per skill: the highest level its situations need; reading also follows the texts' levels
    (the median text, never above B2: a work trial does not demand C-level reading)."""
    cat = catalogue()
    out: dict[Skill, SkillTarget] = {}
    for skill in SKILLS:
        needs = [(s, cat[s.id].targets[skill]) for s in situations if s.id in cat and skill in cat[s.id].targets]
        level = _max_level(lv for _, lv in needs)
        why_fi: list[str] = []
        why_en: list[str] = []
        if needs:
            names = ", ".join(f"{s.label} ({lv})" for s, lv in needs[:4])
            names_en = ", ".join(f"{s.label_en} ({lv})" for s, lv in needs[:4])
            why_fi.append(f"Tilanteet: {names}.")
            why_en.append(f"Situations: {names_en}.")
        if skill == "reading" and texts:
            median = _median_level([t.level for t in texts])
            if median and CEFR_LEVELS.index(median) > CEFR_LEVELS.index("B2"):
                median = "B2"
            if median:
                level = _max_level([lv for lv in (level, median) if lv])
                why_fi.append(f"Tekstien taso on keskimäärin {median}.")
                why_en.append(f"The texts are at {median} (median).")
        if level is None:
            level = "A1"
            why_fi.append("Tekstit eivät vaadi tätä taitoa erityisesti: perustaso riittää.")
            why_en.append("The texts do not call for this skill in particular: a basic level is enough.")
        out[skill] = SkillTarget(cefr=level, why=" ".join(why_fi), why_en=" ".join(why_en))  # type: ignore[arg-type]
    return out
