"""Qualifications that users name but the corpus does not contain (data: known_qualifications.yaml).

Search uses this to say "not included" and offer the import command instead of inventing content.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from finnish.yamlio import load_yaml

DATA = Path(__file__).parent / "known_qualifications.yaml"


class KnownQualification(BaseModel):
    name: str
    name_en: str = ""
    koulutuskoodi: str | None = None
    match: list[str] = Field(min_length=1)

    @property
    def import_command(self) -> str:
        if self.koulutuskoodi:
            return f"tyokieli import eperusteet --koulutuskoodi {self.koulutuskoodi}"
        return "tyokieli import eperusteet --id N  (N = the qualification's id in eperusteet.opintopolku.fi)"


class KnownQualifications(BaseModel):
    qualifications: list[KnownQualification]


@lru_cache(maxsize=1)
def known_qualifications() -> list[KnownQualification]:
    return KnownQualifications.model_validate(load_yaml(DATA.read_text(encoding="utf-8"))).qualifications


def named_but_missing(text: str, included_names: Iterable[str]) -> list[KnownQualification]:
    """The known-but-missing qualifications a text names, skipping any that has since been imported."""
    low = " ".join(text.lower().split())
    included = {n.lower() for n in included_names}
    return [
        q for q in known_qualifications()
        if q.name.lower() not in included and any(m in low for m in q.match)
    ]
