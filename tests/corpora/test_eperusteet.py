"""The ePerusteet importer: both unit formats, HTML stripped, bad files refused with a clear message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpora.eperusteet import (
    EperusteetError,
    html_items,
    import_file,
    parse_qualification,
    parse_unit,
    strip_html,
)
from tests.conftest import needs_shared_data


def localised(fi: str) -> dict[str, str]:
    return {"fi": fi, "sv": "på svenska"}


def unit_2019(**overrides: Any) -> dict[str, Any]:
    """A 2019-style unit shaped like ePerusteet's (the requirements of Kaivosmittaus, 106442)."""
    unit: dict[str, Any] = {
        "id": 6778360,
        "nimi": localised("Kaivosmittaus"),
        "koodiArvo": "106442",
        "tyyppi": "normaali",
        "laajuus": 15,
        "ammattitaitovaatimukset": None,
        "arviointi": None,
        "ammattitaidonOsoittamistavat": localised(
            "<p>Opiskelija osoittaa ammattitaitonsa näytössä tekemällä kaivoksen mittaustehtävän.</p>"
        ),
        "ammattitaitovaatimukset2019": {
            "kohde": None,
            "vaatimukset": [],
            "kohdealueet": [
                {
                    "kuvaus": localised("Opiskelija valmistautuu kaivosmittauksen työtehtäviin."),
                    "vaatimukset": [
                        {"vaatimus": localised("tunnistaa erilaisia mittalaitteita ja niiden käyttökohteita")},
                        {"koodi": {"nimi": localised("selvittää mittaustyöhön liittyvät vaatimukset")}, "vaatimus": None},
                    ],
                }
            ],
        },
        "geneerinenArviointiasteikko": {
            "nimi": localised("Ammatillisten tutkinnon osien arviointi"),
            "kohde": localised("Opiskelija"),
            "osaamistasonKriteerit": [
                {"_osaamistaso": "9", "kriteerit": [localised("toimii itsenäisesti")]},
                {"_osaamistaso": "5", "kriteerit": [localised("toimii <b>ohjattuna</b> &amp; turvallisesti")]},
            ],
        },
    }
    unit.update(overrides)
    return unit


def qualification_doc(*units: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": 6777660,
        "nimi": localised("Kaivosalan perustutkinto"),
        "diaarinumero": "OPH-0000-2019",
        "voimassaoloAlkaa": 1564606800000,
        "voimassaoloLoppuu": None,
        "koulutukset": [{"koulutuskoodiArvo": "351503"}],
        "suoritustavat": [{"tutkinnonOsaViitteet": [{"_tutkinnonOsa": "6778360", "laajuus": 20}]}],
        "tutkinnonOsat": list(units),
    }


def test_a_2019_unit_gives_requirement_groups_and_generic_criteria_per_level() -> None:
    unit = parse_unit(unit_2019())
    assert unit.format == "2019"
    assert unit.requirement_groups[0].heading == "Opiskelija valmistautuu kaivosmittauksen työtehtäviin."
    assert unit.requirements == [
        "tunnistaa erilaisia mittalaitteita ja niiden käyttökohteita",
        "selvittää mittaustyöhön liittyvät vaatimukset",
    ]
    levels = unit.assessment[0].levels
    assert [lv.level for lv in levels] == ["tyydyttävä 1", "kiitettävä 5"]
    assert levels[0].criteria == ["toimii ohjattuna & turvallisesti"]
    assert unit.demonstration.startswith("Opiskelija osoittaa ammattitaitonsa näytössä")


def test_credits_come_from_the_qualification_structure_when_given() -> None:
    q = parse_qualification(qualification_doc(unit_2019()))
    assert q.units[0].credits == 20.0
    assert q.education_codes == ["351503"]
    assert q.valid_from is not None and q.valid_from.year == 2019 and q.valid_until is None


def test_a_2014_unit_of_the_real_snapshot_gives_requirements_targets_and_demonstration() -> None:
    q = import_file(needs_shared_data("eperusteet", "sosiaali-ja-terveysala.json"))
    assert q.name == "Sosiaali- ja terveysalan perustutkinto" and q.diary_number == "79/011/2014"
    vanhustyo = q.unit("100846")
    assert vanhustyo is not None and vanhustyo.format == "2014" and vanhustyo.credits == 50.0
    assert "toteuttaa lääkehoitoa" in vanhustyo.requirements
    assert not any(r.lower().startswith("opiskelija") for r in vanhustyo.requirements)  # intro line dropped
    target = next(t for t in vanhustyo.assessment if t.target == "Suunnitelmallinen työskentely")
    assert [lv.level for lv in target.levels] == ["tyydyttävä T1", "hyvä H2", "kiitettävä K3"]
    assert "kotihoidossa" in vanhustyo.demonstration


def test_common_units_are_left_out_and_a_code_listed_twice_keeps_one_record() -> None:
    q = import_file(needs_shared_data("eperusteet", "sosiaali-ja-terveysala.json"))
    codes = [u.code for u in q.units]
    assert "101053" not in codes  # Viestintä- ja vuorovaikutusosaaminen (tutke2)
    assert codes.count("101065") == 1


def test_html_is_stripped_entities_decoded_and_list_items_kept_apart() -> None:
    fragment = "<p>Opiskelija osaa</p>\n<ul>\n\t<li>pestä&nbsp;kädet</li>\n\t<li>käyttää <em>suojaimia</em>;</li></ul>"
    assert html_items(fragment) == ["pestä kädet", "käyttää suojaimia"]
    assert strip_html("<p>A &amp; B</p><p>C</p>") == "A & B\nC"


def test_no_html_is_left_in_the_shipped_corpus() -> None:
    from corpora.qualifications import load_qualifications

    for q in load_qualifications():
        text = q.model_dump_json()
        assert "<p>" not in text and "</li>" not in text and "&nbsp;" not in text and "&amp;" not in text, q.name


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json at all", "is not JSON"),
        (json.dumps({"nimi": {"fi": "x"}}).encode(), "not an ePerusteet qualification document"),
        (json.dumps([1, 2]).encode(), "not an ePerusteet qualification document"),
        ("ei utf8 ä".encode("latin-1"), "is not JSON"),
    ],
)
def test_an_unknown_file_format_is_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(content)
    with pytest.raises(EperusteetError) as err:
        import_file(path)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EperusteetError, match="no such file"):
        import_file(tmp_path / "nope.json")
