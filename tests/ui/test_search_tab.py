"""The Haku tab: results, the chosen unit's requirements and demonstration text, the not-included note."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corpora.qualifications import get_unit
from tests.retrieval.factories import small_config
from tests.ui.conftest import LiveServer, open_tab, sign_in
from ui.search_tab import notes_markdown, result_rows, unit_choices, unit_markdown


def test_a_unit_is_shown_with_requirements_demonstration_criteria_and_source() -> None:
    record = get_unit("100359")
    assert record is not None
    data = record.model_dump(mode="json")
    text = unit_markdown(data)
    assert text.startswith("### Asiakaspalvelu (100359, 30 osp)")
    assert "- palvelee ulkoista ja sisäistä asiakasta" in text
    assert "Näin osaaminen osoitetaan" in text and record.unit.demonstration[:60] in text
    assert "tyydyttävä T1" in text and "Opetushallitus, ePerusteet" in text


def test_results_and_notes_render_as_rows_choices_and_markdown() -> None:
    result = {
        "results": [{"qualification": "1718932", "qualification_name": "Liiketalouden perustutkinto", "unit_code": "100359",
                     "unit_name": "Asiakaspalvelu", "score": 31.234, "snippet": "palvelee asiakasta"}],
        "notes": [{"qualification_name": "Logistiikan perustutkinto", "import_command": "tyokieli import eperusteet --id N"}],
    }
    assert result_rows(result) == [["Asiakaspalvelu", "100359", "Liiketalouden perustutkinto", "palvelee asiakasta", 31.2]]
    assert unit_choices(result)[0][1] == "1718932:100359"
    coach, admin = notes_markdown(result), notes_markdown(result, admin=True)
    assert coach.startswith("> **Tutkinto puuttuu: Logistiikan perustutkinto.**")  # the note comes first
    assert "Pyydä ylläpitäjää" in coach and "tyokieli import" not in coach  # coach words, no command line
    assert "tyokieli import eperusteet --id N" in admin
    assert "Ei osumia" in notes_markdown({"results": [], "notes": []})


@pytest.mark.browser
def test_a_coach_searches_and_reads_the_first_units_requirements(live_server: LiveServer, page: Any, tmp_path: Path) -> None:
    services = live_server.services
    services.search.use_index(small_config(tmp_path / "s"))
    name, password = live_server.add_user("valmentaja", "coach")
    sign_in(page, live_server, name, password)
    open_tab(page, "Haku")
    page.locator("#search-query textarea").fill("Kirjaan tulot ja menot kirjanpitoon")
    page.locator("#search-run").click()
    page.locator("#search-results").get_by_text("Kirjanpito", exact=True).first.wait_for()
    unit = page.locator("#search-unit")
    unit.get_by_text("Ammattitaitovaatimukset", exact=False).first.wait_for()
    assert "hoitaa kuukausittaista kirjanpitoa" in unit.inner_text()
    page.locator("#search-query textarea").fill("   ")
    page.locator("#search-run").click()
    page.locator("#search-error").get_by_text("empty", exact=False).wait_for()
