"""Recommended competence demonstrations from work-trial tasks and evidence.

The fast tests use a fake searcher that answers with real units of the shipped corpus; the slow ones
build the real hybrid index (BM25 + FAISS with the fake embedder) once per test session."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.coach.participants import ParticipantIn
from service.core.auth import CurrentUser
from tests.conftest import ApiUser
from tests.fakes.search import FakeSearch
from tests.service.coach_factories import report

CASHIER_TASKS = [
    "Palvelen asiakkaita kierrätyskeskuksen kassalla.",
    "Otan vastaan maksut kortilla ja käteisellä ja annan kuitin.",
    "Neuvon asiakkaita ja kerron tuotteista ja hinnoista.",
]
CARE_TASKS = [
    "Autan ikääntyneitä asukkaita aamutoimissa hoivakodissa.",
    "Avustan vanhuksia ruokailussa ja kirjaan, miten he söivät.",
]

@pytest.fixture
def coach(services) -> CurrentUser:  # type: ignore[no-untyped-def]
    return services.users.add_user("coach-rec", "coach")[0]


@pytest.fixture
def fake_search(services) -> FakeSearch:  # type: ignore[no-untyped-def]
    searcher = FakeSearch()
    services.search.use_searcher(searcher)  # type: ignore[arg-type]
    return searcher


def _names(result: dict[str, Any]) -> set[tuple[str, str]]:
    return {(r["qualification_name"], r["unit_name"]) for r in result["recommendations"]}


def test_no_tasks_is_refused_with_422(client: TestClient, users: dict[str, ApiUser]) -> None:
    for body in ({"work_trial_tasks": []}, {"work_trial_tasks": ["   "]}):
        r = client.post("/api/v1/recommendations", json=body, headers=users["coach"].headers)
        assert r.status_code == 422
        assert "work-trial task" in r.json()["detail"]


def test_each_recommendation_carries_the_units_own_demonstration_text(services, coach, fake_search) -> None:  # type: ignore[no-untyped-def]
    result = services.recommendations.recommend(coach, CASHIER_TASKS)
    assert result["recommendations"], result
    asiakaspalvelu = next(r for r in result["recommendations"] if r["unit_code"] == "100359")
    assert asiakaspalvelu["qualification_name"] == "Liiketalouden perustutkinto"
    assert asiakaspalvelu["demonstration"].startswith("Opiskelija tai tutkinnon suorittaja osoittaa osaamisensa")
    assert "interaction" in asiakaspalvelu["language_demands"]["skills"]
    # with no participant there is no evidence, so nothing is claimed as supported
    assert asiakaspalvelu["supported_criteria"] == []
    assert asiakaspalvelu["language_readiness"]["status"] == "not_enough_evidence"


def test_evidence_supports_communication_criteria_and_language_readiness(services, coach, fake_search) -> None:  # type: ignore[no-untyped-def]
    p = services.participants.create(coach, ParticipantIn(name="Amina", work_trial_tasks=CASHIER_TASKS))
    for _ in range(4):
        services.evidence.add_simulation(p.id, report("B1", bands={"speaking": "B1", "listening": "B1", "interaction": "B1"},
                                         used=["asiakas", "kassa", "kuitti"]))
    result = services.recommendations.recommend(coach, None, p.id)  # the participant's own tasks
    assert fake_search.queries[:3] == CASHIER_TASKS
    unit = next(r for r in result["recommendations"] if r["unit_code"] == "100359")
    assert unit["supported_criteria"], unit
    assert all(c["criterion"] and c["because"]["fi"] for c in unit["supported_criteria"])
    assert any("vuorovaikutus B1" in c["because"]["fi"] for c in unit["supported_criteria"])
    assert unit["language_readiness"]["skills"]["interaction"]["status"] == "ready"


def test_qualifications_not_in_the_corpus_are_named_with_the_import_command(services, coach, fake_search) -> None:  # type: ignore[no-untyped-def]
    result = services.recommendations.recommend(coach, ["Siivoan toimistoja ja imuroin lattiat.",
                                                        "Pesen astioita ravintolan keittiössä."])
    missing = {q["name"]: q for q in result["not_in_corpus"]}
    assert "Puhtaus- ja kiinteistöpalvelualan perustutkinto" in missing
    assert missing["Puhtaus- ja kiinteistöpalvelualan perustutkinto"]["import_command"].startswith("tyokieli import eperusteet")
    assert "Ravintola- ja catering-alan perustutkinto" in missing
    names = {r["qualification_name"] for r in result["recommendations"]}
    assert not any(n.startswith("Puhtaus-") for n in names)


def test_a_coach_cannot_get_recommendations_for_a_participant_not_theirs(client: TestClient, services, users, fake_search) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/participants", json={"name": "A", "work_trial_tasks": CASHIER_TASKS}, headers=users["admin"].headers)
    pid = r.json()["id"]
    r = client.post("/api/v1/recommendations", json={"participant": pid, "work_trial_tasks": []}, headers=users["coach"].headers)
    assert r.status_code == 404
    r = client.post("/api/v1/recommendations", json={"participant": pid}, headers=users["admin"].headers)
    assert r.status_code == 200 and r.json()["recommendations"]


# ---- the real hybrid index (fixture `real_searcher` in conftest.py) -----------------------------
@pytest.mark.slow
def test_recycling_cashier_tasks_lead_to_customer_service_units_of_business_qualification(services, coach, real_searcher) -> None:  # type: ignore[no-untyped-def]
    services.search.use_searcher(real_searcher)
    result = services.recommendations.recommend(coach, CASHIER_TASKS)
    names = _names(result)
    business = {u for q, u in names if q == "Liiketalouden perustutkinto"}
    assert business & {"Asiakaspalvelu", "Kaupan palvelu ja myynti"}, names


@pytest.mark.slow
def test_elderly_care_tasks_lead_to_social_and_health_care_units(services, coach, real_searcher) -> None:  # type: ignore[no-untyped-def]
    services.search.use_searcher(real_searcher)
    result = services.recommendations.recommend(coach, CARE_TASKS)
    top = result["recommendations"][:3]
    assert all(r["qualification_name"] == "Sosiaali- ja terveysalan perustutkinto" for r in top[:1]), top
    units = {r["unit_name"] for r in result["recommendations"] if r["qualification_name"].startswith("Sosiaali")}
    assert units & {"Vanhustyö", "Vanhusten kotihoito ja huolenpito", "Hoito ja huolenpito"}, units
