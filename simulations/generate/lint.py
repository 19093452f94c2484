"""Every Finnish line of a scenario, and the ones the feedback engine flags (publishing checks them)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from simulations.generate.generator import Checker, check_many
from simulations.scenario import LEVELS, Line, Scenario


@dataclass(frozen=True)
class FlaggedLine:
    where: str  # e.g. "nodes.order.say.B1", "goals.ask_help.examples[1]"
    text: str
    message: str


def _line(where: str, line: Line | None) -> Iterator[tuple[str, str]]:
    if line is None:
        return
    for lv in LEVELS:
        text = getattr(line, lv)
        if text:
            yield f"{where}.{lv}", str(text)


def finnish_lines(scenario: Scenario) -> Iterator[tuple[str, str]]:
    """(where, text) of every Finnish text a learner sees or is offered as an example."""
    yield "setting", scenario.setting
    for g in scenario.goals:
        yield f"goals.{g.id}.description", g.description
        for i, example in enumerate(g.examples):
            yield f"goals.{g.id}.examples[{i}]", example
    for i, p in enumerate(scenario.phrases):
        yield f"phrases[{i}]", p.fi
    for n in scenario.nodes:
        for name in ("say", "simpler", "nudge", "hint"):
            yield from _line(f"nodes.{n.id}.{name}", getattr(n, name))
    yield from _line("redirect", scenario.redirect)


def flagged_lines(scenario: Scenario, checker: Checker) -> list[FlaggedLine]:
    """The lines with an error the feedback engine finds (each distinct line checked once, parses batched)."""
    lines = list(finnish_lines(scenario))
    found = check_many(checker, [text for _, text in lines if text.strip()])
    return [FlaggedLine(where, text, found[text][0]) for where, text in lines if found.get(text)]
