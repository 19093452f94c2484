"""A scenario's own words reach the feedback engine as known words, so a learner who repeats the
partner's product or unit name is not told it is misspelt."""

from __future__ import annotations

from finnish.analyser import CachedAnalyser
from finnish.feedback import FeedbackEngine
from simulations.engine import SimulationEngine
from simulations.goals import GoalTracker
from simulations.library import build_library


def test_every_word_the_scenario_writes_is_known_to_the_turns_feedback(analyser: CachedAnalyser) -> None:
    library = build_library().view()
    engine = SimulationEngine(library, GoalTracker(analyser), FeedbackEngine(analyser))
    for scenario in library.all():
        known = engine.known_words(scenario.id)
        opening = next(n for n in scenario.nodes if n.id == scenario.start).say.A2 or ""
        assert known and all(w == w.casefold() for w in known)
        for word in opening.split():
            word = word.strip(".,!?:;\"'()").casefold()
            if word.isalpha():
                assert word in known, (scenario.id, word)


def test_a_word_voikko_does_not_know_is_not_misspelt_when_the_scenario_uses_it(analyser: CachedAnalyser) -> None:
    engine = FeedbackEngine(analyser)
    text = "Kiristän pultit sataan newtonmetriin."
    flagged = {text[i.start:i.end] for i in engine.check(text, "spoken") if i.category == "spelling"}
    kept = {text[i.start:i.end] for i in engine.check(text, "spoken", known_words={"newtonmetriin"})
            if i.category == "spelling"}
    assert "newtonmetriin" not in kept and kept <= flagged
