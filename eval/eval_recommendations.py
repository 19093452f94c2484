"""Recommendation evaluation (`make eval`): two sets of work-trial task descriptions from many sectors,
reported apart:

- the dev set, eval/data/recommendations.jsonl (42 rows): the field words and thresholds of
  service/coach/qualification_fit.py were chosen looking at it, so its figures are optimistic;
- the held-out set, eval/data/recommendations_heldout.jsonl (42 rows): other employers, sectors and
  wordings, written with their answers before the system was run on them and never used for tuning.
  Only its totals are printed (no per-row offenders), so looking at the report does not tune to it.

Each row has each with the units a coach would accept (`qualification:unit`), the
qualifications of related fields, the qualifications that must be named as missing, and units that
must not appear. Printed for the current method (qualification fit first, then a relevance
threshold) and the baseline (the earlier ranking: every search hit, units found by more tasks first):

- precision@5: accepted units among the units shown in the top 5 (rows that show something);
- unrelated@5: units in the top 5 whose qualification is not of a related field (goal: 0);
- hit@5: rows with acceptable units that show at least one of them;
- silent: rows with no acceptable unit in the corpus that show nothing (honest silence);
- missing named: rows whose missing qualification is named first.
Exit status 1 when the current method puts any unrelated-field unit in a top 5.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "eval" / "data" / "recommendations.jsonl"
HELDOUT = REPO / "eval" / "data" / "recommendations_heldout.jsonl"
TOP = 5

Search = Callable[[str, int], Sequence[dict[str, Any]]]


@dataclass
class Row:
    sector: str
    tasks: list[str]
    accept: set[str]
    related: set[str]
    missing: list[str]
    reject: set[str] = field(default_factory=set)


def load_rows(path: Path = DATA) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            rows.append(Row(d["sector"], d["tasks"], set(d["accept"]), set(d["related"]), d["missing"],
                            set(d.get("reject", []))))
    return rows


def current(search: Search, corpus: Sequence[Any]) -> Callable[[list[str]], tuple[list[str], list[str]]]:
    """The shipped method: top unit keys and the fitting qualifications the corpus lacks."""
    from service.coach.qualification_fit import UnitRanker, fit_qualifications

    ranker = UnitRanker(search, lambda: corpus)

    def run(tasks: list[str]) -> tuple[list[str], list[str]]:
        fits = fit_qualifications(tasks, corpus)
        units = ranker.rank(tasks, fits)
        return [f"{u.qualification}:{u.unit.code}" for u in units][:TOP], [f.name for f in fits if not f.in_corpus]

    return run


def baseline(search: Search) -> Callable[[list[str]], tuple[list[str], list[str]]]:
    """The ranking before qualification fit: every hit of k=12 per task, units several tasks find first."""

    def run(tasks: list[str]) -> tuple[list[str], list[str]]:
        found: dict[str, list[float]] = {}
        for task in tasks:
            for rank, hit in enumerate(search(task, 12)):
                key = f"{hit['qualification']}:{hit['unit_code']}"
                found.setdefault(key, []).append(float(hit["score"]) / (1 + 0.1 * rank))
        order = sorted(found, key=lambda key: (-len(found[key]), -sum(found[key]), key))
        return order[:TOP], []

    return run


def evaluate(rows: list[Row], method: Callable[[list[str]], tuple[list[str], list[str]]]) -> dict[str, Any]:
    precision, hits, silent, named, unrelated, rejected, offenders = [], [], [], [], 0, 0, []
    for row in rows:
        top, missing = method(row.tasks)
        if top:
            precision.append(len(set(top) & row.accept) / len(top))
        if row.accept:
            hits.append(1.0 if set(top) & row.accept else 0.0)
        else:
            silent.append(1.0 if not top else 0.0)
        if row.missing:
            named.append(1.0 if set(row.missing) <= set(missing) else 0.0)
        bad = [u for u in top if u.split(":")[0] not in row.related]
        unrelated += len(bad)
        rejected += len(set(top) & row.reject)
        if bad:
            offenders.append(f"{row.sector}: {row.tasks[0][:50]} → {', '.join(bad)}")

    def mean(values: list[float]) -> float | None:
        return round(sum(values) / len(values), 3) if values else None

    return {"rows": len(rows), "precision@5": mean(precision), "hit@5": mean(hits), "silent": mean(silent),
            "missing_named": mean(named), "unrelated@5": unrelated, "rejected@5": rejected, "offenders": offenders}


def searcher_search(searcher: Any) -> Search:
    return lambda q, k: [h.to_dict() for h in searcher.search(q, k)]


def load_search() -> Search:
    """The configured index when it is built; otherwise one with the fake embedder in the data directory."""
    from finnish.analyser import build_analyser
    from retrieval.build import IndexConfig, is_current, load_searcher
    from service.core.settings import Settings

    settings = Settings()
    analyser = build_analyser(settings.analyser, settings.spacy_model, settings.analysis_cache_size)
    cfg = IndexConfig(settings.resolved_index_dir, settings.models_dir, embedder_model=settings.embedder_model)
    if not is_current(cfg, analyser):
        root = settings.data_dir / "eval-fake-index"
        cfg = IndexConfig(root / "index", root / "models", embedder_model="fake")
    return searcher_search(load_searcher(cfg, analyser))


def report(rows: list[Row], search: Search) -> tuple[dict[str, Any], dict[str, Any]]:
    from corpora.qualifications import load_qualifications

    corpus = load_qualifications()
    return evaluate(rows, current(search, corpus)), evaluate(rows, baseline(search))


def _print_set(title: str, rows: list[Row], search: Search, offenders: bool) -> int:
    now, base = report(rows, search)
    print(f"{title}: {len(rows)} task descriptions, {len({r.sector for r in rows})} sectors")
    for name, m in (("qualification fit + threshold", now), ("baseline (all hits)", base)):
        print(f"  {name:31s} precision@5 {m['precision@5']}  hit@5 {m['hit@5']}  silent {m['silent']}  "
              f"missing named {m['missing_named']}  unrelated@5 {m['unrelated@5']}  rejected@5 {m['rejected@5']}")
    for line in now["offenders"] if offenders else []:
        print(f"  unrelated in top 5: {line}")
    return int(now["unrelated@5"])


def run() -> int:
    search = load_search()
    bad = _print_set("Dev set (the method was tuned on it)", load_rows(DATA), search, offenders=True)
    # Not tuned on; its one offender after the first run (a daycare kitchen) was looked at once.
    bad += _print_set("Held-out set (not tuned on)", load_rows(HELDOUT), search, offenders=False)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(run())
