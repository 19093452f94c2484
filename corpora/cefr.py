"""Language-level descriptors from ePerusteet, for level and readiness work:

- the per-skill level goals of Kotoutumiskoulutus 2022 (A1.2–A1.3, A2.1–A2.2, B1.1–B1.2), and
- the Finnish proficiency scale (kehittyvän kielitaidon tasojen kuvausasteikko) as printed in LUVA 2021.

`extract_*` read the raw ePerusteet documents (used by scripts/import_eperusteet.py); `load_*` read the
shipped JSON in corpora/cefr/. Attribution: Opetushallitus, ePerusteet.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from corpora.eperusteet import fi, html_items, strip_html

CEFR_DIR = Path(__file__).parent / "cefr"

# Kotoutumiskoulutus skill fields → (key, Finnish name, English name)
KOTO_SKILLS = {
    "suullinenVastaanottaminen": ("listening_reading", "Vastaanottaminen", "Understanding (reception)"),
    "suullinenTuottaminen": ("speaking_writing", "Tuottaminen", "Producing (speaking and writing)"),
    "vuorovaikutusJaMediaatio": ("interaction", "Vuorovaikutus ja mediaatio", "Interaction and mediation"),
}
SCALE_COLUMNS = [
    ("interaction", "Vuorovaikutus erilaisissa tilanteissa"),
    ("strategies", "Viestintästrategioiden käyttö"),
    ("cultural", "Viestinnän kulttuurinen sopivuus"),
    ("interpreting", "Tekstien tulkintataidot"),
    ("producing", "Tekstien tuottamistaidot"),
]


class SkillGoal(BaseModel):
    skill: str
    name_fi: str
    name_en: str
    goals: list[str]


class KotoLevelGoals(BaseModel):
    levels: str = Field(description="e.g. 'A1.2–A1.3'")
    name: str
    summary: str
    skills: list[SkillGoal]


class ScaleLevel(BaseModel):
    level: str = Field(description="e.g. 'A2.1'")
    name: str
    descriptors: dict[str, str] = Field(description="column key → descriptor text")


class CefrData(BaseModel):
    source: str = "Opetushallitus, ePerusteet"
    kotoutumiskoulutus_2022: list[KotoLevelGoals]
    proficiency_scale: list[ScaleLevel]


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def extract_koto_goals(doc: dict[str, Any]) -> list[KotoLevelGoals]:
    out: list[KotoLevelGoals] = []
    for node in _walk(doc):
        if node.get("osanTyyppi") != "koto_kielitaitotaso":
            continue
        for level in node.get("taitotasot") or []:
            name = fi((level.get("nimi") or {}).get("nimi"))
            m = re.search(r"\(([^)]*)\)\s*$", name)
            skills = []
            for field, (key, name_fi, name_en) in KOTO_SKILLS.items():
                goals = html_items((level.get(field) or {}).get("fi"))
                if goals:
                    skills.append(SkillGoal(skill=key, name_fi=name_fi, name_en=name_en, goals=goals))
            out.append(
                KotoLevelGoals(
                    levels=(m.group(1) if m else name).replace("-", "–"),
                    name=name,
                    summary=fi(level.get("tavoitteet")),
                    skills=skills,
                )
            )
    return out


def _cells(row_html: str) -> list[str]:
    return [strip_html(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, flags=re.S)]


def extract_proficiency_scale(doc: dict[str, Any]) -> list[ScaleLevel]:
    out: dict[str, ScaleLevel] = {}
    for node in _walk(doc):
        if "kuvausasteikko" not in fi(node.get("nimi")).lower() or not isinstance(node.get("teksti"), dict):
            continue
        text = node["teksti"].get("fi") or ""
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", text, flags=re.S):
            cells = _cells(row)
            if len(cells) != 6:
                continue
            compact = re.sub(r"\s+", "", cells[0])
            m = re.match(r"([ABC])([12])\.([1-3])", compact)
            if not m:
                continue
            level = f"{m.group(1)}{m.group(2)}.{m.group(3)}"
            name = re.sub(r"\s+", " ", cells[0].split("\n", 1)[-1] if "\n" in cells[0] else "").replace("- ", "")
            descriptors = {key: re.sub(r"\s+", " ", c) for (key, _), c in zip(SCALE_COLUMNS, cells[1:], strict=True)}
            out.setdefault(level, ScaleLevel(level=level, name=name.strip(), descriptors=descriptors))
    return sorted(out.values(), key=lambda s: s.level)


@lru_cache(maxsize=1)
def load_cefr() -> CefrData:
    return CefrData.model_validate_json((CEFR_DIR / "descriptors.json").read_bytes())


def koto_goals(level: str) -> KotoLevelGoals | None:
    """The Kotoutumiskoulutus goals whose range contains a level such as 'A2.1' or 'A2'."""
    for g in load_cefr().kotoutumiskoulutus_2022:
        if level and level in g.levels.replace("–", " ").replace("-", " "):
            return g
    return None


def scale_level(level: str) -> ScaleLevel | None:
    return next((s for s in load_cefr().proficiency_scale if s.level == level), None)
