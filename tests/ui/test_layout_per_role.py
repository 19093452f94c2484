"""Every role on a phone (390×844) in Debian Chromium: every one of its tabs is a labelled button
reachable in one tap (no "…" overflow menu), no tab is wider than the screen
(document.scrollingElement.scrollWidth ≤ the viewport's width), and nothing on it is English only —
in a browser set to English, so Gradio's own words (upload box, player) are checked too. A coach and an admin open a
participant by deep link, so the readiness page is measured with its tables filled in.
Screenshots of each tab go to tests/ui/artefacts/ (not committed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_settings
from tests.ui.conftest import LiveServer, chromium, fill_login, running_server
from ui.app import visible_tabs

pytestmark = pytest.mark.browser

ARTEFACTS = Path(__file__).parent / "artefacts"
PHONE = {"width": 390, "height": 844}
ROLES = ("participant", "teacher", "coach", "mentor", "admin")
# the elements that stick out past the right edge, deepest first (for a message that says where)
WIDE_ELEMENTS = """() => {
  const w = window.innerWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 1 && el.offsetParent !== null && !el.querySelector('*:not(br)')) {
      out.push((el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + (el.className || '')).slice(0, 60)
               + ' ' + Math.round(r.right));
    }
  }
  return out.slice(0, 8);
}"""


# a text a person can read on the page (own text, placeholder, aria-label, title) that reads as
# English and has no Finnish in it or in the element around it (bilingual "Avaa (open)" is fine)
FINNISH_WORDS = (
    "ja|ei|on|tai|ole|tämä|kirjoita|valitse|tallenna|lisää|hae|avaa|tee|lataa|pudota|napsauta|liitä|nauhoita|toista|"
    "tauko|tyhjennä|lähetä|poista|kumoa|muokkaa|peruuta|ladataan|virhe|jaa|tiedosto|kirjaudu|salasana|osallistuja|"
    "tehtävä|taso|nimi|muoto|teksti|otsikko|kielet|valmis|uusi|oma|arvio|kaikki|aloita|lopeta|kuuntele|vihje|sano|"
    "haku|sanasto|raportti|hei|kiitos|suomi|suomeksi|kaavio|asetukset|puhe|testaa|kopioi|palauta|pois")
ENGLISH_WORDS = (
    "the|and|of|to|is|are|your|you|please|click|upload|drop|here|file|submit|clear|loading|error|select|choose|"
    "search|save|open|download|copy|share|settings|record|stop|play|pause|add|show|hide|remove|undo|edit|retry")
ENGLISH_ONLY = r"""([fiWords, enWords]) => {
  const FI = new RegExp('[äöåÄÖÅ]|\\b(' + fiWords + ')\\b|\\w(ssa|sta|lla|lta|ksi|nen|aan|kanssa)\\b', 'i'), EN = new RegExp('\\b(' + enWords + ')\\b', 'i');
  const out = new Set();
  for (const el of document.querySelectorAll('body *')) {
    if (el.offsetParent === null || el.getBoundingClientRect().width === 0) continue;
    const texts = ['placeholder', 'aria-label', 'title'].map(a => el.getAttribute(a)).filter(Boolean).map(t => [t, t]);
    const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(' ').trim();
    if (own) {
      const around = (el.parentElement && el.parentElement.innerText) || own;
      const before = (el.previousSibling && el.previousSibling.textContent) || "";  // "fi <i>(en)</i>"
      texts.push([own, before + " " + (around.length <= 3 * own.length + 60 ? around : own)]);
    }
    // "Luo jakolinkki (create a share link)": a lead without English words and the English in brackets
    const bilingual = (t) => /\(.*\)/.test(t) && /\p{L}/u.test(t.replace(/\([^)]*\)/g, "")) &&
      !EN.test(t.replace(/\([^)]*\)/g, ""));
    for (const [t, ctx] of texts) if (EN.test(t) && !FI.test(t) && !FI.test(ctx) && !bilingual(t)) out.add(t.slice(0, 90));
  }
  return [...out];
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, analyser: Any) -> Iterator[LiveServer]:
    with running_server(make_settings(tmp_path_factory.mktemp("layout"))) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def signed_in_phone(browser: Any, server: LiveServer, role: str) -> Any:
    from service.coach.participants import ParticipantIn

    name = f"{role}-layout"
    user, _ = server.services.users.add_user(name, role, "salasana123")
    query = ""
    if role in ("coach", "admin"):
        created = server.services.participants.create(user, ParticipantIn(
            name="Aino Esimerkki-Pitkänimi", target_tasks=["cleaning-office", "recycling-cashier"]))
        query = f"?participant={_id(created)}"
    page = browser.new_context(locale="en-US", viewport=PHONE).new_page()  # Gradio's own words in English
    page.set_default_timeout(30_000)
    fill_login(page, server, name, "salasana123")
    page.locator("#tk-header-text .tk-user").filter(has_text=name).wait_for()
    if query:
        page.goto(f"{server.url}/ui/{query}")
        page.locator("#ready-summary").get_by_text("Aino Esimerkki", exact=False).first.wait_for()
    page.wait_for_timeout(500)
    return page


def page_width(page: Any) -> tuple[int, int]:
    return (int(page.evaluate("document.scrollingElement.scrollWidth")), int(page.evaluate("window.innerWidth")))


@pytest.mark.parametrize("role", ROLES)
def test_every_tab_of_a_role_is_one_tap_away_fits_a_phone_and_speaks_finnish(server: LiveServer, browser: Any, role: str) -> None:
    page = signed_in_phone(browser, server, role)
    assert page.locator("#tk-tabs .overflow-menu").count() == 0 or not page.locator(
        "#tk-tabs .overflow-menu").first.is_visible()  # nothing folded into a "…" menu
    english: dict[str, list[str]] = {}
    for spec in visible_tabs(role):
        button = page.get_by_role("tab", name=spec.fi, exact=True).first
        assert button.is_visible(), f"{role}: the tab {spec.fi} is not on the screen"
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, spec.fi
        button.click()
        page.wait_for_timeout(700)
        scroll, width = page_width(page)
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"layout-{role}-{spec.key}-phone.png"))
        assert scroll <= width, f"{role} / {spec.fi}: {scroll} px wide at {width}: {page.evaluate(WIDE_ELEMENTS)}"
        english[spec.fi] = page.evaluate(ENGLISH_ONLY, [FINNISH_WORDS, ENGLISH_WORDS])
    page.context.close()
    assert not any(english.values()), f"{role}: English only: {english}"


def _id(created: Any) -> int:
    return int(created["id"] if isinstance(created, dict) else created.id)
