from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from service.core.deps import ServicesDep, UserDep
from service.core.workers import json_answer
from service.language.schemas import AnalysisResponse

router = APIRouter(prefix="/api/v1", tags=["analysis"])


class AnalysisRequest(BaseModel):
    text: str = Field(description="Finnish text to analyse", examples=["Siivoan potilashuoneen desinfiointiaineella."])


@router.post("/analysis", response_model=AnalysisResponse)
async def analyse(body: AnalysisRequest, services: ServicesDep, _user: UserDep) -> Any:
    """Analyse a Finnish text: every token with its character offsets, lemma, part of speech (UPOS),
    morphological features and compound parts; the sentences; and a first CEFR level estimate with
    its reasons. Empty text → 422; text over the size limit → 413."""
    return await json_answer(services.workers, AnalysisResponse, services.analysis.analyse, body.text)
