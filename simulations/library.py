"""The scenario library: every YAML file in simulations/scenarios/, validated once and looked up by id."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Protocol

import yaml
from pydantic import ValidationError

from finnish.yamlio import load_yaml
from simulations.errors import InvalidScenario, UnknownScenario
from simulations.scenario import Scenario

SCENARIO_DIR = Path(__file__).parent / "scenarios"


def load_scenario(path: Path) -> Scenario:
    """One scenario file; a file that breaks the schema raises InvalidScenario naming the file and field."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        return Scenario.model_validate(data)
    except yaml.YAMLError as exc:
        raise InvalidScenario(f"{path.name} is not valid YAML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise InvalidScenario(f"{path.name}: {where}: {first.get('msg')}") from None


class ScenarioSource(Protocol):
    """Scenarios stored elsewhere (e.g. published by teachers in the database), found by id too."""

    def get(self, scenario_id: str) -> Scenario | None: ...

    def all(self) -> list[Scenario]: ...


class ScenarioLibrary:
    def __init__(self, directory: Path = SCENARIO_DIR) -> None:
        self.directory = directory
        self._by_id: dict[str, Scenario] = {}
        self._sources: dict[str, ScenarioSource] = {}
        self._lock = threading.Lock()
        self.reload()

    def reload(self) -> None:
        found: dict[str, Scenario] = {}
        for path in sorted(self.directory.glob("*.yaml")):
            scenario = load_scenario(path)
            if scenario.id != path.stem:
                raise InvalidScenario(f"{path.name}: the id '{scenario.id}' must match the file name")
            found[scenario.id] = scenario
        with self._lock:
            self._by_id = found
            self._shipped = set(found)

    def shipped_ids(self) -> set[str]:
        """Ids of the scenarios shipped as files (authored scenarios may not reuse them)."""
        with self._lock:
            return set(self._shipped)

    def view(self) -> ScenarioLibrary:
        """A library over the same shipped scenarios (not parsed again) with sources of its own: each
        running service connects its own database as a source, so one never reads another's."""
        other = ScenarioLibrary.__new__(ScenarioLibrary)
        other.directory = self.directory
        other._lock = threading.Lock()
        with self._lock:
            other._by_id = dict(self._by_id)
            other._shipped = set(self._shipped)
        other._sources = {}
        return other

    def set_source(self, name: str, source: ScenarioSource) -> None:
        """Adds (or replaces) a further source of scenarios, e.g. teachers' published scenarios in the
        database. Shipped scenarios win over a source's scenario with the same id."""
        with self._lock:
            self._sources[name] = source

    def add(self, scenario: Scenario) -> None:
        """Makes a scenario available (e.g. one authored by a teacher and stored elsewhere)."""
        with self._lock:
            self._by_id[scenario.id] = scenario

    def get(self, scenario_id: str) -> Scenario:
        with self._lock:
            found = self._by_id.get(scenario_id)
            sources = list(self._sources.values())
        for source in sources if found is None else ():
            found = source.get(scenario_id)
            if found is not None:
                break
        if found is None:
            raise UnknownScenario(f"There is no scenario called '{scenario_id}'. See GET /api/v1/scenarios for the list.")
        return found

    def all(self) -> list[Scenario]:
        with self._lock:
            found = dict(self._by_id)
            sources = list(self._sources.values())
        for source in sources:
            for scenario in source.all():
                found.setdefault(scenario.id, scenario)  # a shipped scenario wins over a stored one
        return sorted(found.values(), key=lambda s: (s.sector, s.task, s.id))

    def for_task(self, task: str) -> list[Scenario]:
        return [s for s in self.all() if s.task == task]


_default: ScenarioLibrary | None = None
_default_lock = threading.Lock()


def build_library() -> ScenarioLibrary:
    """The shipped scenarios, loaded once per process."""
    global _default
    with _default_lock:
        if _default is None:
            _default = ScenarioLibrary()
        return _default
