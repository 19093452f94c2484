"""Routes of vocabulary practice. Only HTTP here; the logic is in service/vocabulary/service.py.
Every route answers for the signed-in user's own cards; a card or exercise that is not theirs, or an
unknown target, is a 404."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from service.core.deps import ServicesDep, UserDep
from service.vocabulary import schemas

WAV: dict[int | str, dict[str, object]] = {200: {"description": "Speech (WAV)", "content": {"audio/wav": {}}}}
router = APIRouter(prefix="/api/v1/vocabulary", tags=["vocabulary"])
Target = Query(min_length=1, max_length=200, description="a shipped task id or profile:<id>",
               examples=["cleaning-patient-room"])


@router.get("/cards", response_model=schemas.CardsOut)
def list_cards(services: ServicesDep, user: UserDep, target: str = Target) -> schemas.CardsOut:
    """The task's words and phrases as cards, with the forms its texts use, gloss, audio and your state."""
    return services.vocabulary.cards(user, target)


@router.get("/exercises", response_model=schemas.ExercisesOut)
def list_exercises(services: ServicesDep, user: UserDep, target: str = Target,
                   kind: Literal["cloze", "choice", "listen", "situation"] = "cloze") -> schemas.ExercisesOut:
    """Exercises made from the task's own sentences: cloze, choose the word, listen and write, say it."""
    return services.vocabulary.exercises(user, target, kind)


@router.post("/reviews", response_model=schemas.ReviewOut)
def post_review(body: schemas.ReviewIn, services: ServicesDep, user: UserDep) -> schemas.ReviewOut:
    """Answer one exercise: `{result: right|wrong_form|typo|wrong_word, expected, explanation:{fi,en},
    next_due}`. Unknown or someone else's exercise → 404; an empty or over-long answer → 422."""
    return services.vocabulary.review(user, body.exercise, body.answer)


@router.get("/session", response_model=schemas.SessionOut)
def get_session(services: ServicesDep, user: UserDep, target: str = Target) -> schemas.SessionOut:
    """Today's practice: due cards first, then new ones (a few a day), with a short summary."""
    return services.vocabulary.session(user, target)


@router.get("/stats", response_model=schemas.StatsOut)
def get_stats(services: ServicesDep, user: UserDep, target: str = Target) -> schemas.StatsOut:
    """How many of the task's cards are new, learning and known (right on two separate days)."""
    return services.vocabulary.stats(user, target)


@router.get("/cards/{card_id}/audio", response_class=FileResponse, responses=WAV)
def card_audio(card_id: str, services: ServicesDep, user: UserDep) -> FileResponse:
    """The headword spoken (espeak-ng WAV, cached)."""
    return FileResponse(services.vocabulary.audio(user, card_id, exercise=False), media_type="audio/wav")


@router.get("/exercises/{exercise_id}/audio", response_class=FileResponse, responses=WAV)
def exercise_audio(exercise_id: str, services: ServicesDep, user: UserDep) -> FileResponse:
    """What a listen-and-write exercise says (espeak-ng WAV, cached)."""
    return FileResponse(services.vocabulary.audio(user, exercise_id, exercise=True), media_type="audio/wav")
