"""Analysis service: text → tokens, sentences and a CEFR level estimate."""

from __future__ import annotations

from typing import Any

from finnish.analyser import CachedAnalyser
from finnish.level import estimate_level
from service.core.errors import validate_text


class AnalysisService:
    def __init__(self, analyser: CachedAnalyser, max_text_chars: int) -> None:
        self.analyser = analyser
        self.max_text_chars = max_text_chars

    def analyse(self, text: str) -> dict[str, Any]:
        validate_text(text, self.max_text_chars)
        analysis = self.analyser.analyse(text)
        level = estimate_level(analysis)
        return {**analysis.to_dict(), "level": level.to_dict()}
