"""The CEFR level estimate orders plain instructions below dense legal prose and says why."""

from __future__ import annotations

from finnish.analyser import SpacyVoikkoAnalyser
from finnish.level import CEFR_LEVELS, estimate_level

PLAIN = (
    "Tule töihin kello seitsemän. Pese kädet. Laita käsineet käteen. Ota siivousvaunu. "
    "Siivoa ensin pöydät. Sitten imuroi lattia. Vie roskat ulos. Kysy, jos et tiedä. "
    "Kirjoita nimi listaan. Kiitos!"
)
LEGAL = (
    "Työnantajan on huolehdittava siitä, että työntekijälle annetaan riittävät tiedot työpaikan "
    "haitta- ja vaaratekijöistä sekä perehdytetään hänet työn asianmukaiseen suorittamiseen, "
    "työolosuhteisiin, työ- ja tuotantomenetelmiin, työssä käytettäviin työvälineisiin ja niiden "
    "oikeaan käyttöön sekä turvallisiin työtapoihin erityisesti ennen uuden työn tai tehtävän "
    "aloittamista tai työtehtävien muuttuessa. Henkilötietojen käsittelyä koskevien säännösten "
    "soveltamisesta huolimatta rekisterinpitäjän velvollisuutena on varmistaa, että käsittely on "
    "lainmukaista, asianmukaista ja läpinäkyvää rekisteröityä kohtaan."
)


def test_plain_instructions_rank_below_legal_prose(analyser: SpacyVoikkoAnalyser) -> None:
    plain = estimate_level(analyser.analyse(PLAIN))
    legal = estimate_level(analyser.analyse(LEGAL))
    assert CEFR_LEVELS.index(plain.cefr) <= CEFR_LEVELS.index("A2")
    assert CEFR_LEVELS.index(legal.cefr) >= CEFR_LEVELS.index("C1")
    assert plain.score < legal.score


def test_the_estimate_gives_reasons_in_finnish_and_english(analyser: SpacyVoikkoAnalyser) -> None:
    level = estimate_level(analyser.analyse(LEGAL))
    features = {r.feature for r in level.reasons}
    assert {"sentence_length", "rare_words", "long_words", "subordinate_clauses"} <= features
    assert all(r.message and r.message_en for r in level.reasons)


def test_a_short_text_is_marked_unreliable(analyser: SpacyVoikkoAnalyser) -> None:
    level = estimate_level(analyser.analyse("Pese kädet."))
    assert not level.reliable
    assert any(r.feature == "text_length" for r in level.reasons)


def test_text_without_words_is_a1_and_unreliable(analyser: SpacyVoikkoAnalyser) -> None:
    level = estimate_level(analyser.analyse("123 !!! ..."))
    assert level.cefr == "A1" and not level.reliable
