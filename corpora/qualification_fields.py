"""The work field of each qualification and the words that name it (data: qualification_fields.yaml).

Recommendations decide which qualifications fit a task from these before they rank any unit, so a
cleaning task is told that the cleaning qualification is missing instead of getting office units.
A qualification that has no entry (a fresh import) gets its field words from its own unit names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from corpora.qualifications import Qualification
from finnish.yamlio import load_yaml

DATA = Path(__file__).parent / "qualification_fields.yaml"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# Words of unit names that say nothing about the field (they occur in every qualification).
_GENERIC = {"toimiminen", "työskentely", "tekeminen", "hoitaminen", "huolehtiminen", "ylläpito", "palvelu",
            "palvelut", "asiakaspalvelu", "yritystoiminta", "yritystoiminnan", "suunnittelu", "hallinta",
            "toteuttaminen", "kehittäminen", "käyttäminen", "valmistaminen", "osaaminen", "ohjaaminen"}


class FieldName(BaseModel):
    fi: str
    en: str = ""


class QualificationField(BaseModel):
    qualification: str = Field(description="The qualification's name as in ePerusteet")
    field: FieldName
    stems: list[str] = Field(min_length=1)

    def matches(self, text: str) -> list[str]:
        """The stems of this field that occur in `text` (lower-case, whitespace normalised)."""
        words = _WORD.findall(text)
        found = []
        for stem in self.stems:
            if stem.startswith("^"):
                if any(w.startswith(stem[1:]) for w in words):
                    found.append(stem[1:])
            elif " " in stem:
                if stem in text:
                    found.append(stem)
            elif any(stem in w for w in words):
                found.append(stem)
        return found


class QualificationFields(BaseModel):
    fields: list[QualificationField]


@lru_cache(maxsize=1)
def shipped_fields() -> tuple[QualificationField, ...]:
    data = QualificationFields.model_validate(load_yaml(DATA.read_text(encoding="utf-8")))
    return tuple(data.fields)


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def generic_unit_names(qualifications: Iterable[Qualification], min_share: int = 3) -> set[str]:
    """Unit names shared by at least `min_share` qualifications (the common units such as
    'Yrityksessä toimiminen'): they belong to no field."""
    counts: Counter[str] = Counter()
    for q in qualifications:
        counts.update({u.name.casefold() for u in q.units})
    return {name for name, n in counts.items() if n >= min_share}


def derived_field(q: Qualification, generic: set[str]) -> QualificationField:
    """Field words of a qualification without an entry: the distinctive words of its unit names,
    cut to a stem of at most seven letters."""
    stems: set[str] = set()
    for unit in q.units:
        if unit.name.casefold() in generic:
            continue
        for word in _WORD.findall(unit.name.casefold()):
            if len(word) >= 5 and word not in _GENERIC:
                stems.add(word[:7])
    name = q.name.removesuffix(" perustutkinto").removesuffix(" ammattitutkinto")
    return QualificationField(qualification=q.name, field=FieldName(fi=name.casefold()),
                              stems=sorted(stems) or [name.casefold()[:7]])


def fields_for(qualifications: Iterable[Qualification]) -> list[QualificationField]:
    """One field per qualification in the corpus (shipped entry or derived), then the shipped
    entries of qualifications the corpus lacks."""
    qualifications = list(qualifications)
    by_name = {f.qualification.casefold(): f for f in shipped_fields()}
    generic = generic_unit_names(qualifications)
    out = [by_name.get(q.name.casefold()) or derived_field(q, generic) for q in qualifications]
    present = {q.name.casefold() for q in qualifications}
    out.extend(f for name, f in by_name.items() if name not in present)
    return out
