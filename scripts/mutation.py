"""A small mutation test of the goal tracker: each mutant makes goals easier (or wrongly) reached;
the goal tests must fail on it (the mutant is "killed"). Reports the kill rate.

    .venv/bin/python scripts/mutation.py [--tests tests/simulations/test_goals.py] [--only N]

Every mutant runs in a temporary copy of the tree (symlinks to everything but `simulations/`, which
is copied and mutated), so the working tree is never touched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str  # inside simulations/
    old: str
    new: str


MUTANTS: tuple[Mutant, ...] = (
    Mutant("lower similarity threshold", "goals.py", "threshold: float = 0.8", "threshold: float = 0.6"),
    Mutant("threshold compared with >", "goals.py", "if score >= self.threshold and goal.id not in reached",
           "if score >= self.threshold - 0.1 and goal.id not in reached"),
    Mutant("min_lemmas ignored", "goals.py", "hits >= goal.min_lemmas", "hits >= 1"),
    Mutant("intents ignored", "goals.py", "intent_ok = not goal.intents or", "intent_ok = True or"),
    Mutant("negation ignored", "goals.py", "        if gp.contradicted(pol, analysis):\n",
           "        if False and gp.contradicted(pol, analysis):\n"),
    Mutant("negative goals need no negation", "understanding.py", "            if not pol.negative:\n                return True",
           "            if not pol.negative:\n                return False"),
    Mutant("wrong facts accepted", "goals.py", "        if wrong:\n            return 0.0", "        if False:\n            return 0.0"),
    Mutant("facts not needed", "goals.py", "            return min(score, self.threshold - 0.01)", "            return score"),
    Mutant("already reached goals count again", "goals.py", "and goal.id not in reached", ""),
    Mutant("short turns matched by similarity", "goals.py", "if len(words) >= 3 else None", "if len(words) >= 1 else None"),
    Mutant("compound heads ignored", "goals.py", "return len(lemma) >= 4 and any(", "return False and any("),
    Mutant("repair requests read as answers", "goals.py", 'reading.kind = "repair"\n            return reading',
           'reading.kind = "answer"'),
    Mutant("ilman not a negation", "../finnish/polarity.py", 'if t.text.lower() == "ilman"', 'if t.text.lower() == "ilmanx"'),
    Mutant("unheard facts checked", "goals.py", "if heard is None or n.id in heard", "if True"),
)


def _tree(tmp: Path, mutant: Mutant) -> None:
    """A copy of the repository's `simulations/` and `finnish/` (the mutated rooms), symlinks for the rest."""
    for entry in ROOT.iterdir():
        if entry.name in {"simulations", "finnish", ".git", ".venv"}:
            continue
        (tmp / entry.name).symlink_to(entry)
    for room in ("simulations", "finnish"):
        shutil.copytree(ROOT / room, tmp / room, ignore=shutil.ignore_patterns("__pycache__"))
    if mutant is NONE:
        return
    target = (tmp / "simulations" / mutant.path).resolve()
    text = target.read_text(encoding="utf-8")
    if text.count(mutant.old) != 1:
        raise SystemExit(f"mutant '{mutant.name}': the code to mutate is not found exactly once in {mutant.path}")
    target.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")


NONE = Mutant("unmutated (must pass)", "goals.py", "", "")


def run(mutant: Mutant, tests: str, extra: list[str]) -> tuple[bool, float]:
    """(killed, seconds): killed when the tests fail on the mutant."""
    with tempfile.TemporaryDirectory(prefix="mutant-") as tmp:
        _tree(Path(tmp), mutant)
        start = time.perf_counter()
        proc = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "-m", "pytest", "-p", "no:cacheprovider", "-q", "-x", *extra, tests],
            cwd=tmp, capture_output=True, text=True, timeout=600,
        )
        return proc.returncode != 0, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", default="tests/simulations/test_goals.py")
    parser.add_argument("--only", type=int, default=None, help="run only the first N mutants")
    parser.add_argument("pytest_args", nargs="*", help="further pytest arguments (after --)")
    args = parser.parse_args(argv)
    mutants = MUTANTS[: args.only] if args.only else MUTANTS
    if run(NONE, args.tests, args.pytest_args)[0]:
        print("the goal tests fail on the unmutated code: fix them first")
        return 2
    killed = 0
    for m in mutants:
        dead, seconds = run(m, args.tests, args.pytest_args)
        killed += dead
        print(f"{'killed ' if dead else 'SURVIVED'}  {m.name}  ({seconds:.0f} s)", flush=True)
    rate = killed / len(mutants)
    print(f"kill rate: {killed}/{len(mutants)} = {rate:.2f}")
    return 0 if killed == len(mutants) else 1


if __name__ == "__main__":
    sys.exit(main())
