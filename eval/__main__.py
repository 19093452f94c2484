"""`make eval`: runs every eval/eval_*.py module (each has `run() -> int`, printing its own report)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    only = set(argv)
    status = 0
    for mod in sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("eval_")):
        if only and mod not in only and mod.removeprefix("eval_") not in only:
            continue
        print(f"\n===== {mod} =====", flush=True)
        status |= int(importlib.import_module(f"eval.{mod}").run() or 0)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
