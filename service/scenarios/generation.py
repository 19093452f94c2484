"""Scenarios from stored profiles: generate drafts from a profile (`POST /api/v1/profiles/{id}/scenarios`),
list a profile's scenarios, and bind authored scenarios to the profile version they name.

A generated draft is an ordinary authored scenario (the authoring service stores it, versions it,
test-plays and publishes it) whose task is `profile:<id>` and which names the profile version it was
generated from. Generating again is explicit: it saves a new draft version of the same scenarios,
and the published version participants play does not change until the teacher publishes again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from pydantic import BaseModel, Field

from finnish.profile import TaskProfile
from service.core.auth import CurrentUser
from service.core.errors import Forbidden, InvalidInput, NotFound
from service.profiles.service import ProfileService
from service.scenarios.service import AUTHOR_ROLES, ScenarioAuthoring
from service.scenarios.shapes import AuthoredRecord, ProfileScenario, ProfileScenarioList
from simulations.generate.binding import profile_grounding
from simulations.generate.generator import Checker, NoSituations, ScenarioGenerator
from simulations.generate.lint import flagged_lines
from simulations.scenario import Scenario

log = logging.getLogger("tyokieli.scenarios")
PROFILE_TASK = "profile:"


class GeneratedScenarioOut(BaseModel):
    id: str
    title: str
    status: str
    version: int
    profile: int
    profile_version: int
    situation: str = Field(description="the profile situation it practises")
    template: str = Field(description="the situation-kind template it was made from")
    checked_lines: int = Field(description="Finnish lines the feedback engine checked")
    rejected: list[str] = Field(default_factory=list, description="template alternatives the engine flagged (not used)")
    polished: list[str] = Field(default_factory=list, description="lines the LLM made more natural (with polish)")
    notices: list[str] = Field(default_factory=list, description="polished lines not taken, and why")


class GenerationOut(BaseModel):
    profile: int
    profile_version: int
    scenarios: list[GeneratedScenarioOut]
    notices: list[str] = Field(default_factory=list)


NO_LLM_NOTICE = ("Tekoälyä ei ole määritetty, joten repliikit ovat mallin repliikkejä. "
                 "(No LLM endpoint is configured: the lines are the templates' own.)")


def profile_id_of(task: str) -> int | None:
    pid = task.removeprefix(PROFILE_TASK)
    return int(pid) if task.startswith(PROFILE_TASK) and pid.isdigit() else None


class ProfileBinding:
    """The authoring service's hooks for profile-bound scenarios: does a target exist, and the
    grounding a bound scenario reads (copied from the profile version it names)."""

    def __init__(self, profiles: ProfileService, task_exists: Callable[[str], bool], checker: Checker) -> None:
        self.profiles = profiles
        self._task_exists = task_exists
        self.checker = checker

    def task_exists(self, task: str) -> bool:
        pid = profile_id_of(task)
        if pid is None:
            return self._task_exists(task)
        try:
            self.profiles.get(pid)
        except NotFound:
            return False
        return True

    def bind(self, scenario: Scenario) -> Scenario:
        """A scenario naming a profile version gets that version's grounding; a profile task must name one."""
        pid = profile_id_of(scenario.task)
        if scenario.profile is None:
            if pid is not None:
                raise InvalidInput(f"profile_version: a scenario of '{scenario.task}' names the profile version it "
                                   "practises (profile and profile_version).")
            return scenario
        if pid != scenario.profile:
            raise InvalidInput(f"task: a scenario bound to profile {scenario.profile} has the task 'profile:{scenario.profile}'.")
        version = self.profiles.profile_at(scenario.profile, scenario.profile_version or 0)
        if version is None:
            raise InvalidInput(f"profile_version: profile {scenario.profile} has no version {scenario.profile_version}.")
        return scenario.model_copy(update={"grounding": profile_grounding(version)})

    def flagged(self, scenario: Scenario) -> list[dict[str, str]]:
        return [{"where": f.where, "text": f.text, "message": f.message} for f in flagged_lines(scenario, self.checker)]


class ProfileScenarios:
    def __init__(self, profiles: ProfileService, authoring: ScenarioAuthoring, generator: ScenarioGenerator) -> None:
        self.profiles = profiles
        self.authoring = authoring
        self.generator = generator

    def generate(self, user: CurrentUser, profile_id: int, *, polish: bool = False) -> GenerationOut:
        """Draft scenarios from the current version of a profile the user may read; with `polish` and
        an LLM endpoint configured, the model makes the lines more natural (each one re-checked)."""
        if user.role not in AUTHOR_ROLES:
            raise Forbidden("Only teachers and admins can generate scenarios.")
        record = self.profiles.get(profile_id, user)
        profile, version = TaskProfile.model_validate(record), int(record["version"])
        try:
            made = self.generator.generate(profile, profile_id=profile_id, profile_version=version, polish=polish)
        except NoSituations as exc:
            raise InvalidInput(exc.message) from None
        out = []
        for g in made:
            row = self._save(user, g.scenario)
            out.append(GeneratedScenarioOut(
                id=row["id"], title=g.scenario.title, status=row["status"], version=row["version"], profile=profile_id,
                profile_version=version, situation=g.situation, template=g.template, checked_lines=g.checked_lines,
                rejected=g.rejected, polished=g.polished, notices=g.notices))
        log.info("%d scenarios generated from profile %s v%s by user %s", len(out), profile_id, version, user.id)
        notices = [NO_LLM_NOTICE] if polish and self.generator.polisher is None else []
        return GenerationOut(profile=profile_id, profile_version=version, scenarios=out, notices=notices)

    def _save(self, user: CurrentUser, scenario: Scenario) -> AuthoredRecord:
        """A new scenario, or a new draft version of this user's earlier one (another teacher's copy stays theirs)."""
        data = scenario.model_dump(mode="json", exclude_none=True)
        owner = self.authoring.author_of(scenario.id)
        if owner is None:
            return self.authoring.create(user, data)
        if user.is_admin or owner == user.id:
            return self.authoring.update(user, scenario.id, data)
        own_id = f"{scenario.id[:60]}-u{user.id}"
        data["id"] = own_id
        if self.authoring.author_of(own_id) is None:
            return self.authoring.create(user, data)
        return self.authoring.update(user, own_id, data)

    def listing(self, user: CurrentUser, profile_id: int) -> ProfileScenarioList:
        """The profile's published scenarios, and for teachers also their own drafts (with `status`)."""
        self.profiles.get(profile_id, user)  # 404 unless the user may read the profile
        task = f"{PROFILE_TASK}{profile_id}"
        found: dict[str, ProfileScenario] = {}
        for s in self.authoring.all():
            if s.task == task:
                found[s.id] = {**s.summary(), "status": "published"}
        for row in self.authoring.mine(user):
            if row["task"] == task and row["id"] not in found:
                data = self.authoring.latest(user, row["id"])["scenario"]
                found[row["id"]] = {**Scenario.model_validate(data).summary(), "status": row["status"]}
        return {"scenarios": sorted(found.values(), key=lambda s: str(s["id"]))}
