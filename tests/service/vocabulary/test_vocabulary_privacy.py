"""A participant's vocabulary practice is theirs under GDPR: the export shows the scheduler state of
their cards, every review and their own cards; erase removes all of it and nobody else's."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from service.container import Services
from tests.conftest import ApiUser, add_user

TASK = "cleaning-patient-room"
API = "/api/v1/vocabulary"


def _practise(client: TestClient, user: ApiUser) -> list[str]:
    """Two reviews (one right, one wrong) of a cloze exercise; returns the card ids reviewed."""
    exercises = client.get(f"{API}/exercises", params={"target": TASK, "kind": "cloze"}, headers=user.headers).json()
    first = exercises["exercises"][0]
    cards = []
    for answer in ("väärä", "kaukaa"):
        r = client.post(f"{API}/reviews", json={"exercise": first["id"], "answer": answer}, headers=user.headers)
        assert r.status_code == 200, r.text
        cards.append(r.json()["card"])
    return cards


def _participant(client: TestClient, users: dict[str, ApiUser]) -> int:
    created = client.post("/api/v1/participants", headers=users["coach"].headers,
                          json={"name": "Sanni Sanasto", "user": users["participant"].name, "languages": ["ar"]})
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


def _vocabulary_rows(services: Services, user_id: int) -> dict[str, int]:
    from sqlalchemy import func, select

    from service.vocabulary.models import VocabularyOwnCard, VocabularyReview, VocabularyState

    with services.db.session() as s:
        return {m.__tablename__: int(s.scalar(select(func.count()).select_from(m).where(m.user_id == user_id)) or 0)
                for m in (VocabularyState, VocabularyReview, VocabularyOwnCard)}


def test_the_export_holds_the_learners_card_states_reviews_and_own_cards(
        client: TestClient, services: Services, users: dict[str, ApiUser]) -> None:
    pid = _participant(client, users)
    learner = users["participant"]
    card_ids = _practise(client, learner)
    services.vocabulary.store.add_own_card(learner.id, TASK, "kauppa", "NOUN", "kauppaan", "Menen kauppaan.")

    response = client.get(f"/api/v1/participants/{pid}/export", headers=learner.headers)

    assert response.status_code == 200, response.text
    tables: dict[str, Any] = response.json()["tables"]
    key = card_ids[0].rsplit("~", 1)[1]
    states = tables["vocabulary_states"]
    assert [(s["target"], s["card_key"], s["reviews"]) for s in states] == [(TASK, key, 2)]
    assert states[0]["fsrs"] and states[0]["due"]  # the scheduler's own state, as stored
    reviews = tables["vocabulary_reviews"]
    assert len(reviews) == 2 and {r["result"] for r in reviews} <= {"right", "wrong_form", "typo", "wrong_word"}
    assert all(r["user_id"] == learner.id and r["card_key"] == key for r in reviews)
    assert [(c["lemma"], c["sentence"]) for c in tables["vocabulary_own_cards"]] == [("kauppa", "Menen kauppaan.")]


def test_erase_removes_the_learners_vocabulary_and_keeps_everyone_elses(
        client: TestClient, services: Services, users: dict[str, ApiUser]) -> None:
    pid = _participant(client, users)
    learner = users["participant"]
    bystander = add_user(services, "sanasto-bystander", "participant")
    _practise(client, learner)
    _practise(client, bystander)
    services.vocabulary.store.add_own_card(learner.id, TASK, "kauppa", "NOUN", "kauppaan", "Menen kauppaan.")
    assert _vocabulary_rows(services, learner.id) == {"vocabulary_states": 1, "vocabulary_reviews": 2,
                                                      "vocabulary_own_cards": 1}

    response = client.post(f"/api/v1/participants/{pid}/erase", headers=users["admin"].headers)

    assert response.status_code == 200, response.text
    erased = response.json()["erased"]
    assert erased["vocabulary_states"] == 1 and erased["vocabulary_reviews"] == 2 and erased["vocabulary_own_cards"] == 1
    assert _vocabulary_rows(services, learner.id) == {"vocabulary_states": 0, "vocabulary_reviews": 0,
                                                      "vocabulary_own_cards": 0}
    assert _vocabulary_rows(services, bystander.id)["vocabulary_reviews"] == 2
    stats = client.get(f"{API}/stats", params={"target": TASK}, headers=bystander.headers)
    assert stats.status_code == 200 and stats.json()["reviews"] == 2
