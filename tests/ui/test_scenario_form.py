"""The scenario editor's form: a goal and a line edited in the tables reach the saved scenario, and
everything the form does not show is kept."""

from __future__ import annotations

from pathlib import Path

import yaml

from simulations.scenario import Scenario
from ui.scenario_form import flagged_text, goal_rows, line_rows, merged

SHIPPED = Path(__file__).resolve().parents[2] / "simulations" / "scenarios" / "cleaning-office-instructions.yaml"


def test_edited_goal_and_line_are_saved_and_the_rest_is_kept() -> None:
    data = Scenario.model_validate(yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))).model_dump(mode="json")
    goals, lines = goal_rows(data), line_rows(data)
    goals[1][3] = "Mistä aloitan? | Mitä teen ensin? | Mikä on ensimmäinen työ?"
    goals[1][4] = "aloittaa, ensin"
    lines[0][2] = "Hei ja tervetuloa töihin!"
    lines[0][6] = "Sano: Hei!"

    out = merged(data, "Uusi otsikko", "New title", data["setting"], goals, lines)

    scenario = Scenario.model_validate(out)
    assert scenario.title == "Uusi otsikko" and scenario.goals[1].examples[-1] == "Mikä on ensimmäinen työ?"
    assert scenario.goals[1].lemmas == ["aloittaa", "ensin"]
    first = scenario.node(data["nodes"][0]["id"])
    assert first.say.A2 == "Hei ja tervetuloa töihin!" and first.hint is not None and first.hint.A2 == "Sano: Hei!"
    assert first.say.A1 == data["nodes"][0]["say"]["A1"]
    assert scenario.rubric == Scenario.model_validate(data).rubric and out["phrases"] == data["phrases"]


def test_rows_of_an_unknown_goal_or_step_are_ignored_and_flagged_lines_are_listed() -> None:
    data = Scenario.model_validate(yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))).model_dump(mode="json")
    out = merged(data, data["title"], data["title_en"], data["setting"], [["ei-ole", "x", "x", "x", ""]],
                 [["ei-ole", "a", "b", "c", "d", "e", ""]])
    assert out["goals"] == data["goals"] and out["nodes"] == data["nodes"]
    text = flagged_text([{"where": "nodes.a.say.A2", "text": "Minä menen kauppa.", "message": "illatiivi"}])
    assert "nodes.a.say.A2" in text and "Minä menen kauppa." in text
