"""Template text → checked Finnish: the first alternative whose slots fill and whose every level the
feedback engine passes. A flagged alternative is remembered (the generator reports it) and skipped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from simulations.generate.template import HintVariant, LineVariant, PhraseTemplate
from simulations.generate.words import Words, fill
from simulations.scenario import LEVELS, Line


class TemplateDefect(Exception):
    """No alternative of a template line could be used (the last one must always be)."""


@dataclass
class Renderer:
    """Fills alternatives for one scenario. `flags(text)` returns the feedback engine's error messages;
    `flags=None` is a dry run: a line not checked yet is taken to pass and noted in `seen`, so that
    the generator can check all of a profile's lines in one batch before the real run."""

    words: Words
    flags: Callable[[str], list[str]] | None
    cache: dict[str, str] = field(default_factory=dict)  # text → its first error ("" = passes); shared
    seen: dict[str, None] = field(default_factory=dict)  # the distinct lines checked for this scenario
    rejected: list[str] = field(default_factory=list)

    @property
    def checked(self) -> int:
        return len(self.seen)

    def ok(self, text: str) -> bool:
        self.seen[text] = None
        if text not in self.cache:
            if self.flags is None:
                return True
            found = self.flags(text)
            self.cache[text] = found[0] if found else ""
        message = self.cache[text]
        if message and self.flags is not None and f"{text} — {message}" not in self.rejected:
            self.rejected.append(f"{text} — {message}")
        return not message

    def text(self, alternatives: list[str], where: str) -> str:
        for alt in alternatives:
            out = fill(alt, self.words)
            if out is not None and self.ok(out):
                return out
        raise TemplateDefect(f"{where}: no alternative passes")

    def pair(self, alternatives: list[PhraseTemplate], where: str) -> tuple[str, str]:
        """The first (Finnish, English) alternative that fills and passes."""
        for alt in alternatives:
            fi = fill(alt.fi, self.words)
            if fi is not None and self.ok(fi):
                return fi, fill(alt.en, self.words, english=True) or alt.en
        raise TemplateDefect(f"{where}: no alternative passes")

    def texts(self, groups: list[list[str]], where: str) -> list[str]:
        out: list[str] = []
        for i, group in enumerate(groups):
            text = self.text(group, f"{where}[{i}]")
            if text not in out:
                out.append(text)
        return out

    def line(self, variants: list[LineVariant], where: str) -> Line:
        for v in variants:
            filled = [fill(getattr(v, lv), self.words) for lv in LEVELS]
            texts = [t for t in filled if t is not None]
            if len(texts) == len(LEVELS) and all(self.ok(t) for t in texts):
                a1, a2, b1, b2 = texts
                return Line(A1=a1, A2=a2, B1=b1, B2=b2, en=fill(v.en, self.words, english=True))
        raise TemplateDefect(f"{where}: no variant passes")

    def hint(self, variants: list[HintVariant], where: str) -> Line:
        for v in variants:
            text = fill(v.A2, self.words)
            if text is not None and self.ok(text):
                return Line(A2=text, en=fill(v.en, self.words, english=True))
        raise TemplateDefect(f"{where}: no hint passes")

    def lemmas(self, items: list[str]) -> list[str]:
        out: list[str] = []
        for item in items:
            value = fill(item, self.words, english=True) if "{" in item else item
            if value and value.lower() not in out:
                out.append(value.lower())
        return out
