from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from service.core.deps import ServicesDep, UserDep

router = APIRouter(prefix="/api/v1", tags=["analysis"])


class AnalysisRequest(BaseModel):
    text: str = Field(description="Finnish text to analyse", examples=["Siivoan potilashuoneen desinfiointiaineella."])


class TokenOut(BaseModel):
    text: str
    start: int
    end: int
    lemma: str
    upos: str
    feats: dict[str, str]
    compound_parts: list[str]
    dep: str
    head: int
    sentence: int
    known: bool


class SentenceOut(BaseModel):
    start: int
    end: int


class LevelReasonOut(BaseModel):
    feature: str
    value: float
    points: float
    message: str
    message_en: str


class LevelOut(BaseModel):
    cefr: str
    score: float
    reliable: bool
    words: int
    sentences: int
    reasons: list[LevelReasonOut]


class AnalysisResponse(BaseModel):
    tokens: list[TokenOut]
    sentences: list[SentenceOut]
    level: LevelOut


@router.post("/analysis", response_model=AnalysisResponse)
def analyse(body: AnalysisRequest, services: ServicesDep, _user: UserDep) -> Any:
    """Analyse a Finnish text: every token with its character offsets, lemma, part of speech (UPOS),
    morphological features and compound parts; the sentences; and a first CEFR level estimate with
    its reasons. Empty text → 422; text over the size limit → 413."""
    return services.analysis.analyse(body.text)
