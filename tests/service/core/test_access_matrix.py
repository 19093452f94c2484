"""Role × endpoint: who may call every /api/v1 route.

The rules below are the access policy in one table. The table is checked against the app's own
routes, so a new route without a rule fails `test_every_api_route_has_an_access_rule`.

Each route is called with real objects: a participant P (linked to the participant user, with the
coach and the teacher assigned), a practice session S of the participant user, a profile and an
authored scenario of the teacher. An allowed role must get a 2xx — or exactly the status the rule
expects (`expect`, e.g. a 422 that is checked after access on purpose); any other 4xx is a failure;
a role that is not allowed gets 403, or 404 where the service hides that the object exists;
anonymous callers get 401. Strangers (users of the same roles with no link to the objects) are
refused on every route whose objects are not shared.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.container import Services, build_services
from tests.conftest import ApiUser, add_user, make_settings
from tyokieli.app import create_app

ROLES = ("participant", "teacher", "coach", "admin", "mentor")
# A workplace mentor reaches a participant only through the mentor routes (with consent): every
# participant and profile route refuses them, general tools (analysis, practice, search) do not.
EVERYONE = frozenset(ROLES)
ALL = EVERYONE - {"mentor"}
INVITERS = frozenset({"participant", "coach", "admin"})
MENTOR = frozenset({"mentor"})
STAFF_EDIT = frozenset({"teacher", "admin"})
COACHING = frozenset({"coach", "admin"})

Body = dict[str, Any] | Callable[[str, "World"], Any] | None


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    body: Body = None
    public: bool = False
    shared: bool = False  # any user of an allowed role may reach every object of this route
    fresh: Callable[[World], dict[str, Any]] | None = None  # path params made anew per call (deletes)
    params: dict[str, Any] = field(default_factory=dict)
    expect: int | None = None  # the status an allowed role gets, when it is not a 2xx on purpose


def _participant_update(role: str, _: World) -> dict[str, Any]:
    return {
        "participant": {"self_assessment": {"speaking": "A2"}},
        "teacher": {"teacher_assessment": {"writing": "A2"}},
    }.get(role, {"work_trial_place": "Siivousliike Oy"})


def _profile_update(_: str, w: World) -> dict[str, Any]:
    current = w.services.profiles.get(w.profile_id)["version"]  # each allowed PUT saves a new version
    return {**w.profile_body, "version": current}


def _authored(_: str, w: World) -> dict[str, Any]:
    return {"scenario": w.authored_body}


def _new_authored(_: str, w: World) -> dict[str, Any]:
    w.counter += 1
    return {"scenario": {**w.authored_body, "id": f"matrix-new-{w.counter}"}}


def _fresh_consent(w: World) -> dict[str, Any]:
    body = {"user": "second-mentor", "target": w.mentor_target, "consent": True}
    r = w.client.post(f"/api/v1/participants/{w.participant_id}/mentors", json=body, headers=w.users["coach"].headers)
    assert r.status_code == 201, r.text
    return {"mentor_id": r.json()["id"]}


def _fresh_link(w: World) -> dict[str, Any]:
    r = w.client.post(f"/api/v1/participants/{w.participant_id}/portfolio/links", json={"days": 1},
                      headers=w.users["participant"].headers)
    assert r.status_code == 201, r.text
    return {"link_id": r.json()["id"]}


def _fresh_participant(w: World) -> dict[str, Any]:
    r = w.client.post("/api/v1/participants", json={"name": "Poistettava", "coaches": ["test-teacher"]},
                      headers=w.users["coach"].headers)
    assert r.status_code == 201, r.text
    return {"participant_id": r.json()["id"]}


RULES: dict[str, Rule] = {
    "GET /health": Rule(ALL, public=True),
    "POST /api/v1/analysis": Rule(EVERYONE, {"text": "Siivoan huoneen."}),
    "GET /api/v1/audit": Rule(frozenset({"admin"})),
    # coach view
    "GET /api/v1/participants": Rule(EVERYONE),
    "POST /api/v1/participants": Rule(COACHING, {"name": "Uusi Osallistuja"}),
    "GET /api/v1/participants/{participant_id}": Rule(ALL),
    "PUT /api/v1/participants/{participant_id}": Rule(ALL, _participant_update),
    "DELETE /api/v1/participants/{participant_id}": Rule(COACHING, fresh=_fresh_participant),
    "POST /api/v1/participants/{participant_id}/evidence": Rule(ALL, {"kind": "text", "text": "Minä siivoan huoneen."}),
    "GET /api/v1/participants/{participant_id}/readiness": Rule(ALL),
    "GET /api/v1/participants/{participant_id}/history": Rule(ALL),
    "GET /api/v1/participants/{participant_id}/plan": Rule(ALL),
    # GDPR: the participant themself or an admin (erase is tried on a fresh, unlinked participant)
    "GET /api/v1/participants/{participant_id}/export": Rule(frozenset({"participant", "admin"})),
    "POST /api/v1/participants/{participant_id}/erase": Rule(frozenset({"admin"}), fresh=_fresh_participant),
    "GET /api/v1/participants/{participant_id}/report": Rule(ALL),
    # workplace: mentors with consent (test-mentor follows P), observations, intake, portfolio
    "POST /api/v1/participants/{participant_id}/mentors": Rule(
        INVITERS, lambda _r, w: {"user": "test-mentor", "target": w.mentor_target, "consent": True}),
    "GET /api/v1/participants/{participant_id}/mentors": Rule(INVITERS),
    "DELETE /api/v1/participants/{participant_id}/mentors/{mentor_id}": Rule(INVITERS, fresh=_fresh_consent),
    "GET /api/v1/mentor/participants": Rule(MENTOR),
    "GET /api/v1/mentor/participants/{participant_id}": Rule(MENTOR),
    "POST /api/v1/participants/{participant_id}/observations": Rule(MENTOR, lambda _r, w: {
        "target": w.mentor_target, "situation": w.situation, "result": "with_help"}),
    "GET /api/v1/participants/{participant_id}/observations": Rule(EVERYONE),
    "PUT /api/v1/participants/{participant_id}/intake": Rule(COACHING, {"goals": ["Kysyn apua."]}),
    "GET /api/v1/participants/{participant_id}/intake": Rule(ALL),
    "GET /api/v1/participants/{participant_id}/portfolio": Rule(ALL),
    "POST /api/v1/participants/{participant_id}/portfolio/links": Rule(frozenset({"participant", "admin"}),
                                                                       {"days": 7}),
    "GET /api/v1/participants/{participant_id}/portfolio/links": Rule(frozenset({"participant", "admin"})),
    "DELETE /api/v1/participants/{participant_id}/portfolio/links/{link_id}": Rule(
        frozenset({"participant", "admin"}), fresh=_fresh_link),
    "GET /api/v1/cohort": Rule(COACHING),
    "POST /api/v1/recommendations": Rule(
        # P has no work-trial tasks: 422 after the access check, before the (slow to build) search
        ALL, lambda _r, w: {"participant": w.participant_id, "work_trial_tasks": []}, expect=422
    ),
    # practice: sessions belong to the user who started them (admins included: nobody else sees them)
    "GET /api/v1/scenarios": Rule(EVERYONE),
    "GET /api/v1/scenarios/{scenario_id}": Rule(EVERYONE, shared=True, params={"scenario_id": "shipped"}),
    "POST /api/v1/simulations": Rule(EVERYONE, lambda _r, w: {"scenario": w.shipped_scenario}),
    "GET /api/v1/simulations": Rule(EVERYONE),
    "POST /api/v1/simulations/{session_id}/turns": Rule(frozenset({"participant"}), {"text": "Hei!"}),
    "POST /api/v1/simulations/{session_id}/hint": Rule(frozenset({"participant"})),
    "POST /api/v1/simulations/{session_id}/finish": Rule(frozenset({"participant"})),
    "GET /api/v1/simulations/{session_id}": Rule(frozenset({"participant"})),
    # scenario authoring: teachers (their own scenarios) and admins
    "POST /api/v1/scenarios": Rule(STAFF_EDIT, _new_authored),
    "PUT /api/v1/scenarios/{scenario_id}": Rule(STAFF_EDIT, _authored, params={"scenario_id": "authored"}),
    # (the copy of a shipped scenario may hold a line the feedback engine flags: access is what is tested)
    "POST /api/v1/scenarios/{scenario_id}/publish": Rule(STAFF_EDIT, {"override_flagged": True},
                                                         params={"scenario_id": "authored"}),
    "GET /api/v1/scenarios/{scenario_id}/versions": Rule(STAFF_EDIT, params={"scenario_id": "authored"}),
    "GET /api/v1/scenarios/{scenario_id}/source": Rule(STAFF_EDIT, params={"scenario_id": "authored"}),
    "POST /api/v1/scenarios/{scenario_id}/test-play": Rule(STAFF_EDIT, params={"scenario_id": "authored"}),
    # task-language profiles: the owner (the teacher), teachers it is shared with, the participant whose
    # target it is (P targets it) and P's coaches read it; strangers get 404
    "POST /api/v1/profiles/analyse": Rule(STAFF_EDIT, lambda _r, w: {"title": "Siivous", "texts": [w.text]}),
    "POST /api/v1/profiles/upload": Rule(STAFF_EDIT, lambda _r, w: {"data": {"title": "Siivous", "texts": [w.text]}}),
    "GET /api/v1/profiles/tasks": Rule(EVERYONE),
    "GET /api/v1/profiles/tasks/{task_id}": Rule(EVERYONE, shared=True),
    "POST /api/v1/profiles": Rule(STAFF_EDIT, lambda _r, w: w.profile_body),
    "GET /api/v1/profiles": Rule(EVERYONE),
    "GET /api/v1/profiles/{profile_id}": Rule(ALL),
    "PUT /api/v1/profiles/{profile_id}": Rule(STAFF_EDIT, _profile_update),
    "GET /api/v1/profiles/{profile_id}/versions": Rule(ALL),
    "GET /api/v1/profiles/{profile_id}/export": Rule(ALL),
    "GET /api/v1/profiles/{profile_id}/versions/{version}": Rule(ALL),
    "GET /api/v1/profiles/{profile_id}/sharing": Rule(STAFF_EDIT),
    "PUT /api/v1/profiles/{profile_id}/sharing": Rule(STAFF_EDIT, {"all_teachers": "none", "teachers": []}),
    "POST /api/v1/profiles/{profile_id}/scenarios": Rule(STAFF_EDIT),
    # feedback and qualification search (a search without q is refused with 422 after the access
    # check: the first real search builds the index, which takes minutes)
    "POST /api/v1/feedback": Rule(EVERYONE, {"text": "Minä siivoan huone."}),
    "GET /api/v1/search": Rule(EVERYONE, expect=422),
    "GET /api/v1/qualifications": Rule(EVERYONE),
    # live ePerusteet import: admins only (an empty body is refused with 422 after the access check)
    "POST /api/v1/qualifications/import": Rule(frozenset({"admin"}), {}, expect=422),
    "GET /api/v1/qualifications/units/{code}": Rule(EVERYONE, shared=True),
    # vocabulary practice: every signed-in user practises their own cards of any task (a GET without
    # ?target= is refused with 422 after the access check)
    "GET /api/v1/vocabulary/cards": Rule(EVERYONE, expect=422),
    "GET /api/v1/vocabulary/exercises": Rule(EVERYONE, expect=422),
    "GET /api/v1/vocabulary/session": Rule(EVERYONE, expect=422),
    "GET /api/v1/vocabulary/stats": Rule(EVERYONE, expect=422),
    "POST /api/v1/vocabulary/reviews": Rule(EVERYONE, lambda _r, w: {"exercise": _vocabulary_ids(w)[1], "answer": "sana"},
                                            shared=True),
    "GET /api/v1/vocabulary/cards/{card_id}/audio": Rule(EVERYONE, shared=True,
                                                         fresh=lambda w: {"card_id": _vocabulary_ids(w)[0]}),
    "GET /api/v1/vocabulary/exercises/{exercise_id}/audio": Rule(
        EVERYONE, shared=True, fresh=lambda w: {"exercise_id": _vocabulary_ids(w)[1]}),
}


def _vocabulary_ids(w: World) -> tuple[str, str]:
    """A card of the shipped task and its first listen-and-write exercise."""
    catalogues = w.services.vocabulary.catalogues
    catalogue = catalogues.get(w.task_id)
    card = next(c for c in catalogue.cards if c.kind == "word" and catalogues.exercises(catalogue, c, "listen"))
    card_id = f"{catalogue.target}~{card.key}"
    return card_id, f"{card_id}~listen~0"


@dataclass
class World:
    client: TestClient
    services: Services
    users: dict[str, ApiUser]
    strangers: dict[str, ApiUser]
    participant_id: int = 0
    session_id: str = ""
    shipped_scenario: str = ""
    authored_scenario: str = ""
    authored_body: dict[str, Any] = field(default_factory=dict)
    task_id: str = ""
    profile_id: int = 0
    profile_version: int = 1
    profile_body: dict[str, Any] = field(default_factory=dict)
    counter: int = 0
    unit_code: str = "101067"  # Vanhusten kotihoito ja huolenpito, in the shipped corpus
    mentor_target: str = ""  # P's target task that test-mentor follows
    situation: str = ""  # a situation of that task's profile
    text: str = "Siivoan potilashuoneen aamulla. Vien roskat jätehuoneeseen ja pesen lattian."

    def path_params(self, rule: Rule) -> dict[str, Any]:
        values: dict[str, Any] = {
            "participant_id": self.participant_id,
            "session_id": self.session_id,
            "scenario_id": self.shipped_scenario,
            "task_id": self.task_id,
            "profile_id": self.profile_id,
            "version": 1,
            "code": self.unit_code,
        }
        for name, which in rule.params.items():
            values[name] = {"shipped": self.shipped_scenario, "authored": self.authored_scenario}[which]
        if rule.fresh is not None:
            values.update(rule.fresh(self))
        return values


def _ok(response: Any, what: str) -> Any:
    assert response.status_code < 300, f"{what}: {response.status_code} {response.text[:300]}"
    return response.json()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, analyser: object) -> Iterator[World]:
    settings = make_settings(Path(tmp_path_factory.mktemp("matrix")), rate_limit_per_minute=0)
    services = build_services(settings)
    users = {role: add_user(services, f"test-{role}", role) for role in ROLES}
    strangers = {role: add_user(services, f"stranger-{role}", role) for role in ROLES}
    with TestClient(create_app(settings, services, with_ui=False)) as client:
        w = World(client, services, users, strangers)
        h = {role: u.headers for role, u in users.items()}
        p = _ok(client.post("/api/v1/participants", headers=h["coach"], json={
            "name": "Amina", "user": "test-participant", "coaches": ["test-teacher"]}), "create participant")
        w.participant_id = p["id"]
        scenarios = _ok(client.get("/api/v1/scenarios", headers=h["participant"]), "scenarios")["scenarios"]
        w.shipped_scenario = scenarios[0]["id"]
        w.session_id = _ok(client.post("/api/v1/simulations", headers=h["participant"],
                                       json={"scenario": w.shipped_scenario}), "start")["id"]
        tasks = _ok(client.get("/api/v1/profiles/tasks", headers=h["teacher"]), "tasks")["tasks"]
        w.task_id = tasks[0]["id"]
        body = _ok(client.get(f"/api/v1/profiles/tasks/{w.task_id}", headers=h["teacher"]), "task profile")
        w.profile_body = body
        created = _ok(client.post("/api/v1/profiles", headers=h["teacher"], json=body), "create profile")
        w.profile_id, w.profile_version = created["id"], created["version"]
        _ok(client.put(f"/api/v1/participants/{w.participant_id}", headers=h["coach"],
                       json={"target_tasks": [f"profile:{w.profile_id}"]}), "target the profile")
        full = _ok(client.get(f"/api/v1/scenarios/{w.shipped_scenario}", headers=h["teacher"]), "scenario")
        authored = copy.deepcopy(full.get("scenario", full))
        authored["id"] = "matrix-authored"
        w.authored_body = authored
        w.authored_scenario = _ok(client.post("/api/v1/scenarios", headers=h["teacher"],
                                              json={"scenario": authored}), "author scenario")["id"]
        targets = _ok(client.get(f"/api/v1/participants/{w.participant_id}", headers=h["coach"]), "P")["target_tasks"]
        if not targets:
            targets = [w.task_id]
            _ok(client.put(f"/api/v1/participants/{w.participant_id}", headers=h["coach"],
                           json={"target_tasks": targets}), "target a task")
        w.mentor_target = targets[0]
        w.situation = services.mentors.packet(w.mentor_target)["situations"][0]["id"]
        add_user(services, "second-mentor", "mentor")
        _ok(client.post(f"/api/v1/participants/{w.participant_id}/mentors", headers=h["coach"],
                        json={"user": "test-mentor", "target": w.mentor_target, "consent": True}), "invite mentor")
        yield w
    services.close()


def _call(w: World, key: str, headers: dict[str, str], role: str) -> Any:
    rule = RULES[key]
    method, template = key.split(" ", 1)
    path = template.format(**w.path_params(rule)) if "{" in template else template
    body = rule.body(role, w) if callable(rule.body) else rule.body
    if isinstance(body, dict) and set(body) == {"data"}:  # a multipart form
        return w.client.request(method, path, data=body["data"], headers=headers)
    return w.client.request(method, path, json=body, headers=headers)


def _api_routes(tmp_path: Path) -> set[str]:
    """Every route of the app as 'METHOD /path', read from its OpenAPI schema (FastAPI builds the
    schema from the routes themselves; a route hidden from the schema would hide from users too)."""
    app = create_app(make_settings(tmp_path, analyser="fake"), with_ui=False)
    paths = app.openapi()["paths"]
    return {
        f"{method.upper()} {path}"
        for path, ops in paths.items()
        if path.startswith("/api/") or path == "/health"
        for method in ops
        if method in ("get", "post", "put", "patch", "delete")
    }


def test_every_api_route_has_an_access_rule(tmp_path: Path) -> None:
    routes = _api_routes(tmp_path)
    missing = sorted(routes - set(RULES))
    stale = sorted(set(RULES) - routes)
    assert not missing, f"routes without an access rule in tests/service/test_access_matrix.py: {missing}"
    assert not stale, f"rules for routes that no longer exist: {stale}"


CASES = [(key, role) for key in RULES for role in (*ROLES, "anonymous")]


@pytest.mark.parametrize(("route", "role"), CASES, ids=[f"{r}-{k}" for k, r in CASES])
def test_role_gets_exactly_the_access_of_the_matrix(world: World, route: str, role: str) -> None:
    rule = RULES[route]
    headers = {} if role == "anonymous" else world.users[role].headers
    response = _call(world, route, headers, role)
    status = response.status_code
    # 503 is a deliberate "not available here" (e.g. an engine not installed), never a crash.
    assert status < 500 or status == 503, f"{route} as {role}: {status} {response.text[:300]}"
    if rule.public:
        assert status not in (401, 403), f"{route} is public but answered {status}"
    elif role == "anonymous":
        assert status == 401, f"{route} without a token answered {status}"
    elif role in rule.allowed:
        ok = status == rule.expect if rule.expect is not None else 200 <= status < 300
        assert ok, f"{route} as {role} should be allowed ({rule.expect or '2xx'}): {status} {response.text[:300]}"
    else:
        assert status in (403, 404), f"{route} as {role} should be refused: {status} {response.text[:300]}"
    assert "detail" in response.json() if status >= 400 else True


OWNED_BY_BODY = {"POST /api/v1/recommendations"}  # the body names a participant
STRANGER_CASES = [
    (key, role)
    for key, rule in RULES.items()
    if ("{" in key or key in OWNED_BY_BODY) and not rule.shared and not rule.public
    for role in sorted(rule.allowed - {"admin"})
]


@pytest.mark.parametrize(("route", "role"), STRANGER_CASES, ids=[f"{r}-{k}" for k, r in STRANGER_CASES])
def test_a_stranger_of_an_allowed_role_cannot_reach_someone_elses_object(world: World, route: str, role: str) -> None:
    response = _call(world, route, world.strangers[role].headers, role)
    assert response.status_code in (403, 404), f"{route} as a stranger {role}: {response.status_code} {response.text[:200]}"
