"""What scenario authoring answers (TypedDicts: JSON objects with named keys, read as dicts by the
routes and the UI, checked key by key by mypy), and the one free-form type of this room."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from simulations.scenario import ScenarioSummary

# A scenario as a teacher wrote it (YAML or JSON parsed into a mapping), before it is validated as a
# `simulations.scenario.Scenario`, and the validated scenario stored as JSON (`model_dump`, without
# empty fields). Free-form until validated on purpose: validation is what turns it into a Scenario
# and explains what is wrong. The one free-form mapping of service/scenarios.
ScenarioJSON = dict[str, Any]


class AuthoredRecord(TypedDict):
    """One saved version of an authored scenario; `scenario` is left out of listings."""

    id: str
    version: int
    status: str  # draft | published
    task: str
    title: str
    author_id: int | None
    created_at: str | None
    published_at: str | None
    scenario: NotRequired[ScenarioJSON]


class ProfileScenario(ScenarioSummary):
    status: str  # published, or the teacher's own draft


class ProfileScenarioList(TypedDict):
    scenarios: list[ProfileScenario]
