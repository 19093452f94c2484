"""The scenario editor's form ↔ scenario data: goals and lines as table rows a teacher edits, merged
back into the stored scenario (everything the form does not show is kept as it was)."""

from __future__ import annotations

import copy
from typing import Any

LEVELS = ("A1", "A2", "B1", "B2")
GOAL_COLUMNS = ["id", "tavoite (goal, fi)", "goal (en)", "esimerkit | erotettuna (examples, | separated)",
                "sanat, pilkulla (lemmas)"]
LINE_COLUMNS = ["vaihe (step)", "A1", "A2", "B1", "B2", "en", "vihje (hint, A2)"]


def _cell(row: list[Any], i: int) -> str:
    return str(row[i]).strip() if i < len(row) and row[i] is not None else ""


def goal_rows(scenario: dict[str, Any]) -> list[list[str]]:
    return [[g["id"], g.get("description", ""), g.get("description_en", ""), " | ".join(g.get("examples", [])),
             ", ".join(g.get("lemmas", []))] for g in scenario.get("goals", [])]


def line_rows(scenario: dict[str, Any]) -> list[list[str]]:
    rows = []
    for n in scenario.get("nodes", []):
        say, hint = n.get("say") or {}, n.get("hint") or {}
        rows.append([n["id"], *[say.get(lv) or "" for lv in LEVELS], say.get("en") or "", hint.get("A2") or ""])
    return rows


def _rows(table: Any) -> list[list[Any]]:
    """Gradio hands a table as a pandas DataFrame or as a list of rows."""
    values = getattr(table, "values", None)
    return [list(r) for r in (values.tolist() if values is not None else table or [])]


def merged(scenario: dict[str, Any], title: str, title_en: str, setting: str, goals: Any, lines: Any) -> dict[str, Any]:
    """The stored scenario with the form's fields written into it (the schema checks it on save)."""
    out = copy.deepcopy(scenario)
    out["title"], out["title_en"], out["setting"] = title.strip(), title_en.strip(), setting.strip()
    by_goal = {g["id"]: g for g in out.get("goals", [])}
    for row in _rows(goals):
        goal = by_goal.get(_cell(row, 0))
        if goal is None:
            continue  # a new goal needs a place in the graph: add it in the YAML view
        goal["description"], goal["description_en"] = _cell(row, 1), _cell(row, 2)
        goal["examples"] = [e.strip() for e in _cell(row, 3).split("|") if e.strip()]
        goal["lemmas"] = [w.strip() for w in _cell(row, 4).split(",") if w.strip()]
    by_node = {n["id"]: n for n in out.get("nodes", [])}
    for row in _rows(lines):
        node = by_node.get(_cell(row, 0))
        if node is None:
            continue
        say = {lv: _cell(row, i + 1) for i, lv in enumerate(LEVELS) if _cell(row, i + 1)}
        if _cell(row, 5):
            say["en"] = _cell(row, 5)
        node["say"] = say
        if _cell(row, 6):
            node["hint"] = {**(node.get("hint") or {}), "A2": _cell(row, 6)}
    return out


def flagged_text(flagged: list[dict[str, str]]) -> str:
    """The lines the feedback engine flagged, one per line, for the publish message."""
    return "\n".join(f"- {f['where']}: “{f['text']}” — {f['message']}" for f in flagged)
