"""Teacher authoring of scenarios: create, edit (every save is a new version), publish.

Authored scenarios follow the same schema as the shipped ones (`simulations.scenario.Scenario`) and
belong to a workplace task of the corpus. A draft is seen and test-played only by its author (and
admins); once published, participants find it by id like a shipped scenario (the newest published
version is played). Shipped scenarios cannot be overwritten: copy one under a new id.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import yaml
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finnish.yamlio import load_yaml
from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.errors import Conflict, Forbidden, InvalidInput, NotFound, TooLarge
from service.scenarios.grants import TestPlayGrants
from service.scenarios.models import AuthoredScenario
from service.scenarios.shapes import AuthoredRecord, ScenarioJSON
from simulations.scenario import Scenario

MAX_SCENARIO_BYTES = 200_000
AUTHOR_ROLES = ("teacher", "admin")
# A draft is test-played under its own id "<id>--draft-v<version>-<mac>": the scenario library finds
# it by that id (in any process), and only its author is given the id, which cannot be guessed.


def _readable(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ())) or "scenario"
        parts.append(f"{where}: {err.get('msg')}")
    return "The scenario does not follow the schema: " + "; ".join(parts) + "."


def parse_scenario_text(text: str) -> ScenarioJSON:
    """YAML (or JSON, which is YAML) from the authoring form → a mapping."""
    if len(text.encode("utf-8")) > MAX_SCENARIO_BYTES:
        raise TooLarge(f"The scenario is too large: the limit is {MAX_SCENARIO_BYTES:,} bytes.")
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise InvalidInput(f"The scenario is not valid YAML{where}.") from None
    if not isinstance(data, dict):
        raise InvalidInput("The scenario must be a mapping of fields (id, title, task, goals, nodes, …).")
    return data


class ScenarioAuthoring:
    def __init__(self, db: Database, shipped_ids: Callable[[], set[str]] | None = None,
                 task_exists: Callable[[str], bool] | None = None,
                 bind: Callable[[Scenario], Scenario] | None = None,
                 line_check: Callable[[Scenario], list[dict[str, str]]] | None = None) -> None:
        self.db = db
        # a scenario bound to a stored profile reads that profile version (service/scenarios/generation.py)
        self._bind: Callable[[Scenario], Scenario] = bind or (lambda scenario: scenario)
        # publishing refuses lines the feedback engine flags, unless the teacher overrides
        self._line_check = line_check
        self._grants = TestPlayGrants(db)  # drafts are test-played through server-side grants (grants.py)
        # callables, so tests and the container decide where shipped scenarios and tasks come from
        self._shipped_ids: Callable[[], set[str]] = shipped_ids or (lambda: set())
        self._task_exists: Callable[[str], bool] = task_exists or (lambda task: True)

    def shipped_ids(self) -> set[str]:
        return set(self._shipped_ids())

    # -- writing ----------------------------------------------------------------------------------
    def validate(self, data: ScenarioJSON) -> Scenario:
        if not isinstance(data, dict):
            raise InvalidInput("The scenario must be a JSON object.")
        if len(json.dumps(data, ensure_ascii=False).encode("utf-8")) > MAX_SCENARIO_BYTES:
            raise TooLarge(f"The scenario is too large: the limit is {MAX_SCENARIO_BYTES:,} bytes.")
        try:
            scenario = Scenario.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput(_readable(exc)) from None
        if not self._task_exists(scenario.task):
            raise InvalidInput(f"There is no workplace task called '{scenario.task}'. Choose one of the task profiles.")
        return self._bind(scenario)

    def create(self, user: CurrentUser, data: ScenarioJSON, publish: bool = False) -> AuthoredRecord:
        _require_author(user)
        scenario = self.validate(data)
        if scenario.id in self._shipped_ids():
            raise Conflict(f"'{scenario.id}' is a shipped scenario. Give your scenario a new id.")
        with self.db.session() as s:
            if s.scalar(select(AuthoredScenario.id).where(AuthoredScenario.scenario_id == scenario.id)) is not None:
                raise Conflict(f"A scenario called '{scenario.id}' already exists: edit it with PUT, or choose a new id.")
            row = self._new_version(s, user, scenario, 1, publish)
            return _out(row)

    def update(self, user: CurrentUser, scenario_id: str, data: ScenarioJSON, publish: bool = False) -> AuthoredRecord:
        _require_author(user)
        if scenario_id in self._shipped_ids():
            raise Conflict(f"'{scenario_id}' is a shipped scenario and cannot be edited. Copy it under a new id.")
        data = {**data, "id": data.get("id", scenario_id)} if isinstance(data, dict) else data
        scenario = self.validate(data)
        if scenario.id != scenario_id:
            raise InvalidInput(f"The scenario id '{scenario.id}' does not match the address '{scenario_id}'.")
        with self.db.session() as s:
            latest = self._latest_row(s, scenario_id)
            _require_owner(user, latest)
            row = self._new_version(s, user, scenario, latest.version + 1, publish)
            # An admin's edit must not take the scenario away from the teacher who owns it.
            row.author_id = latest.author_id
            return _out(row)

    def publish(self, user: CurrentUser, scenario_id: str, version: int | None = None,
                override_flagged: bool = False) -> AuthoredRecord:
        """Publishes a version (default: the newest) to participants. Lines the feedback engine flags
        → 422 listing them, unless `override_flagged`."""
        _require_author(user)
        with self.db.session() as s:
            latest = self._latest_row(s, scenario_id)
            _require_owner(user, latest)
            row = latest if version is None else s.scalar(
                select(AuthoredScenario).where(AuthoredScenario.scenario_id == scenario_id,
                                               AuthoredScenario.version == version))
            if row is None:
                raise NotFound(f"The scenario '{scenario_id}' has no version {version}.")
            flagged = [] if override_flagged or self._line_check is None else self._line_check(
                Scenario.model_validate(row.data))
            if flagged and row.status != "published":
                raise InvalidInput(
                    f"{len(flagged)} line(s) of this scenario have errors the feedback engine found: correct them, or "
                    "publish anyway with override_flagged=true.", flagged=flagged)
            if row.status != "published":
                row.status, row.published_at = "published", datetime.now(UTC)
            return _out(row)

    def _new_version(self, s: Session, user: CurrentUser, scenario: Scenario, version: int, publish: bool) -> AuthoredScenario:
        data = scenario.model_dump(mode="json", exclude_none=True)
        data["version"] = version
        row = AuthoredScenario(
            scenario_id=scenario.id, version=version, status="published" if publish else "draft",
            task=scenario.task, title=scenario.title, author_id=user.id, data=data,
            published_at=datetime.now(UTC) if publish else None,
        )
        s.add(row)
        s.flush()
        return row

    def author_of(self, scenario_id: str) -> int | None:
        """The author of an authored scenario (0 when the author was deleted); None when there is none."""
        with self.db.session() as s:
            row = s.scalar(select(AuthoredScenario).where(AuthoredScenario.scenario_id == scenario_id)
                           .order_by(AuthoredScenario.version.desc()).limit(1))
            return None if row is None else (row.author_id or 0)

    def _latest_row(self, s: Session, scenario_id: str) -> AuthoredScenario:
        row = s.scalar(select(AuthoredScenario).where(AuthoredScenario.scenario_id == scenario_id)
                       .order_by(AuthoredScenario.version.desc()).limit(1))
        if row is None:
            raise NotFound(f"There is no authored scenario called '{scenario_id}'.")
        return row

    # -- reading ----------------------------------------------------------------------------------
    def versions(self, user: CurrentUser, scenario_id: str) -> list[AuthoredRecord]:
        _require_author(user)
        with self.db.session() as s:
            rows = s.scalars(select(AuthoredScenario).where(AuthoredScenario.scenario_id == scenario_id)
                             .order_by(AuthoredScenario.version)).all()
            if not rows:
                raise NotFound(f"There is no authored scenario called '{scenario_id}'.")
            _require_owner(user, rows[-1])
            return [_out(r, with_data=False) for r in rows]

    def latest(self, user: CurrentUser, scenario_id: str) -> AuthoredRecord:
        """The newest version, draft or not, for its author to edit."""
        _require_author(user)
        with self.db.session() as s:
            row = self._latest_row(s, scenario_id)
            _require_owner(user, row)
            return _out(row)

    def mine(self, user: CurrentUser) -> list[AuthoredRecord]:
        """The newest version of every scenario this teacher authored (all of them for an admin)."""
        if user.role not in AUTHOR_ROLES:
            return []
        with self.db.session() as s:
            newest = (select(AuthoredScenario.scenario_id, func.max(AuthoredScenario.version).label("v"))
                      .group_by(AuthoredScenario.scenario_id).subquery())
            q = select(AuthoredScenario).join(newest, (AuthoredScenario.scenario_id == newest.c.scenario_id)
                                              & (AuthoredScenario.version == newest.c.v))
            if not user.is_admin:
                q = q.where(AuthoredScenario.author_id == user.id)
            return [_out(r, with_data=False) for r in s.scalars(q.order_by(AuthoredScenario.scenario_id)).all()]

    def get_published(self, scenario_id: str) -> Scenario | None:
        """The newest published version, as participants play it (the scenario library's source)."""
        with self.db.session() as s:
            row = s.scalar(select(AuthoredScenario).where(AuthoredScenario.scenario_id == scenario_id,
                                                          AuthoredScenario.status == "published")
                           .order_by(AuthoredScenario.version.desc()).limit(1))
            return None if row is None else Scenario.model_validate(row.data)

    def get(self, scenario_id: str) -> Scenario | None:
        """The library source: a published scenario by id, or a draft by its test-play id (a live
        server-side grant, see grants.py; a forged or expired one is None, i.e. 404)."""
        if not self._grants.looks_like(scenario_id):
            return self.get_published(scenario_id)
        grant = self._grants.find(scenario_id)
        if grant is None:
            return None
        with self.db.session() as s:
            row = s.scalar(select(AuthoredScenario).where(AuthoredScenario.scenario_id == grant.scenario_id,
                                                          AuthoredScenario.version == grant.version))
            if row is None:
                return None
            return Scenario.model_validate({**row.data, "id": scenario_id, "title": f"{row.title} (luonnos / draft)"})

    def may_play(self, user_id: int, scenario_id: str) -> bool:
        """Whether this user may start `scenario_id`: anyone a published or shipped one; a draft's
        test-play id only the teacher it was issued to."""
        if not self._grants.looks_like(scenario_id):
            return True
        grant = self._grants.find(scenario_id)
        return grant is not None and grant.user_id == user_id

    def test_play_id(self, user: CurrentUser, scenario_id: str) -> str:
        """A fresh id under which this author test-plays the newest version (draft or not)."""
        _require_author(user)
        with self.db.session() as s:
            row = self._latest_row(s, scenario_id)
            _require_owner(user, row)
            version = row.version
        return self._grants.issue(user.id, scenario_id, version)

    def all(self) -> list[Scenario]:
        """Every published scenario, newest version each."""
        with self.db.session() as s:
            newest = (select(AuthoredScenario.scenario_id, func.max(AuthoredScenario.version).label("v"))
                      .where(AuthoredScenario.status == "published").group_by(AuthoredScenario.scenario_id).subquery())
            rows = s.scalars(select(AuthoredScenario).join(
                newest, (AuthoredScenario.scenario_id == newest.c.scenario_id) & (AuthoredScenario.version == newest.c.v)
            )).all()
            return [Scenario.model_validate(r.data) for r in rows]

    def playable(self, user: CurrentUser, scenario_id: str) -> Scenario:
        """What this user plays under this id: the newest draft for its author or an admin (test-play),
        otherwise the newest published version."""
        with self.db.session() as s:
            row = s.scalar(select(AuthoredScenario).where(AuthoredScenario.scenario_id == scenario_id)
                           .order_by(AuthoredScenario.version.desc()).limit(1))
            if row is not None and (user.is_admin or row.author_id == user.id):
                return Scenario.model_validate(row.data)
        found = self.get_published(scenario_id)
        if found is None:
            raise NotFound(f"There is no scenario called '{scenario_id}' that you can play.")
        return found


def _require_author(user: CurrentUser) -> None:
    if user.role not in AUTHOR_ROLES:
        raise Forbidden("Only teachers and admins can author scenarios.")


def _require_owner(user: CurrentUser, row: AuthoredScenario) -> None:
    if not user.is_admin and row.author_id != user.id:
        # Another teacher's scenario answers like an unknown one: drafts are nobody else's business.
        raise NotFound(f"There is no authored scenario called '{row.scenario_id}' that you can change. "
                       "To build on a published one, copy it under a new id.")


def _out(row: AuthoredScenario, with_data: bool = True) -> AuthoredRecord:
    out: AuthoredRecord = {
        "id": row.scenario_id, "version": row.version, "status": row.status, "task": row.task,
        "title": row.title, "author_id": row.author_id,
        "created_at": row.created_at.isoformat() if row.created_at else None,
        "published_at": row.published_at.isoformat() if row.published_at else None,
    }
    if with_data:
        out["scenario"] = row.data
    return out
