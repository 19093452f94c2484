"""The issue's done-when check: hand-written learner turns (eval/data/understanding.yaml) — paraphrases,
colloquial turns, negations, wrong numbers/times/order, off-script questions."""

from __future__ import annotations

from eval.eval_understanding import evaluate, load_cases


def test_there_are_at_least_80_turns_of_every_kind() -> None:
    cases = load_cases()
    assert len(cases) >= 80
    assert sum(1 for c in cases if c.reach) >= 40 and sum(1 for c in cases if c.reject) >= 20
    assert sum(1 for c in cases if c.answer is not None) >= 10
    assert len({c.scenario for c in cases}) >= 15


def test_right_answers_reach_their_goals_and_contradicting_turns_do_not(analyser) -> None:  # type: ignore[no-untyped-def]
    result = evaluate(analyser)
    assert result.recall >= 0.9, result.failures
    assert result.false_acceptance <= 0.1, result.failures
    assert result.answers >= 0.9, result.failures
    # the checks do something: lemma overlap and similarity alone accept most contradicting turns
    assert result.baseline_false_acceptance >= 0.5
