"""The fitted level model: it loads, it ranks sensibly, a short dense officialese sentence is not
easy and easy-Finnish (selkokieli) texts come out A1–A2. None of these texts is in corpora/graded/."""

from __future__ import annotations

import pytest

from finnish.analyser import SpacyVoikkoAnalyser
from finnish.labels import CEFR_LEVELS
from finnish.level import estimate_level, heuristic_level, model_level
from finnish.level_features import FEATURES, features_of
from finnish.level_model import load_model, shipped_model

DENSE = [
    "Vakuutuksenottajan on ilmoitettava vahingon sattumisesta vakuutusyhtiölle viivytyksettä.",
    "Rakennusluvan myöntäminen edellyttää rakennuspaikan hallintaoikeuden osoittamista.",
    "Palkkatuen maksaminen edellyttää työsuhteen ehtojen täyttymisen todentamista.",
    "Oikaisuvaatimuksen käsittely ei keskeytä päätöksen täytäntöönpanoa.",
]
SELKO = [
    "Minä olen Sara. Olen töissä hotellissa. Siivoan huoneita. Työ alkaa kello seitsemän. "
    "Ensin otan vaunun. Sitten menen kerrokseen. Vaihdan lakanat. Pesen kylpyhuoneen.",
    "Tänään sataa. Otan sateenvarjon. Menen bussilla töihin. Bussi tulee kello kahdeksan. "
    "Töissä juon kahvia. Sitten aloitan työn.",
    "Eilen menin lääkäriin, koska minulla oli kuumetta. Lääkäri sanoi, että olen sairas. "
    "Sain kolme päivää lomaa. Soitin esimiehelle ja kerroin asiasta. Nyt lepään kotona.",
]


def test_the_shipped_model_file_loads_with_every_feature() -> None:
    model = load_model()
    assert model.features == FEATURES
    assert len(model.coefficients) == len(model.means) == len(model.scales) == len(FEATURES)
    assert shipped_model() is not None
    assert model.evaluation["texts"] >= 40


@pytest.mark.parametrize("sentence", DENSE)
def test_a_short_dense_officialese_sentence_is_not_easy(analyser: SpacyVoikkoAnalyser, sentence: str) -> None:
    level = estimate_level(analyser.analyse(sentence))
    assert CEFR_LEVELS.index(level.cefr) >= CEFR_LEVELS.index("B2"), (sentence, level.cefr)


@pytest.mark.parametrize("text", SELKO)
def test_selkokieli_texts_come_out_a1_or_a2(analyser: SpacyVoikkoAnalyser, text: str) -> None:
    level = estimate_level(analyser.analyse(text))
    assert level.cefr in {"A1", "A2"}, (text, level.cefr)


def test_the_level_rises_with_the_density_of_the_text(analyser: SpacyVoikkoAnalyser) -> None:
    plain, dense = SELKO[0], " ".join(DENSE)
    middle = ("Kaupunki korjaa kadun ensi viikolla, joten bussit kulkevat toista reittiä. "
              "Pysäkit siirretään väliaikaisesti Kauppakadulle, ja aikataulut julkaistaan verkossa.")
    scores = [estimate_level(analyser.analyse(t)).score for t in (plain, middle, dense)]
    assert scores == sorted(scores)


def test_more_of_a_hard_feature_never_lowers_the_score() -> None:
    model = load_model()
    base = dict(zip(model.features, model.means, strict=True))
    for name in ("sentence_length", "nominalisations", "long_words", "noun_modifiers"):
        harder = {**base, name: base[name] * 2 + 0.1}
        assert model.score(harder) >= model.score(base), name


def test_the_model_explains_its_estimate_in_finnish_and_english(analyser: SpacyVoikkoAnalyser) -> None:
    level = estimate_level(analyser.analyse(" ".join(DENSE)))
    drivers = [r.feature for r in level.reasons if r.points > 0][:3]
    assert drivers and set(drivers) <= set(FEATURES)
    assert any(r.feature == "hardest_sentence" for r in level.reasons)
    assert all(r.message and r.message_en for r in level.reasons)


def test_features_are_rates_so_a_text_repeated_twice_has_the_same_level(analyser: SpacyVoikkoAnalyser) -> None:
    once, twice = DENSE[0], DENSE[0] + " " + DENSE[0]
    a, b = features_of(analyser.analyse(once)), features_of(analyser.analyse(twice))
    assert a == pytest.approx(b, abs=1e-3)
    assert heuristic_level(analyser.analyse(once)).cefr  # the heuristic stays available


def test_the_model_is_used_only_because_it_beat_the_heuristic_in_cross_validation(
    analyser: SpacyVoikkoAnalyser,
) -> None:
    model = load_model()
    ev = model.evaluation
    beat = ev["cv_spearman"] > ev["heuristic_spearman"] and ev["cv_within_one"] >= ev["heuristic_within_one"]
    assert model.use_model == beat
    analysis = analyser.analyse(SELKO[2])
    used = estimate_level(analysis)
    assert used.score == (model_level(analysis, model).score if beat else heuristic_level(analysis).score)
