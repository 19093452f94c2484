"""The engine as a whole: offsets, order, language check, Voikko's grammar checker, robustness."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finnish.feedback import FeedbackEngine
from finnish.feedback_model import CATEGORIES
from tests.conftest import REPO


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


def test_issues_point_at_the_words_in_the_original_text_and_come_in_order(engine):
    text = "Minä menee töihin.  En löydä avain."
    issues = engine.check(text)
    assert [text[i.start:i.end] for i in issues if i.severity == "error"] == ["menee", "avain"]
    assert [i.start for i in issues] == sorted(i.start for i in issues)


def test_every_issue_has_a_known_category_a_rule_and_both_languages(engine):
    for text in ("Minä menee kauppa.", "Minä minä menen töihin.", "Puhun esimies kanssa", "Kaksi lapsi leikkii."):
        for issue in engine.check(text):
            assert issue.category in CATEGORIES
            assert issue.rule and issue.message and issue.message_en


def test_english_text_gets_one_style_issue_and_no_word_errors(engine):
    [issue] = engine.check("I am going to work today.")
    assert (issue.category, issue.rule) == ("style", "language.not_finnish")
    assert "suomelta" in issue.message and "Finnish" in issue.message_en


def test_arabic_script_is_not_finnish(engine):
    [issue] = engine.check("أنا أذهب إلى العمل")
    assert issue.rule == "language.not_finnish"


def test_voikko_repetition_is_reported(engine):
    [issue] = [i for i in engine.check("Minä minä menen töihin.") if i.severity == "error"]
    assert issue.category == "repetition"


def test_negation_with_a_full_verb_form_gets_the_generated_short_form(engine):
    [issue] = [i for i in engine.check("Minä en menen töihin.") if i.severity == "error"]
    assert issue.suggestions == ["en mene"]


def test_missing_full_stop_is_only_a_hint_and_left_out_in_speech(engine):
    assert all(i.severity == "hint" for i in engine.check("Menen töihin"))
    assert engine.check("Menen töihin", "spoken") == []


def test_verb_first_sentence_is_reparsed_before_the_rules_run(engine):
    [issue] = [i for i in engine.check("Hyvää huomenta! Annan asukkaalle vesi.") if i.severity == "error"]
    assert issue.rule == "object_case.total_object" and issue.suggestions[0] == "veden"


def test_empty_text_has_no_issues_and_an_unknown_register_is_refused(engine):
    assert engine.check("   ") == []
    with pytest.raises(ValueError):
        engine.check("Menen töihin.", "sung")  # type: ignore[arg-type]


def test_constructing_the_engine_does_not_load_the_generator(analyser):
    from finnish.generator import FormGenerator

    gen = FormGenerator()
    FeedbackEngine(analyser, generator=gen)
    assert not gen.loaded


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="aäoöuykltnsmeirp .,!?-'\n", min_size=1, max_size=60))
def test_any_text_gives_issues_inside_the_text(engine, text):
    for issue in engine.check(text):
        assert 0 <= issue.start <= issue.end <= len(text)


def test_the_learner_test_set_is_big_enough_and_its_spans_match_the_text():
    items = [json.loads(line) for line in (REPO / "tests/data/feedback_set.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(items) >= 150
    assert sum(1 for it in items if not it["errors"]) >= 60
    for it in items:
        for err in it["errors"]:
            assert it["text"][err["start"]:err["end"]] == err["text"]
            assert err["category"] in CATEGORIES and err["correction"]


@pytest.mark.slow
def test_done_criteria_hold_on_the_learner_test_set(engine):
    from eval.eval_feedback import GOAL_CLEAN, GOAL_RECALL, evaluate

    result = evaluate(engine, engine.voikko)["ours"]
    assert result["sentence_recall"] >= GOAL_RECALL
    assert result["correct_clean"] >= GOAL_CLEAN


def test_possessive_suffix_forms_are_not_judged_as_bare_nominatives(engine):
    for text in ("Maks nosti hitaasti katseensa ylös.", "Täällä on hiljaista lähtösi jälkeen.", "Hiukseni valahtavat auki."):
        assert [i for i in engine.check(text) if i.category != "spelling" and i.severity == "error"] == [], text


def test_a_word_split_by_the_tokenizer_is_spelled_as_written(engine):
    assert [i for i in engine.check("Haluan muistuttaa, ettei järjestelmä ole valmis.") if i.category == "spelling"] == []


def test_an_object_in_another_clause_is_not_judged_by_this_verbs_negation(engine):
    text = "En muista, kenen blogissa näin tällaisen herkun."
    assert [i for i in engine.check(text) if i.rule == "object_case.negation"] == []


def test_messages_use_questions_and_examples_not_linguist_notation(engine):
    [issue] = [i for i in engine.check("Menen kauppa.") if i.severity == "error"]
    assert "mihin?" in issue.message and "-Vn" not in issue.message


def test_lone_surrogates_and_text_without_letters_do_not_break_the_engine(engine):
    issues = engine.check("\ud800 Minä menee töihin.")
    assert [i.suggestions for i in issues if i.severity == "error"] == [["menen"]]
    assert engine.check("1234 !!!") == []
