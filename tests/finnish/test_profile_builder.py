"""The task-language profile builder on the real analyser, with texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.kotus import kotus_words
from finnish.keyness import general_words, log_likelihood
from finnish.profile import TaskProfile
from finnish.profile_builder import ProfileInputError, build_profile

TEXTS = Path(__file__).resolve().parents[1] / "data" / "profile"


def read(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaning(analyser) -> TaskProfile:  # type: ignore[no-untyped-def]
    return build_profile(analyser, "Toimistosiivous", [read("siivous.txt")], is_headword=kotus_words().is_headword)


@pytest.fixture(scope="module")
def cashier(analyser) -> TaskProfile:  # type: ignore[no-untyped-def]
    return build_profile(analyser, "Kierrätyskeskuksen kassa", [read("kierratys.txt")],
                         is_headword=kotus_words().is_headword)


def top(profile: TaskProfile, n: int) -> list[str]:
    return [t.lemma for t in profile.key_terms[:n]]


def test_cleaning_profile_ranks_cleaning_words_first(cleaning: TaskProfile) -> None:
    assert {"mikrokuituliina", "siivousvaunu", "pesuaine"} <= set(top(cleaning, 5))


def test_cashier_profile_ranks_till_words_first(cashier: TaskProfile) -> None:
    assert {"kassa", "kuitti", "vaihtoraha", "käteinen"} <= set(top(cashier, 8))


def test_compounds_stay_whole_and_list_their_parts(cleaning: TaskProfile) -> None:
    term = next(t for t in cleaning.key_terms if t.lemma == "siivousvaunu")
    assert term.parts == ["siivous", "vaunu"]
    assert term.count == 3
    assert term.band == "specialised"
    assert any("siivousvaunu" in e.lower() for e in term.examples)


def test_general_words_never_rank(analyser) -> None:  # type: ignore[no-untyped-def]
    text = ("Minä olen töissä. Teen työtä ja olen iloinen, että teen sitä. Sinun pitää tehdä se nyt. "
            "Olemme tehneet tämän monta kertaa, ja me teemme sen taas. Että on hyvä päivä! "
            "Voin tehdä sen, jos saan aikaa. Se on asia, joka tehdään aina.") * 3
    profile = build_profile(analyser, "Yleistä", [text])
    ranked = {t.lemma for t in profile.key_terms}
    assert not ranked & {"olla", "tehdä", "että", "minä", "se", "voida", "saada", "pitää"}
    assert not ranked & general_words()


def test_repeated_noun_phrase_becomes_a_multiword_term(analyser) -> None:  # type: ignore[no-untyped-def]
    text = ("Ota märkä liina. Pyyhi pöytä märällä liinalla. Kuivaa pöytä kuivalla liinalla. "
            "Laita märkä liina pesuun. Märkä liina jättää raitoja.")
    profile = build_profile(analyser, "Pöytien pyyhintä", [text])
    multi = {t.lemma: t for t in profile.key_terms if t.multiword}
    assert "märkä liina" in multi
    assert multi["märkä liina"].count >= 3


def test_phrases_cover_instructions_requests_obligation_and_warnings(cleaning: TaskProfile) -> None:
    kinds = {p.kind for p in cleaning.phrases}
    assert {"instruction", "request", "obligation", "warning"} <= kinds
    texts = {p.text for p in cleaning.phrases}
    assert "Voisitko kertoa, jos pesuaine loppuu?" in texts
    assert "Älä siirrä asiakkaan papereita!" in texts
    obligation = [p for p in cleaning.phrases if p.kind == "obligation"]
    assert any(p.text.startswith("Sinun täytyy lukea") for p in obligation)


def test_a_plain_statement_is_not_a_phrase(analyser) -> None:  # type: ignore[no-untyped-def]
    profile = build_profile(analyser, "Kuvaus", ["Varasto on kellarissa. Kahvihuone on toisessa kerroksessa."])
    assert profile.phrases == []


def test_grammar_focus_finds_the_imperative_of_instructions(cleaning: TaskProfile) -> None:
    features = {g.feature: g for g in cleaning.grammar}
    assert "Mood=Imp" in features
    assert features["Mood=Imp"].ratio > 5


def test_situations_follow_the_texts_and_set_skill_targets(cleaning: TaskProfile) -> None:
    ids = {s.id for s in cleaning.situations}
    assert {"reading_safety", "reporting_fault"} <= ids
    assert cleaning.skills.reading.cefr in {"B1", "B2"}
    assert "Turvallisuusohjeiden lukeminen" in cleaning.skills.reading.why


def test_given_situations_come_first_and_are_marked_given(analyser) -> None:  # type: ignore[no-untyped-def]
    profile = build_profile(analyser, "Kassa", [read("kierratys.txt")], situations=["calling_in_sick"])
    assert profile.situations[0].id == "calling_in_sick"
    assert profile.situations[0].source == "given"
    assert profile.skills.speaking.cefr == "A2"


def test_each_text_gets_its_level(analyser) -> None:  # type: ignore[no-untyped-def]
    profile = build_profile(analyser, "Kaksi tekstiä", [read("siivous.txt"), read("kierratys.txt")])
    assert len(profile.texts) == 2
    assert all(t.level in {"A1", "A2", "B1", "B2"} and t.words > 50 for t in profile.texts)


def test_profile_without_text_is_refused(analyser) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ProfileInputError):
        build_profile(analyser, "Tyhjä", ["   "])
    with pytest.raises(ProfileInputError):
        build_profile(analyser, " ", ["Pese kädet."])


def test_log_likelihood_rewards_only_overuse() -> None:
    assert log_likelihood(1, 1000, 0.01) == 0.0
    assert log_likelihood(5, 1000, 1e-6) > log_likelihood(5, 1000, 1e-4) > 0


def test_profile_json_has_the_contract_fields(cleaning: TaskProfile) -> None:
    data = cleaning.model_dump(mode="json")
    assert {"title", "key_terms", "phrases", "grammar", "situations", "skills", "texts"} <= set(data)
    assert {"lemma", "count", "keyness", "band", "examples"} <= set(data["key_terms"][0])
    assert set(data["skills"]) == {"speaking", "listening", "reading", "writing", "interaction"}
    assert all({"cefr", "why"} <= set(v) for v in data["skills"].values())
    assert TaskProfile.model_validate(data) == cleaning


def test_ambiguous_forms_take_the_lemma_the_texts_use(analyser) -> None:  # type: ignore[no-untyped-def]
    text = "Laske lavat ja kollit. Siirrä lavat hyllyyn trukilla. Jos lava on rikki, kirjaa se. Raitoja ei saa jäädä."
    lemmas = {t.lemma for t in build_profile(analyser, "Varasto", [text]).key_terms}
    assert "lava" in lemmas and "lapa" not in lemmas
    assert "raito" not in lemmas


def test_phrases_drop_list_numbers_bullets_and_speaker_labels(analyser) -> None:  # type: ignore[no-untyped-def]
    text = ("Työjärjestys\n1. Pese kädet.\n2. Pyyhi pöydät kostealla liinalla.\n– Älä koske ovenkahvaan.\n\n"
            "Esihenkilö: Voisitko aloittaa huoneesta kahdeksan?\nSiivooja: Kyllä.\nEsihenkilö: Kiitos.")
    texts = {p.text for p in build_profile(analyser, "Siivous", [text]).phrases}
    assert {"Pese kädet.", "Älä koske ovenkahvaan.", "Voisitko aloittaa huoneesta kahdeksan?"} <= texts
    assert not any(t[0].isdigit() or t.startswith(("Esihenkilö:", "–")) for t in texts)


def test_quoted_speech_becomes_what_you_can_say(cashier: TaskProfile) -> None:
    by_text = {p.text: p for p in cashier.phrases}
    assert by_text["Hei, tervetuloa!"].kind == "expression"
    assert by_text["Tarvitsetko kassin?"].kind == "question"
    assert by_text['Kysy asiakkaalta: "Tarvitsetko kassin?"'].kind == "instruction"
