"""Task-language profiles of the shipped tasks: are the terms a teacher expects near the top?

For each task the profile is rebuilt from its texts and compared with the expected terms in
tests/data/profile/expected_terms.yaml: recall among the top 5 / 10 / 15 key terms, against a
baseline that ranks content lemmas by raw count (same stop list, no keyness). Also checks that no
general word (olla, tehdä, että …) ranks. Returns 1 when keyness does not beat the baseline.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

EXPECTED = Path(__file__).resolve().parents[1] / "tests" / "data" / "profile" / "expected_terms.yaml"
CUTS = (5, 10, 15)


def _baseline(analyses) -> list[str]:  # type: ignore[no-untyped-def]
    from finnish.keyness import _is_candidate

    counts: Counter[str] = Counter(t.lemma.lower() for a in analyses for t in a.tokens if _is_candidate(t))
    return [lemma for lemma, _ in counts.most_common()]


def run() -> int:
    from corpora.kotus import kotus_words
    from corpora.tasks import load_tasks
    from finnish.analyser import build_analyser
    from finnish.keyness import general_words
    from finnish.profile import ProfileText
    from finnish.profile_builder import build_profile

    expected = {k: set(v) for k, v in yaml.safe_load(EXPECTED.read_text(encoding="utf-8")).items()}
    analyser = build_analyser("spacy")
    totals = {"keyness": Counter(), "count": Counter()}  # type: ignore[var-annotated]
    n_expected = 0
    general_hits = 0
    print(f"{'task':<24} " + " ".join(f"key@{c:<3}" for c in CUTS) + " " + " ".join(f"cnt@{c:<3}" for c in CUTS))
    for task in load_tasks():
        if task.id not in expected:
            continue
        items = [ProfileText(text=t.text, title=t.title, kind=t.kind) for t in task.texts]
        profile = build_profile(analyser, task.title, items, description=task.description,
                                situations=list(task.typical_situations), is_headword=kotus_words().is_headword)
        ranked = [t.lemma for t in profile.key_terms]
        baseline = _baseline(analyser.analyse_many([t.text for t in items]))
        want = expected[task.id]
        n_expected += len(want)
        general_hits += len(set(ranked) & general_words())
        row = []
        for name, order in (("keyness", ranked), ("count", baseline)):
            for c in CUTS:
                hit = len(want & set(order[:c]))
                totals[name][c] += hit
                row.append(f"{hit}/{len(want):<5}")
        print(f"{task.id:<24} " + " ".join(row))
    print()
    for name in ("keyness", "count"):
        print(f"{name:<8} recall " + "  ".join(f"@{c}: {totals[name][c] / max(1, n_expected):.0%}" for c in CUTS))
    print(f"general words among key terms: {general_hits}")
    better = totals["keyness"][15] >= totals["count"][15] and general_hits == 0
    return 0 if better else 1


if __name__ == "__main__":
    raise SystemExit(run())
