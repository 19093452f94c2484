"""`make bench`: runs every bench/bench_*.py module, prints one table, writes bench/results.json.

A benchmark module has `run() -> list[dict]`; each dict is one figure:
{"name": str, "value": float, "unit": str, "baseline": str | None, "ratio": float | None, "goal": str | None}
where `ratio` is value / baseline measured in the same run (the only comparable number on a shared machine).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    only = set(argv)
    results: list[dict] = []
    failed = []
    for mod in sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_")):
        if only and mod not in only and mod.removeprefix("bench_") not in only:
            continue
        started = time.perf_counter()
        print(f"== {mod}", file=sys.stderr, flush=True)
        try:
            figures = importlib.import_module(f"bench.{mod}").run()
        except Exception:
            traceback.print_exc()
            failed.append(mod)
            continue
        for f in figures:
            f.setdefault("module", mod)
        results.extend(figures)
        print(f"   {time.perf_counter() - started:.1f} s", file=sys.stderr)
    out = {"created": time.strftime("%Y-%m-%dT%H:%M:%S"), "results": results, "failed": failed}
    (HERE / "results.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{'benchmark':<58} {'value':>12} {'unit':<8} {'ratio':>8}  {'baseline':<28} goal")
    for r in results:
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else "-"
        print(f"{r['name']:<58} {r['value']:>12.3f} {r.get('unit', ''):<8} {ratio:>8}  {r.get('baseline') or '-':<28} {r.get('goal') or ''}")
    print(f"\nwritten: {HERE / 'results.json'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
