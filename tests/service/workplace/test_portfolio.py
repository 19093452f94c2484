"""The competence portfolio: the participant chooses the parts, shares them by an expiring link that
needs no account; a revoked or expired link answers 404 with a plain page. And the intake mapping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from service.workplace.models import PortfolioLink
from tests.conftest import ApiUser
from tests.service.coach_factories import report

TASK = "cleaning-office"


@pytest.fixture
def pid(client: TestClient, users: dict[str, ApiUser], services) -> int:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/participants", headers=users["coach"].headers, json={
        "name": "Amina Portfolio", "user": "test-participant", "target_tasks": [TASK]})
    assert r.status_code == 201, r.text
    pid = int(r.json()["id"])
    for _ in range(2):
        services.evidence.add_simulation(pid, report("A2", bands={"speaking": "A2", "interaction": "A2"},
                                                     used=["imuri", "moppi"], task=TASK))
    return pid


def _link(client: TestClient, who: ApiUser, pid: int, **body: object) -> dict[str, object]:
    r = client.post(f"/api/v1/participants/{pid}/portfolio/links", headers=who.headers, json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_the_shared_link_shows_only_the_chosen_parts_without_an_account(
        client: TestClient, users: dict[str, ApiUser], pid: int) -> None:
    link = _link(client, users["participant"], pid, days=30, include=["skills"])
    url = str(link["url"])
    assert url.startswith("/portfolio/") and link["include"] == ["skills"]
    page = client.get(url)  # no Authorization header
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "Suomen kielen taito" in page.text and "Amina Portfolio" in page.text
    assert "Työn sanoja" not in page.text and "Harjoitellut" not in page.text
    pdf = client.get(url + "?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.post(url).status_code in (404, 405)  # read-only


def test_a_revoked_link_answers_404_with_a_plain_page(client: TestClient, users: dict[str, ApiUser], pid: int) -> None:
    link = _link(client, users["participant"], pid)
    r = client.delete(f"/api/v1/participants/{pid}/portfolio/links/{link['id']}", headers=users["participant"].headers)
    assert r.status_code == 204
    gone = client.get(str(link["url"]))
    assert gone.status_code == 404 and "Linkki ei toimi" in gone.text and "text/html" in gone.headers["content-type"]


def test_an_expired_link_answers_404(client: TestClient, users: dict[str, ApiUser], pid: int, services) -> None:  # type: ignore[no-untyped-def]
    link = _link(client, users["participant"], pid, days=1)
    with services.db.session() as s:
        s.execute(update(PortfolioLink).where(PortfolioLink.id == link["id"])
                  .values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    assert client.get(str(link["url"])).status_code == 404
    assert client.get("/portfolio/not-a-real-token").status_code == 404


def test_only_the_participant_shares_and_bad_links_are_refused(
        client: TestClient, users: dict[str, ApiUser], pid: int) -> None:
    r = client.post(f"/api/v1/participants/{pid}/portfolio/links", headers=users["coach"].headers, json={})
    assert r.status_code == 403
    for body in ({"days": 0}, {"days": 1000}, {"include": ["transcripts"]}):
        r = client.post(f"/api/v1/participants/{pid}/portfolio/links", headers=users["participant"].headers, json=body)
        assert r.status_code == 422, body


def test_the_owner_sees_the_whole_portfolio_with_evidence_per_skill(
        client: TestClient, users: dict[str, ApiUser], pid: int) -> None:
    data = client.get(f"/api/v1/participants/{pid}/portfolio", headers=users["participant"].headers).json()
    assert data["include"] == ["tasks", "skills", "words", "observations", "units"]
    speaking = next(s for s in data["skills"] if s["skill"] == "speaking")
    assert speaking["level"] == "A2" and speaking["evidence"] == {"harjoitus": 2}
    assert data["tasks"][0]["task"] == TASK and data["tasks"][0]["practised"] == 2


def test_intake_over_its_limits_is_refused_and_it_tailors_the_plan(
        client: TestClient, users: dict[str, ApiUser], pid: int) -> None:
    url = f"/api/v1/participants/{pid}/intake"
    for bad in ({"goals": ["x" * 301]}, {"languages": [{"language": "a"}] * 13}, {"self_assessment": {"speaking": "Z9"}},
                {"notes": "x" * 2001}, {"unknown": 1}):
        assert client.put(url, headers=users["coach"].headers, json=bad).status_code == 422, bad
    body = {"languages": [{"language": "englanti", "level": "B1"}, {"language": "tigrinja", "level": "native"}],
            "self_assessment": {"speaking": "A2", "reading": "A1"}, "support_needs": ["lukemisen vaikeus"],
            "goals": ["Osaan kysyä apua."]}
    r = client.put(url, headers=users["coach"].headers, json=body)
    assert r.status_code == 200, r.text
    tailoring = r.json()["tailoring"]
    assert tailoring["starting_level"] == "A1"
    assert tailoring["explanations"] == {"language": "English", "mode": "gloss"}  # no language model here
    assert client.put(url, headers=users["participant"].headers, json=body).status_code == 403
    assert client.get(url, headers=users["participant"].headers).json()["intake"]["goals"] == ["Osaan kysyä apua."]
