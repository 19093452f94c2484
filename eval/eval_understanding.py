"""Understanding evaluation: hand-written learner turns (eval/data/understanding.yaml) read by the goal
tracker over the shipped scenarios. Right answers — paraphrased, colloquial, in digits or words —
must reach their goal (recall); negated and wrong-fact turns must not reach the goal they contradict
(false acceptance); off-script questions must get the right fact-sheet entry (or none).

Baseline, same run: the tracker without polarity and fact checks (lemmas and similarity only, as the
partner read turns before), on the same turns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from finnish.analyser import Analyser, build_analyser
from simulations.goals import GoalTracker
from simulations.library import ScenarioLibrary, build_library

DATA = Path(__file__).parent / "data" / "understanding.yaml"


@dataclass(frozen=True)
class Case:
    scenario: str
    text: str
    reach: str | None = None
    reject: str | None = None
    answer: str | None = None


def load_cases(path: Path = DATA) -> list[Case]:
    return [Case(**c) for c in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


@dataclass
class Result:
    recall: float
    false_acceptance: float
    answers: float
    baseline_false_acceptance: float
    turns: int
    failures: list[str]


def _reached(tracker: GoalTracker, library: ScenarioLibrary, case: Case, plain: bool) -> tuple[list[str], Any]:
    scenario = library.get(case.scenario)
    reading = tracker.read(scenario, case.text, [], None)
    if not plain:
        return reading.new_goals, reading
    # the baseline: what lemma overlap and similarity alone would accept
    goal = case.reject or case.reach or ""
    accepted = [g for g, s in reading.scores.items() if g == goal and s >= tracker.threshold]
    if goal in reading.contradicted or any(m.goal == goal for m in reading.misunderstood):
        vec_only = tracker.goal_evidence(scenario.goal(goal), set(), [], [])
        accepted = [goal] if vec_only >= tracker.threshold or _by_words(tracker, scenario, goal, case.text) else []
    return accepted, reading


def _by_words(tracker: GoalTracker, scenario: Any, goal_id: str, text: str) -> bool:
    from simulations.goals import _lemmas, _normalised

    goal = scenario.goal(goal_id)
    analysis = tracker.analyser.analyse(text)
    intents, _ = tracker.intents(analysis)
    sims = []
    if len(analysis.words) >= 3:
        vec = _normalised(tracker.embedder.embed_batch([text]))[0]
        sims = [float(x) for x in tracker._scenario_data(scenario).examples[goal_id] @ vec]
    return tracker.goal_evidence(goal, _lemmas(analysis), intents, sims) >= tracker.threshold


def evaluate(analyser: Analyser | None = None, cases: list[Case] | None = None) -> Result:
    tracker = GoalTracker(analyser or build_analyser())
    library = build_library()
    cases = cases if cases is not None else load_cases()
    hits = positives = false = negatives = base_false = right_answers = questions = 0
    failures: list[str] = []
    for case in cases:
        reached, reading = _reached(tracker, library, case, plain=False)
        if case.reach:
            positives += 1
            hits += case.reach in reached
            if case.reach not in reached:
                failures.append(f"missed {case.reach}: {case.text}")
        if case.reject:
            negatives += 1
            false += case.reject in reached
            base_false += case.reject in _reached(tracker, library, case, plain=True)[0]
            if case.reject in reached:
                failures.append(f"accepted {case.reject}: {case.text}")
        if case.answer is not None:
            questions += 1
            ok = reading.kind == "question" and reading.answer == case.answer
            right_answers += ok
            if not ok:
                failures.append(f"question {case.answer!r} read as {reading.kind}/{reading.answer!r}: {case.text}")
    return Result(hits / max(positives, 1), false / max(negatives, 1), right_answers / max(questions, 1),
                  base_false / max(negatives, 1), len(cases), failures)


def figures(r: Result) -> dict[str, Any]:
    return {"turns": r.turns, "recall": round(r.recall, 3), "false_acceptance": round(r.false_acceptance, 3),
            "questions_answered": round(r.answers, 3), "baseline_false_acceptance": round(r.baseline_false_acceptance, 3),
            "failures": r.failures[:20]}


def run() -> int:
    """Prints the figures; non-zero when recall < 0.9, false acceptance > 0.1 or questions < 0.9."""
    import json

    r = evaluate()
    print(json.dumps(figures(r), ensure_ascii=False, indent=2))
    return 0 if r.recall >= 0.9 and r.false_acceptance <= 0.1 and r.answers >= 0.9 else 1


if __name__ == "__main__":
    raise SystemExit(run())
