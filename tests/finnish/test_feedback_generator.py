"""The omorfi generator: the forms the rules suggest come from it."""

from __future__ import annotations

import threading

from finnish.generator import FormGenerator, build_generator, match_case


def test_nouns_are_inflected_by_case_and_number():
    g = build_generator()
    assert g.nominal("kauppa", "NOUN", "Ill") == "kauppaan"
    assert g.nominal("avain", "NOUN", "Par", "Plur") == "avaimia"
    assert g.nominal("esimies", "NOUN", "Gen") == "esimiehen"


def test_lemmas_with_extra_omorfi_tags_are_generated():
    assert build_generator().nominal("työ", "NOUN", "Ela") == "työstä"


def test_pronouns_adjectives_and_place_names():
    g = build_generator()
    assert g.nominal("tämä", "PRON", "Ela") == "tästä"
    assert g.nominal("hän", "PRON", "All") == "hänelle"
    assert g.nominal("uusi", "ADJ", "Ela") == "uudesta"
    assert g.nominal("Helsinki", "PROPN", "Ine") == "Helsingissä"


def test_verbs_by_person_and_the_negation_verb():
    g = build_generator()
    assert g.finite_verb("mennä", "1", "Sing") == "menen"
    assert g.finite_verb("mennä", "1", "Sing", tense="Past") == "menin"
    assert g.finite_verb("siivota", "1", "Plur") == "siivoamme"
    assert [g.negation_verb(p, n) for p, n in (("1", "Sing"), ("3", "Plur"))] == ["en", "eivät"]
    assert g.connegative("mennä") == "mene"


def test_unknown_words_give_none_not_the_tag_string():
    assert build_generator().nominal("xqzvw", "NOUN", "Ill") is None


def test_generator_loads_lazily_and_once_across_threads():
    g = FormGenerator()
    assert not g.loaded
    results: list[str | None] = []
    threads = [threading.Thread(target=lambda: results.append(g.nominal("kauppa", "NOUN", "Ine"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert g.loaded and results == ["kaupassa"] * 4


def test_capital_letter_is_kept():
    assert match_case("kauppaan", "Kauppa") == "Kauppaan"
