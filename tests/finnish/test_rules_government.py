"""Government (rektio) from the data file: the lexicon and the rule that reads it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from finnish.feedback import FeedbackEngine
from finnish.rules.government import GovernmentEntry, load_lexicon


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


def errors(engine: FeedbackEngine, text: str) -> list:
    return [i for i in engine.check(text) if i.severity == "error"]


def test_lexicon_has_at_least_80_entries_each_with_an_example():
    lexicon = load_lexicon()
    assert len(lexicon.entries) >= 80
    assert all(e.example.strip() and e.example_en.strip() for e in lexicon.entries)
    assert {"VERB", "ADJ", "NOUN"} <= {e.pos for e in lexicon.entries}


def test_an_entry_whose_trigger_is_also_a_right_case_is_refused():
    with pytest.raises(ValidationError):
        GovernmentEntry(lemma="mennä", pos="VERB", case="Ill", role="destination", trigger=["Ill"],
                        meaning="go", example="Menen kotiin.", example_en="I go home.")


def test_pitaa_in_the_sense_of_like_wants_the_elative_with_its_determiner(engine):
    [issue] = errors(engine, "Pidän tämä työ.")
    assert (issue.category, issue.suggestions) == ("government", ["tästä työstä"])


def test_destination_of_menna_is_illative(engine):
    [issue] = errors(engine, "Menen kauppa.")
    assert issue.suggestions[0] == "kauppaan"
    assert errors(engine, "Menen kauppaan tauolla.") == []


def test_time_adverbial_after_a_motion_verb_is_not_a_destination(engine):
    assert errors(engine, "Menen töihin joka päivä.") == []


def test_soittaa_wants_the_allative(engine):
    assert errors(engine, "Soitan esimies huomenna.")[0].suggestions[0] == "esimiehelle"
    assert errors(engine, "Soitan esimiehelle.") == []


def test_asua_wants_a_place_and_the_usual_case_comes_first(engine):
    assert errors(engine, "Asun Helsinki.")[0].suggestions[0] == "Helsingissä"
    assert errors(engine, "Asun Vantaa.")[0].suggestions[0] == "Vantaalla"
    assert errors(engine, "Asun Vantaalla.") == []


def test_kayda_with_illative_is_corrected_to_inessive(engine):
    assert errors(engine, "Käyn kauppaan tauolla.")[0].suggestions[0] == "kaupassa"


def test_adjective_government_through_a_participle(engine):
    assert errors(engine, "Asukas on kiinnostunut ruoka.")[0].suggestions == ["ruoasta"]
    assert errors(engine, "Olen kiinnostunut logistiikasta.") == []


def test_transitive_destination_verb_leaves_its_object_to_the_object_rule(engine):
    [issue] = errors(engine, "Laitan maito jääkaappiin.")
    assert issue.rule == "object_case.total_object"
    assert errors(engine, "Laitan maidon jääkaappiin.") == []


def test_uncertain_entries_only_give_a_hint(engine):
    issues = engine.check("Kysyn hoitaja.")
    assert issues and all(i.severity == "hint" for i in issues if i.rule == "government.case")


def test_place_adverb_after_a_verb_of_motion_takes_its_to_where_form(engine):
    [issue] = errors(engine, "Menen kotona kello viisi.")
    assert (issue.rule, issue.suggestions) == ("government.direction", ["kotiin"])
    assert errors(engine, "Tule täällä!")[0].suggestions == ["tänne"]


def test_place_adverb_with_a_verb_of_being_is_right(engine):
    assert errors(engine, "Olen kotona.") == []
    assert errors(engine, "Menen kotiin.") == []
