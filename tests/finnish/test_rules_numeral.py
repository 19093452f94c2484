"""numeral.partitive: two or more → partitive singular."""

from __future__ import annotations

import pytest

from finnish.feedback import FeedbackEngine


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


def errors(engine: FeedbackEngine, text: str) -> list:
    return [i for i in engine.check(text) if i.severity == "error"]


def test_nominative_singular_after_kaksi_is_corrected_to_lasta(engine):
    [issue] = errors(engine, "Minulla on kaksi lapsi.")
    assert (issue.category, issue.suggestions) == ("numeral", ["lasta"])


def test_nominative_plural_after_a_number_is_corrected_too(engine):
    assert errors(engine, "Minulla on kolme lapset.")[0].suggestions == ["lasta"]


def test_digits_count_as_numbers(engine):
    assert errors(engine, "Tarvitsen 3 lava.")[0].suggestions == ["lavaa"]


def test_partitive_after_a_number_is_right(engine):
    assert errors(engine, "Minulla on kaksi lasta.") == []
    assert errors(engine, "Kolme asiakasta odottaa kassalla.") == []


def test_yksi_takes_the_nominative(engine):
    assert errors(engine, "Minulla on yksi lapsi.") == []


def test_clock_time_is_not_a_count(engine):
    assert errors(engine, "Kuorma-auto tulee kello kymmenen.") == []
