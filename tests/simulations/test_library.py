from __future__ import annotations

from pathlib import Path

import pytest

from simulations.errors import InvalidScenario, UnknownScenario
from simulations.library import SCENARIO_DIR, ScenarioLibrary, build_library
from simulations.scenario import Line

TASK_IDS = {
    "cleaning-office", "cleaning-patient-room", "recycling-cashier", "recycling-sorting", "care-morning", "care-mealtime",
    "kitchen-dishwashing", "kitchen-food-prep", "warehouse-receiving", "property-waste-snow", "retail-shelf-stocking",
    "ece-assistant", "garage-tyre-change", "park-maintenance",
}


def test_the_library_ships_at_least_twelve_scenarios_across_six_sectors() -> None:
    scenarios = build_library().all()
    assert len(scenarios) >= 12
    assert len({s.sector for s in scenarios}) >= 6


def test_the_library_has_phone_calls_and_problem_situations() -> None:
    scenarios = build_library().all()
    phone_problems = [s.id for s in scenarios if s.kind == "phone" and s.problem]
    assert "cleaning-call-in-sick" in phone_problems and "kitchen-dishwasher-broken" in phone_problems
    assert sum(1 for s in scenarios if s.problem) >= 6


def test_every_scenario_is_tied_to_a_workplace_task() -> None:
    for s in build_library().all():
        assert s.task in TASK_IDS, s.id


def test_each_scenarios_task_exists_with_the_same_sector() -> None:
    from corpora import tasks
    written = {p.stem for p in Path(tasks.TASKS_DIR).glob("*.yaml")}
    for s in build_library().all():
        if s.task in written:
            task = tasks.get_task(s.task)
            assert (task.id, task.sector_en) == (s.task, s.sector), s.id


def test_every_a1_and_a2_partner_line_is_short() -> None:
    for s in build_library().all():
        for node in s.nodes:
            for level in ("A1", "A2"):
                sentences = [x for x in node.say.text(level).replace("!", ".").replace("?", ".").split(".") if x.strip()]
                assert all(len(x.split()) <= 12 for x in sentences), (s.id, node.id, level)


def test_unknown_scenario_is_refused_with_a_message() -> None:
    with pytest.raises(UnknownScenario, match="no scenario called 'nope'"):
        build_library().get("nope")


def test_a_broken_scenario_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    text = (SCENARIO_DIR / "cleaning-call-in-sick.yaml").read_text(encoding="utf-8")
    (tmp_path / "cleaning-call-in-sick.yaml").write_text(text.replace("start: answer", "start: nowhere"), encoding="utf-8")
    with pytest.raises(InvalidScenario, match="cleaning-call-in-sick.yaml"):
        ScenarioLibrary(tmp_path)


def test_a_line_falls_back_to_the_nearest_easier_level() -> None:
    line = Line(A1="Hei.", B1="Hei, mitä kuuluu?")
    assert line.text("A2") == "Hei."
    assert line.text("B2") == "Hei, mitä kuuluu?"
    assert Line.model_validate("Moi.").text("B2") == "Moi."
