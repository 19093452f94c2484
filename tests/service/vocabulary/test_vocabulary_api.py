"""Vocabulary practice over HTTP: cards and exercises of a task, reviews checked by morphology and
scheduled by FSRS, today's session, mistakes from simulations as due cards, readiness evidence and
the Bad-input rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.container import Services
from tests.conftest import ApiUser, add_user

TASK = "cleaning-patient-room"
API = "/api/v1/vocabulary"


def _get(client: TestClient, user: ApiUser, path: str, **params: str) -> Any:
    r = client.get(f"{API}/{path}", params=params, headers=user.headers)
    assert r.status_code == 200, r.text
    return r.json()


def _exercise_for(client: TestClient, user: ApiUser, kind: str, lemma: str | None = None) -> dict[str, Any]:
    exercises = _get(client, user, "exercises", target=TASK, kind=kind)["exercises"]
    return next(e for e in exercises if lemma is None or e["headword"] == lemma)


def _review(client: TestClient, user: ApiUser, exercise: str, answer: str) -> Any:
    r = client.post(f"{API}/reviews", json={"exercise": exercise, "answer": answer}, headers=user.headers)
    assert r.status_code == 200, r.text
    return r.json()


def test_cards_of_a_task_have_forms_sentences_gloss_audio_and_state(client: TestClient, users: dict[str, ApiUser]) -> None:
    body = _get(client, users["participant"], "cards", target=TASK)
    cards = body["cards"]
    assert body["target"] == TASK and len(cards) >= 40
    huone = next(c for c in cards if c["lemma"] == "huone")
    assert huone["pos"] == "NOUN" and huone["gloss"] == "room" and huone["state"] == "new"
    assert any(f["form"] == "huoneeseen" and "huoneeseen" in f["sentence"] for f in huone["forms"])
    assert any(c["pos"] == "PHRASE" for c in cards) and any(" " in c["lemma"] and c["pos"] != "PHRASE" for c in cards)
    audio = client.get(huone["audio_url"], headers=users["participant"].headers)
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/wav" and len(audio.content) > 1000


def test_a_stored_profile_is_a_target_for_those_who_may_see_it(client: TestClient, users: dict[str, ApiUser]) -> None:
    profile = client.get(f"/api/v1/profiles/tasks/{TASK}", headers=users["teacher"].headers).json()
    created = client.post("/api/v1/profiles", json=profile, headers=users["teacher"].headers).json()
    cards = _get(client, users["teacher"], "cards", target=f"profile:{created['id']}")["cards"]
    assert len(cards) >= 40 and sum(1 for c in cards if c["forms"]) >= 40
    # a stored profile nobody shared with this learner is hidden as in /profiles: 404
    hidden = client.get(f"{API}/cards", params={"target": f"profile:{created['id']}"}, headers=users["participant"].headers)
    assert hidden.status_code == 404


@pytest.mark.parametrize("kind", ["cloze", "choice", "listen", "situation"])
def test_every_kind_of_exercise_is_made_from_the_task(client: TestClient, users: dict[str, ApiUser], kind: str) -> None:
    exercises = _get(client, users["participant"], "exercises", target=TASK, kind=kind)["exercises"]
    assert len(exercises) >= 10
    for e in exercises:
        assert e["kind"] == kind and e["id"].startswith(e["card"])
        if kind == "cloze":
            assert "___" in e["prompt"] and f"({e['headword']})" in e["prompt"]
        if kind == "choice":
            assert e["choices"] and len(e["choices"]) >= 3
        if kind == "listen":
            assert e["audio_url"]


def test_review_results_right_wrong_form_typo_wrong_word(client: TestClient, users: dict[str, ApiUser]) -> None:
    user = users["participant"]
    exercise = next(e for e in _get(client, user, "exercises", target=TASK, kind="cloze")["exercises"]
                    if e["headword"] == "huone" and "onko ___ eristys" in e["prompt"])
    assert _review(client, user, exercise["id"], "huoneessa")["result"] == "right"
    wrong = _review(client, user, exercise["id"], "huoneeseen")
    assert wrong["result"] == "wrong_form" and wrong["expected"] == "huoneessa"
    assert "missä?" in wrong["explanation"]["fi"] and "inessive" in wrong["explanation"]["en"]
    assert _review(client, user, exercise["id"], "huonessa")["result"] == "typo"
    assert _review(client, user, exercise["id"], "kaupassa")["result"] == "wrong_word"
    other_script = _review(client, user, exercise["id"], "комната")
    assert other_script["result"] == "wrong_word" and "latinalaisin" in other_script["explanation"]["fi"]


def test_a_right_answer_is_due_later_than_a_wrong_one(services: Services, users: dict[str, ApiUser]) -> None:
    from service.core.auth import CurrentUser

    learner = CurrentUser(id=users["participant"].id, name="p", role="participant")
    cloze = services.vocabulary.exercises(learner, TASK, "cloze").exercises
    first, second = cloze[0], next(e for e in cloze if e.card != cloze[0].card)
    now = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    right = services.vocabulary.review(learner, first.id, _expected(services, first.id), now=now)
    wrong = services.vocabulary.review(learner, second.id, "väärä", now=now)
    assert right.result == "right" and wrong.result in {"wrong_word", "wrong_form"}
    assert right.next_due > wrong.next_due > now
    # and again the next day: the interval grows after a second right answer
    later = services.vocabulary.review(learner, first.id, _expected(services, first.id), now=right.next_due)
    assert later.next_due - right.next_due > right.next_due - now


def _expected(services: Services, exercise_id: str) -> str:
    from service.vocabulary.catalogue import split_exercise_id

    target, key, kind, index = split_exercise_id(exercise_id)
    catalogue = services.vocabulary.catalogues.get(target)
    card = catalogue.card(key)
    assert card is not None
    return services.vocabulary.catalogues.exercises(catalogue, card, kind)[index].expected


def test_bad_input_is_a_4xx_with_a_message(client: TestClient, users: dict[str, ApiUser]) -> None:
    h = users["participant"].headers
    assert client.get(f"{API}/cards", params={"target": "no-such-task"}, headers=h).status_code == 404
    assert client.get(f"{API}/cards", params={"target": "profile:999999"}, headers=h).status_code == 404
    assert client.get(f"{API}/session", params={"target": "x" * 500}, headers=h).status_code == 422
    exercise = _exercise_for(client, users["participant"], "cloze")
    for answer in ("", "   ", "a" * 201):
        r = client.post(f"{API}/reviews", json={"exercise": exercise["id"], "answer": answer}, headers=h)
        assert r.status_code == 422 and r.json()["detail"]
    for bad in ("nonsense", f"{TASK}~0000000000~cloze~0", f"{exercise['card']}~cloze~999", f"{exercise['card']}~draw~0",
                "no-such-task~abc~cloze~0"):
        r = client.post(f"{API}/reviews", json={"exercise": bad, "answer": "sana"}, headers=h)
        assert r.status_code == 404, (bad, r.text)
    assert client.get(f"{API}/cards/{TASK}~ffffffffff/audio", headers=h).status_code == 404
    assert client.get(f"{API}/exercises/{exercise['id']}/audio", headers=h).status_code == 404  # a cloze has none


def _finish_a_simulation_with_mistakes(services: Services, user_id: int) -> None:
    session = services.simulations.start(user_id, "cleaning-patient-room-isolation", "A2")
    for text in ("Hei! Mina olen siivooja.", "Menen huone nyt.", "Illalla menen kauppa ostamaan leipää."):
        services.simulations.turn(user_id, session["id"], text)
    services.simulations.finish(user_id, session["id"])


def test_simulation_mistakes_and_unused_key_terms_become_due_cards(services: Services, client: TestClient) -> None:
    learner = add_user(services, "amina-sim", "participant")
    other = add_user(services, "bilal-sim", "participant")
    _finish_a_simulation_with_mistakes(services, learner.id)
    report = services.simulations.finished_reports(learner.id)[0]["report"]
    unused = set(report["key_terms"]["not_used"])
    session = _get(client, learner, "session", target=TASK)
    cards = {c["id"]: c for c in _get(client, learner, "cards", target=TASK)["cards"]}
    due_lemmas = {cards[i["card"]]["lemma"] for i in session["items"][:session["due"]]}
    assert session["due"] >= 1
    assert due_lemmas & ({t.casefold() for t in unused} | {"huone"}), (due_lemmas, unused)
    assert all(cards[i["card"]]["source"] == "simulation" for i in session["items"][:session["due"]])
    # the other learner has nothing due, and cannot reach the first one's own cards
    assert _get(client, other, "session", target=TASK)["due"] == 0
    own = [c for c in cards.values() if "~p" in c["id"]]
    kauppa = next(c for c in own if c["lemma"] == "kauppa")  # not a key term: the learner's own card
    assert kauppa["forms"][0]["form"] == "kauppaan" and kauppa["source"] == "simulation"
    exercise = next(e for e in _get(client, learner, "exercises", target=TASK, kind="cloze")["exercises"]
                    if e["card"] == kauppa["id"])
    assert "___" in exercise["prompt"]
    assert _review(client, learner, exercise["id"], "kauppa")["result"] == "wrong_form"
    for card in own:
        assert client.get(f"{API}/cards/{card['id']}/audio", headers=other.headers).status_code == 404
    r = client.post(f"{API}/reviews", json={"exercise": exercise["id"], "answer": "kauppaan"}, headers=other.headers)
    assert r.status_code == 404


def test_session_mixes_due_and_new_and_counts_new_a_day(services: Services, client: TestClient) -> None:
    learner = add_user(services, "new-a-day", "participant")
    first = _get(client, learner, "session", target=TASK)
    assert first["new"] == services.settings.vocabulary_new_per_day and first["due"] == 0
    for item in first["items"][:3]:
        _review(client, learner, item["id"], "väärä vastaus")
    after = _get(client, learner, "session", target=TASK)
    assert after["summary"]["reviewed_today"] == 3 and after["summary"]["right_today"] == 0
    assert after["new"] == services.settings.vocabulary_new_per_day - 3
    assert after["summary"]["fi"] and after["summary"]["en"]


def test_readiness_coverage_moves_with_card_evidence(services: Services, client: TestClient,
                                                     users: dict[str, ApiUser]) -> None:
    from service.core.auth import CurrentUser

    learner = add_user(services, "card-learner", "participant")
    coach = users["coach"]
    p = client.post("/api/v1/participants", headers=coach.headers, json={
        "name": "Card Learner", "user": "card-learner", "target_tasks": [TASK]}).json()
    before = client.get(f"/api/v1/participants/{p['id']}/readiness", headers=coach.headers).json()
    covered_before = before["tasks"][0]["vocabulary"]["covered"]
    me = CurrentUser(id=learner.id, name="card-learner", role="participant")
    cloze = services.vocabulary.exercises(me, TASK, "cloze").exercises
    missing = before["tasks"][0]["vocabulary"]["missing"]
    item = next(e for e in cloze if e.headword.casefold() in missing)
    day1 = datetime.now(UTC) - timedelta(days=3)
    services.vocabulary.review(me, item.id, _expected(services, item.id), now=day1)
    once = client.get(f"/api/v1/participants/{p['id']}/readiness", headers=coach.headers).json()
    assert once["tasks"][0]["vocabulary"]["covered"] == covered_before  # one day is not yet "known"
    services.vocabulary.review(me, item.id, _expected(services, item.id), now=day1 + timedelta(days=1))
    after = client.get(f"/api/v1/participants/{p['id']}/readiness", headers=coach.headers).json()
    vocab = after["tasks"][0]["vocabulary"]
    assert vocab["covered"] == covered_before + 1 and item.headword.casefold() in vocab["from_cards"]
    stats = _get(client, learner, "stats", target=TASK)
    assert stats["known"] == 1 and item.headword in stats["known_words"]


def test_the_info_packet_prints_the_word_list_with_the_jobs_forms(client: TestClient, users: dict[str, ApiUser]) -> None:
    teacher = users["teacher"].headers
    profile = client.get(f"/api/v1/profiles/tasks/{TASK}", headers=teacher).json()
    created = client.post("/api/v1/profiles", json=profile, headers=teacher).json()
    r = client.get(f"/api/v1/profiles/{created['id']}/export", params={"format": "md", "audience": "learner"},
                   headers=teacher)
    assert r.status_code == 200
    text = r.content.decode("utf-8")
    assert "Sanalista" in text and "huone — room" in text and "huoneeseen" in text
