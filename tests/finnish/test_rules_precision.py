"""Correct sentences that each guard of the rules keeps clean (written to kill the mutants of
scripts/mutation_feedback.py that survived the first run: each guard must be needed by a test)."""

from __future__ import annotations

import pytest

from finnish.feedback import FeedbackEngine


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


@pytest.mark.parametrize("text", [
    "Minulla on 1 lapsi.", "Yksi asiakas odottaa.", "Ostan kaksi kahvia.", "Kolme asukasta syö.",
    "Kaksi lasta leikkii pihalla.", "Minulla on kaksi veljeä.",
])
def test_numerals_with_a_right_form_are_clean(engine, text):
    assert [i.rule for i in engine.check(text) if i.category == "numeral"] == []


@pytest.mark.parametrize("text", [
    "En löydä avainta.", "En ostanut maitoa.", "Avaimen hän löysi, mutta en minä.", "En tiedä sitä.",
    "Kaupassa ei ole kahta maitoa.", "Minulla ei ole aikaa.", "Menen töihin bussilla.", "Tulen kotiin illalla.",
    "En osaa tehdä keittoa.", "Varastossa ei ole tilaa.",
])
def test_object_case_guards(engine, text):
    assert [i.rule for i in engine.check(text) if i.category == "object_case"] == []


@pytest.mark.parametrize("text", [
    "Puhun esimiehen kanssa.", "Tauon jälkeen jatkan.", "Istun pöydän vieressä.", "Pääni sisällä on kipua.",
    "Kätesi alla on paperi.", "Menen hänen kanssaan kauppaan.", "Syön lounaan tauon aikana.",
])
def test_postposition_guards(engine, text):
    assert [i.rule for i in engine.check(text) if i.category == "postposition"] == []


@pytest.mark.parametrize("text", [
    "Menen töihin joka päivä.", "Tulen kotiin maanantaina.", "Olen töissä koko viikon.", "Siivoan huoneen aamulla.",
])
def test_time_words_are_not_complements(engine, text):
    assert [i.rule for i in engine.check(text) if i.severity == "error"] == []
