"""Analysis service: text → tokens, sentences and a CEFR level estimate."""

from __future__ import annotations

from finnish.analyser import CachedAnalyser
from finnish.level import estimate_level
from service.core.errors import validate_text
from service.language.shapes import AnalysisResult, analysis_result


class AnalysisService:
    def __init__(self, analyser: CachedAnalyser, max_text_chars: int) -> None:
        self.analyser = analyser
        self.max_text_chars = max_text_chars

    def analyse(self, text: str) -> AnalysisResult:
        validate_text(text, self.max_text_chars)
        analysis = self.analyser.analyse(text)
        return analysis_result(analysis, estimate_level(analysis))
