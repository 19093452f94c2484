"""`POST /api/v1/profiles/{id}/scenarios {"polish": true}` with an LLM endpoint configured (a real
OpenAI-compatible server on 127.0.0.1, the real clients): the model's line is taken where it passes
every check, the template line stays with a notice where the answer is unusable, and generation
without `polish` never calls the model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.core.settings import Settings
from service.scenarios.generation import NO_LLM_NOTICE
from simulations.generate.polish import FAILED_NOTICE
from tests.conftest import ApiUser
from tests.fakes.openai_server import FakeOpenAIServer
from tests.simulations.generate.conftest import NEW_TASKS, task_texts


@pytest.fixture
def llm() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def settings(settings: Settings, llm: FakeOpenAIServer) -> Settings:
    return settings.model_copy(update={"llm_base_url": llm.base_url, "llm_max_retries": 0, "llm_timeout_s": 5.0})


def _profile(client: TestClient, teacher: ApiUser, task: str = "laundry") -> int:
    title, description = NEW_TASKS[task]
    r = client.post("/api/v1/profiles", headers=teacher.headers, json={
        "title": title, "description": description, "texts": [t.text for t in task_texts(task)]})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _source(client: TestClient, teacher: ApiUser, sid: str) -> dict[str, Any]:
    return client.get(f"/api/v1/scenarios/{sid}/source", headers=teacher.headers).json()["scenario"]  # type: ignore[no-any-return]


def test_polishing_takes_the_lines_that_pass_and_keeps_the_template_elsewhere(
        client: TestClient, users: dict[str, ApiUser], llm: FakeOpenAIServer) -> None:
    teacher = users["teacher"]
    pid = _profile(client, teacher)
    offline = client.post(f"/api/v1/profiles/{pid}/scenarios", headers=teacher.headers)
    assert offline.status_code == 201 and llm.chat_requests() == []  # not asked for: no model call
    first = offline.json()["scenarios"][0]
    before = _source(client, teacher, first["id"])
    start = next(n for n in before["nodes"] if n["id"] == before["start"])
    where, better = f"nodes.{start['id']}.say.B1", f"Hei, hyvä kun tulit! {start['say']['B1']}"
    llm.enqueue_json({"lines": [{"id": where, "text": better}]})  # the first scenario's call; the rest get junk

    r = client.post(f"/api/v1/profiles/{pid}/scenarios", headers=teacher.headers, json={"polish": True})

    assert r.status_code == 201, r.text
    made = r.json()["scenarios"]
    assert len(llm.chat_requests()) == len(made)
    assert made[0]["polished"] == [where] and made[0]["notices"] == []
    after = _source(client, teacher, made[0]["id"])
    assert next(n for n in after["nodes"] if n["id"] == start["id"])["say"]["B1"] == better
    assert all(m["polished"] == [] and m["notices"] == [FAILED_NOTICE] for m in made[1:])
    for m, o in zip(made[1:], offline.json()["scenarios"][1:], strict=True):
        assert _source(client, teacher, m["id"])["nodes"] == _source(client, teacher, o["id"])["nodes"]
    published = client.post(f"/api/v1/scenarios/{made[0]['id']}/publish", headers=teacher.headers)
    assert published.status_code == 200, published.text  # the polished line passes the publish check too


def test_polish_without_an_llm_endpoint_says_so_and_uses_the_templates(
        client: TestClient, services, users: dict[str, ApiUser], llm: FakeOpenAIServer) -> None:  # type: ignore[no-untyped-def]
    services.profile_scenarios.generator.polisher = None  # as when no endpoint is configured
    teacher = users["teacher"]
    r = client.post(f"/api/v1/profiles/{_profile(client, teacher, 'bakery')}/scenarios", headers=teacher.headers,
                    json={"polish": True})
    assert r.status_code == 201 and r.json()["notices"] == [NO_LLM_NOTICE]
    assert llm.chat_requests() == []
    bad = client.post(f"/api/v1/profiles/{_profile(client, teacher, 'bakery')}/scenarios", headers=teacher.headers,
                      json={"polish": "please", "extra": 1})
    assert bad.status_code == 422
