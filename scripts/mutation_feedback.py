"""Mutation test of the feedback rules (finnish/rules/*.py): each mutant changes one condition,
constant or branch of a rule in a temporary copy of the project; the rule tests run against it;
a mutant is "killed" when a test fails. Reports the kill rate (issue #12).

    .venv/bin/python scripts/mutation_feedback.py [--only N ...] [--json]

Each mutant names the tests that should notice it (its rule family's tests, the engine and the
no-wrong-corrections regression set; the rules' precision cases run for all), so one run takes
about 15 minutes, not the whole suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RULES = "finnish/rules"
ENGINE_TESTS = ("tests/finnish/test_feedback_engine.py",)
PRECISION = ("tests/finnish/test_rules_precision.py",)  # run for every mutant: the guards' clean cases
REGRESSION = ("tests/finnish/test_feedback_regression.py",)


@dataclass(frozen=True)
class Mutant:
    file: str  # under finnish/rules/
    old: str
    new: str
    what: str
    tests: tuple[str, ...]


def _t(*names: str) -> tuple[str, ...]:
    return tuple(f"tests/finnish/{n}.py" for n in names)


MUTANTS: list[Mutant] = [
    Mutant("agreement.py", '"minä": ("1", "Sing")', '"minä": ("3", "Sing")', "wrong person for minä", _t("test_rules_agreement")),
    Mutant("agreement.py", "if verb is None or verb in ctx.claimed or _fits(ctx, verb, *pn):",
           "if verb is None or verb in ctx.claimed:", "no Voikko double-check of the verb", _t("test_rules_agreement")),
    Mutant("agreement.py", 'r.person == person and r.number == number', 'r.person == person',
           "number ignored in agreement", _t("test_rules_agreement")),
    Mutant("numeral.py", 'return text not in {"0", "1"}', 'return text not in {"0"}', "1 counted as plural",
           _t("test_rules_numeral")),
    Mutant("numeral.py", 'if ctx.can_be(noun, "Par", "Sing") or labels_what_follows(ctx, k):',
           'if labels_what_follows(ctx, k):',
           "no partitive check of the noun", _t("test_rules_numeral")),
    Mutant("numeral.py", "if k < i or noun.upos", "if noun.upos", "number after its noun counted", _t("test_rules_numeral")),
    Mutant("object_case.py", 'if ctx.case_of(tok) not in {"Nom", "Gen"} or ctx.can_be(tok, "Par"):',
           'if ctx.case_of(tok) not in {"Nom", "Gen"}:', "negated object: partitive reading ignored",
           _t("test_rules_object_case")),
    Mutant("object_case.py", 'if k < v or ctx.has_possessive(tok):', 'if ctx.has_possessive(tok):',
           "object before its verb judged", _t("test_rules_object_case")),
    Mutant("object_case.py", '"mennä", "tulla", ', '', "motion verbs take objects", _t("test_rules_object_case")),
    Mutant("object_case.py", 'if ctx.can_be(tok, "Par") or ctx.children(k, "nummod"):', 'if ctx.can_be(tok, "Par"):',
           "existential: counted noun judged", _t("test_rules_object_case")),
    Mutant("postposition.py", 'if ctx.can_be(noun, "Gen"):\n            continue', "pass",
           "genitive reading of the noun ignored", _t("test_rules_postposition")),
    Mutant("postposition.py", 'PARTITIVE_PREPOSITIONS = {"ennen", "ilman"}', 'PARTITIVE_PREPOSITIONS = {"ilman"}',
           "ennen forgotten", _t("test_rules_postposition")),
    Mutant("postposition.py", 'or labels_what_follows(ctx, k):', ':', "ennen kello N corrected",
           _t("test_rules_postposition") + REGRESSION),
    Mutant("postposition.py", 'if ctx.has_possessive(noun):\n            continue  # "pääni sisällä"', 'pass  # "pääni sisällä"',
           "possessive forms judged", _t("test_rules_postposition")),
    Mutant("government.py", 'def _is_time_adverbial(ctx: RuleContext, k: int) -> bool:\n',
           'def _is_time_adverbial(ctx: RuleContext, k: int) -> bool:\n    return False\n',
           "time adverbials judged as complements", _t("test_rules_government")),
    Mutant("voikko_grammar.py", 'if code == 8 and _intended_repetition(ctx, start, start + length):\n            continue',
           'pass', "hei hei flagged", REGRESSION),
    Mutant("voikko_grammar.py", 'and not _clear_missing_verb(ctx, start, start + length):', ':',
           "every verbless sentence a hint", _t("test_rules_voikko_grammar") + REGRESSION),
    Mutant("voikko_grammar.py", 'if code in (16, 17) and not', 'if code in (16,) and not',
           "code 17 never a hint", REGRESSION),
    Mutant("voikko_grammar.py", '13: ("agreement", "agreement.negation_main_verb", "error",',
           '13: ("agreement", "agreement.negation_main_verb", "hint",', "negation verb form only a hint",
           ENGINE_TESTS + _t("test_rules_voikko_grammar")),
    Mutant("base.py", 'return cases == {"Nom"}', 'return "Nom" in cases', "nominative_only too eager",
           _t("test_rules_object_case", "test_rules_postposition") + REGRESSION),
    Mutant("base.py", 'if any(k.endswith("[psor]") for k in token.feats):\n            return True', 'pass',
           "spaCy possessive marks ignored", _t("test_rules_postposition", "test_rules_object_case")),
]


@dataclass
class Outcome:
    index: int
    file: str
    what: str
    killed: bool
    seconds: float
    error: str = ""


def _copy_project(dest: Path) -> None:
    skip = {".venv", ".git", "data", "node_modules", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
    for item in REPO.iterdir():
        if item.name in skip:
            continue
        target = dest / item.name
        if item.is_dir():
            shutil.copytree(item, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, target)
    (dest / ".venv").symlink_to(REPO / ".venv")
    # tests read the shared data beside the checkout (tests/conftest.py)
    shared = REPO.parent / "shared"
    if shared.exists() and not (dest.parent / "shared").exists():
        (dest.parent / "shared").symlink_to(shared)


def _run_tests(root: Path, tests: tuple[str, ...]) -> bool:
    """True when the tests pass (the mutant survived)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    cmd = [str(REPO / ".venv/bin/python"), "-m", "pytest", "-p", "no:cacheprovider", "-q", "-x", *tests]
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, timeout=900).returncode == 0


def run_mutant(root: Path, index: int, m: Mutant) -> Outcome:
    path = root / RULES / m.file
    original = path.read_text(encoding="utf-8")
    if original.count(m.old) != 1:
        return Outcome(index, m.file, m.what, False, 0.0, f"pattern found {original.count(m.old)} times")
    path.write_text(original.replace(m.old, m.new), encoding="utf-8")
    t0 = time.perf_counter()
    try:
        survived = _run_tests(root, m.tests + PRECISION)
    finally:
        path.write_text(original, encoding="utf-8")
    return Outcome(index, m.file, m.what, not survived, time.perf_counter() - t0)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=int, nargs="*", help="mutant numbers to run (default: all)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)
    chosen = [(i, m) for i, m in enumerate(MUTANTS) if not args.only or i in args.only]
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="mutation-feedback-") as tmp:
        root = Path(tmp) / "work" / "main"
        root.mkdir(parents=True)
        _copy_project(root)
        for i, m in chosen:
            out = run_mutant(root, i, m)
            outcomes.append(out)
            state = "ERROR " + out.error if out.error else ("killed" if out.killed else "SURVIVED")
            print(f"[{i:2d}] {m.file:18} {m.what:42} {state} ({out.seconds:.0f} s)", file=sys.stderr, flush=True)
    valid = [o for o in outcomes if not o.error]
    killed = sum(o.killed for o in valid)
    rate = killed / len(valid) if valid else 0.0
    if args.json:
        print(json.dumps({"mutants": len(valid), "killed": killed, "kill_rate": round(rate, 3),
                          "outcomes": [asdict(o) for o in outcomes]}, ensure_ascii=False))
    else:
        print(f"feedback rules: {killed}/{len(valid)} mutants killed, kill rate {rate:.2f}")
        for o in outcomes:
            if not o.killed:
                print(f"  survived: [{o.index}] {o.file}: {o.what} {o.error}")
    return 0 if not any(o.error for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
