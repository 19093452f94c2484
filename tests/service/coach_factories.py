"""Factory helpers for the coach-view tests: task profiles and simulation reports in the shapes of
finnish/profile.py and simulations/report.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CASHIER_TERMS = ["kassa", "kuitti", "maksaa", "kortti", "hinta", "lahjoitus", "asiakas", "alennus", "pussi",
                 "käteinen", "vaihtoraha", "tuote", "palautus", "hylly", "aukioloaika"]


def profile(title: str, targets: dict[str, str], terms: list[str] | None = None) -> dict[str, Any]:
    terms = terms if terms is not None else CASHIER_TERMS
    return {
        "title": title,
        "key_terms": [{"lemma": t, "count": 10 - i % 5, "keyness": 50.0 - i, "band": "workplace", "examples": []}
                      for i, t in enumerate(terms)],
        "phrases": [{"text": "Maksatteko kortilla vai käteisellä?", "kind": "question"},
                    {"text": "Tässä on kuitti.", "kind": "instruction"},
                    {"text": "Voinko auttaa?", "kind": "question"}],
        "grammar": [],
        "situations": [{"id": "serving_customer", "label": "Asiakkaan palveleminen", "label_en": "Serving a customer",
                        "skills": ["speaking", "interaction"]}],
        "skills": {s: {"cefr": targets.get(s, "A2"), "why": "Kassalla puhutaan asiakkaan kanssa."}
                   for s in ("speaking", "listening", "reading", "writing", "interaction")},
        "texts": [],
    }


def write_profile(directory: Path, task_id: str, data: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{task_id}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def report(level: str, *, bands: dict[str, str], reached: int = 3, goals: int = 3, used: list[str] | None = None,
           errors: dict[str, int] | None = None, task: str = "recycling-cashier",
           scenario: str = "recycling-cashier-payment") -> dict[str, Any]:
    """A session report as simulations/report.py builds it (only the parts readiness reads matter)."""
    used = used or []
    criteria = [{"id": f"c-{skill}", "name": skill, "name_en": skill, "skill": skill, "measure": "goals", "band": band,
                 "reasons": []} for skill, band in bands.items()]
    return {
        "version": 1, "scenario": scenario, "title": "Kassalla", "title_en": "At the till", "task": task,
        "sector": "kierrätys", "level": level, "partner": "scripted", "finished": True, "finished_reason": "end",
        "goals": [{"id": f"g{i}", "description": "", "description_en": "", "required": True, "reached": i < reached}
                  for i in range(goals)],
        "goals_reached": reached, "goals_total": goals,
        "key_terms": {"used": used, "not_used": []},
        "errors": {"total": sum((errors or {}).values()), "per_100_words": 5.0,
                   "by_category": [{"category": c, "count": n, "examples": [{"turn": "learner text here"}]}
                                   for c, n in (errors or {}).items()]},
        "interaction": {"learner_turns": 6},
        "criteria": criteria,
        "skills": {skill: {"cefr": band, "why": ""} for skill, band in bands.items()},
    }
