"""Importer for ePerusteet qualification documents (`/api/external/peruste/{id}`).

Handles both unit formats:
- 2014 style: `ammattitaitovaatimukset` (HTML), `arviointi.arvioinninKohdealueet[].arvioinninKohteet[]
  .osaamistasonKriteerit[]`, `ammattitaidonOsoittamistavat`;
- 2019 style: `ammattitaitovaatimukset2019.kohdealueet[].vaatimukset[]` and `geneerinenArviointiasteikko`.
Reads a file or the live API (httpx, with a timeout). Every failure is an `EperusteetError` with one
line a person understands.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from corpora.eperusteet_html import html_items as html_items
from corpora.eperusteet_html import strip_html as strip_html
from corpora.qualifications import AssessmentTarget, LevelCriteria, Qualification, RequirementGroup, Unit

API_BASE = "https://eperusteet.opintopolku.fi/eperusteet-service/api/external"

# ePerusteet osaamistaso ids → level names: scale 1 (hyväksytty), scale 2 (T1/H2/K3), scale 3 (1–5).
LEVEL_NAMES = {
    "1": "hyväksytty",
    "2": "tyydyttävä T1",
    "3": "hyvä H2",
    "4": "kiitettävä K3",
    "5": "tyydyttävä 1",
    "6": "tyydyttävä 2",
    "7": "hyvä 3",
    "8": "hyvä 4",
    "9": "kiitettävä 5",
}
# Common units (yhteiset tutkinnon osat) are general studies, not vocational competence.
SKIPPED_UNIT_TYPES = {"tutke2", "reformi_tutke2"}


class EperusteetError(Exception):
    """An ePerusteet document that cannot be read or fetched."""


def fi(value: Any) -> str:
    """The Finnish text of a localised ePerusteet value ({"fi": ..., "sv": ...}), HTML stripped."""
    if isinstance(value, dict):
        return strip_html(value.get("fi") or "")
    if isinstance(value, str):
        return strip_html(value)
    return ""


def _date(ms: Any) -> date | None:
    if isinstance(ms, int | float):
        return datetime.fromtimestamp(ms / 1000, tz=UTC).date()
    return None


def _level_id(entry: dict[str, Any]) -> str:
    ref = entry.get("_osaamistaso") or entry.get("osaamistaso")
    if isinstance(ref, dict):
        ref = ref.get("id") or ref.get("_id")
    return str(ref or "")


def _levels(entries: list[dict[str, Any]]) -> list[LevelCriteria]:
    out = []
    for entry in sorted(entries or [], key=lambda e: _level_id(e).zfill(4)):
        criteria = [c for c in (fi(k) for k in entry.get("kriteerit") or []) if c]
        if criteria:
            level = LEVEL_NAMES.get(_level_id(entry), _level_id(entry) or "taso")
            out.append(LevelCriteria(level=level, criteria=criteria))
    return out


def _assessment_2014(arviointi: dict[str, Any] | None) -> list[AssessmentTarget]:
    targets: list[AssessmentTarget] = []
    for area in (arviointi or {}).get("arvioinninKohdealueet") or []:
        area_name = fi(area.get("otsikko"))
        for target in area.get("arvioinninKohteet") or []:
            name = fi(target.get("otsikko")) or area_name
            levels = _levels(target.get("osaamistasonKriteerit") or [])
            if name or levels:
                targets.append(AssessmentTarget(area=area_name, target=name, levels=levels))
    return targets


def _requirements_2019(req: dict[str, Any]) -> list[RequirementGroup]:
    def texts(items: list[dict[str, Any]]) -> list[str]:
        out = []
        for v in items or []:
            t = fi(v.get("vaatimus")) or fi((v.get("koodi") or {}).get("nimi"))
            if t:
                out.append(t)
        return out

    groups = []
    top = texts(req.get("vaatimukset") or [])
    if top:
        groups.append(RequirementGroup(heading=fi(req.get("kohde")), requirements=top))
    for area in req.get("kohdealueet") or []:
        reqs = texts(area.get("vaatimukset") or [])
        if reqs:
            groups.append(RequirementGroup(heading=fi(area.get("kuvaus")), requirements=reqs))
    return groups


def _generic_assessment(scale: dict[str, Any] | None) -> list[AssessmentTarget]:
    if not isinstance(scale, dict):
        return []
    levels = _levels(scale.get("osaamistasonKriteerit") or [])
    if not levels:
        return []
    return [AssessmentTarget(area=fi(scale.get("nimi")), target=fi(scale.get("kohde")) or "Geneerinen arviointi", levels=levels)]


def _has_2019(unit: dict[str, Any]) -> bool:
    req = unit.get("ammattitaitovaatimukset2019") or {}
    return bool(req.get("vaatimukset") or req.get("kohdealueet"))


def parse_unit(unit: dict[str, Any], credits: float | None = None) -> Unit:
    """One ePerusteet unit (tutkinnon osa) in either format."""
    code = str(unit.get("koodiArvo") or (unit.get("koodi") or {}).get("arvo") or "").strip()
    name = fi(unit.get("nimi")) or fi((unit.get("koodi") or {}).get("nimi"))
    if not code or not name:
        raise EperusteetError("a unit has no code or no name (koodiArvo, nimi)")
    if _has_2019(unit):
        groups = _requirements_2019(unit["ammattitaitovaatimukset2019"])
        assessment = _generic_assessment(unit.get("geneerinenArviointiasteikko")) or _assessment_2014(unit.get("arviointi"))
        fmt = "2019"
    else:
        reqs = html_items((unit.get("ammattitaitovaatimukset") or {}).get("fi"))
        groups = [RequirementGroup(heading="", requirements=reqs)] if reqs else []
        assessment = _assessment_2014(unit.get("arviointi"))
        fmt = "2014"
    laajuus = credits if credits is not None else unit.get("laajuus")
    return Unit(
        code=code,
        name=re.sub(r"\s+", " ", name).strip(),
        credits=float(laajuus) if laajuus else None,
        format=fmt,
        requirement_groups=groups,
        assessment=assessment,
        demonstration=fi(unit.get("ammattitaidonOsoittamistavat")),
    )


def _credits_by_unit(doc: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for way in doc.get("suoritustavat") or []:
        for ref in way.get("tutkinnonOsaViitteet") or []:
            if ref.get("laajuus") and ref.get("_tutkinnonOsa"):
                out.setdefault(str(ref["_tutkinnonOsa"]), float(ref["laajuus"]))
    return out


def parse_qualification(doc: Any) -> Qualification:
    """A whole ePerusteet qualification document → the normalised model."""
    if not isinstance(doc, dict) or "tutkinnonOsat" not in doc or "nimi" not in doc:
        raise EperusteetError(
            "this is not an ePerusteet qualification document: it needs 'nimi' and 'tutkinnonOsat' "
            "(download one from /api/external/peruste/{id})"
        )
    credits = _credits_by_unit(doc)
    units: dict[str, Unit] = {}
    for raw in doc.get("tutkinnonOsat") or []:
        if raw.get("tyyppi") in SKIPPED_UNIT_TYPES:
            continue
        unit = parse_unit(raw, credits.get(str(raw.get("id"))))
        old = units.get(unit.code)
        # a code listed twice: keep the fuller record
        if old is None or len(unit.model_dump_json()) > len(old.model_dump_json()):
            units[unit.code] = unit
    codes = [str(k.get("koulutuskoodiArvo")) for k in doc.get("koulutukset") or [] if k.get("koulutuskoodiArvo")]
    return Qualification(
        id=int(doc.get("id") or 0),
        name=fi(doc.get("nimi")),
        diary_number=str(doc.get("diaarinumero") or ""),
        education_codes=codes,
        valid_from=_date(doc.get("voimassaoloAlkaa")),
        valid_until=_date(doc.get("voimassaoloLoppuu")),
        units=list(units.values()),
    )


def load_document(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise EperusteetError(f"no such file: {path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EperusteetError(f"{path.name} is not JSON: export the qualification from ePerusteet as JSON") from None
    except OSError as exc:
        raise EperusteetError(f"cannot read {path}: {exc.strerror}") from None
    if not isinstance(data, dict):
        raise EperusteetError(f"{path.name} is not an ePerusteet qualification document")
    return data


def import_file(path: Path) -> Qualification:
    return parse_qualification(load_document(path))


def _get_json(url: str, timeout: float, transport: Any = None, params: dict[str, str] | None = None) -> Any:
    import httpx

    try:
        with httpx.Client(timeout=timeout, transport=transport, follow_redirects=True) as client:
            response = client.get(url, params=params, headers={"Accept": "application/json"})
    except httpx.TimeoutException:
        raise EperusteetError(f"ePerusteet did not answer within {timeout:g} s ({url}); try again later") from None
    except httpx.HTTPError as exc:
        raise EperusteetError(f"cannot reach ePerusteet ({url}): {type(exc).__name__}; check the network") from None
    if response.status_code == 404:
        raise EperusteetError(f"ePerusteet has no such document: {url}")
    if response.status_code >= 400:
        raise EperusteetError(f"ePerusteet answered {response.status_code} for {url}")
    try:
        return response.json()
    except ValueError:
        raise EperusteetError(f"ePerusteet sent something that is not JSON for {url}") from None


def fetch_qualification(
    peruste_id: int, base_url: str = API_BASE, timeout: float = 20.0, transport: Any = None
) -> Qualification:
    """Fetch `/peruste/{id}` from the live API and parse it."""
    return parse_qualification(_get_json(f"{base_url.rstrip('/')}/peruste/{int(peruste_id)}", timeout, transport))


def find_peruste_id(koulutuskoodi: str, base_url: str = API_BASE, timeout: float = 20.0, transport: Any = None) -> int:
    """The id of the qualification with this education code (koulutuskoodi), via `/perusteet`."""
    if not re.fullmatch(r"\d{6}", koulutuskoodi or ""):
        raise EperusteetError(f"'{koulutuskoodi}' is not a koulutuskoodi (six digits, e.g. 381141)")
    data = _get_json(f"{base_url.rstrip('/')}/perusteet", timeout, transport, {"koulutuskoodi": koulutuskoodi})
    items = data.get("data") if isinstance(data, dict) else data
    for item in items or []:
        if isinstance(item, dict) and item.get("id"):
            return int(item["id"])
    raise EperusteetError(f"ePerusteet has no qualification with koulutuskoodi {koulutuskoodi}")
