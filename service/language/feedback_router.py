from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from service.core.deps import ServicesDep, UserDep
from service.core.workers import json_answer
from service.language.schemas import FeedbackResponse

router = APIRouter(prefix="/api/v1", tags=["feedback"])


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    text: str = Field(description="The learner's Finnish text", examples=["Minä menee töihin. En löydä avain."])
    # "register" is a BaseModel attribute in pydantic, so the field has another name and the alias
    register_: Literal["written", "spoken"] = Field(
        default="written", alias="register", description="'spoken' accepts everyday spoken Finnish (mä oon, me mennään)"
    )
    scenario: str | None = Field(default=None, description="The simulation scenario the text belongs to, if any")


@router.post("/feedback", response_model=FeedbackResponse)
async def feedback(body: FeedbackRequest, services: ServicesDep, _user: UserDep) -> Any:
    """Feedback on a learner's Finnish: spelling (with suggestions ranked for learners), agreement,
    object case, case government, numerals, postpositions and Voikko's grammar checks. Every issue
    has character offsets into the text, a category, a rule id, a plain Finnish message with an
    English one, suggested corrections and a severity (`error`; `hint` when the finding is uncertain
    or only a matter of style; `info` for notes on spoken forms). Text that is not Finnish gets one
    `style` issue saying so. Empty text → 422; text over the size limit → 413."""
    return await json_answer(services.workers, FeedbackResponse, services.feedback.feedback, body.text, body.register_,
                             body.scenario)
