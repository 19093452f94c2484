"""Key terms on workplace texts of tasks the project does not ship (eval/data/key_terms_texts.yaml,
six tasks) against 20 terms a teacher picked by hand for each before any builder ran on them
(eval/data/key_terms_gold.jsonl; "a|b" accepts either lemma): recall@20 of the current builder
(finnish.keyness with check_words: Kotus headwords, compounds of headwords, spelled-out forms, lemma
repair) beside the earlier one (check_words=False: the lemma or its last compound part a headword).

Also counts, on these texts and on the shipped tasks' texts, top-20 terms that are not words by the
new check (finnish.term_words). Returns 1 when the current builder's recall is below the earlier one's.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
TOP = 20


def _load() -> tuple[list[dict[str, str]], dict[str, list[set[str]]]]:
    tasks = yaml.safe_load((DATA / "key_terms_texts.yaml").read_text(encoding="utf-8"))["tasks"]
    gold = {}
    for line in (DATA / "key_terms_gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["task"]] = [set(term.split("|")) for term in row["terms"]]
    return tasks, gold


def run() -> int:
    from corpora.kotus import kotus_words
    from corpora.tasks import load_tasks
    from finnish.analyser import build_analyser
    from finnish.keyness import key_terms
    from finnish.lemma_choice import choose_lemmas
    from finnish.term_words import WordCheck, spelled_forms

    analyser = build_analyser("spacy")
    voikko = getattr(analyser, "voikko", None)
    headword = kotus_words().is_headword
    tasks, gold = _load()

    def top(texts: list[str], check_words: bool) -> tuple[list[str], int]:
        analyses = analyser.analyse_many(texts)
        chosen = choose_lemmas(analyses, voikko) if voikko is not None else analyses
        terms = key_terms(chosen, is_headword=headword, voikko=voikko, check_words=check_words, limit=TOP)
        check = WordCheck(headword, voikko, spelled_forms(analyses))
        return [t.lemma for t in terms], sum(1 for t in terms if not t.multiword and not check.keeps(t.lemma, t.parts))

    hits = {True: 0, False: 0}
    nonwords = {True: 0, False: 0}
    n_gold = 0
    print(f"{'task':<24} {'current':>8} {'earlier':>8}  missed by current")
    for task in tasks:
        want = gold[task["id"]]
        n_gold += len(want)
        row = {}
        for flag in (True, False):
            ranked, bad = top([task["text"]], flag)
            found = [w for w in want if w & set(ranked)]
            hits[flag] += len(found)
            nonwords[flag] += bad
            row[flag] = (found, ranked)
        missed = ["|".join(sorted(w)) for w in want if w not in row[True][0]]
        print(f"{task['id']:<24} {len(row[True][0]):>5}/{len(want)} {len(row[False][0]):>5}/{len(want)}  {', '.join(missed)}")
    print(f"\nrecall@{TOP} on {len(tasks)} unseen tasks: current {hits[True] / n_gold:.1%}, earlier {hits[False] / n_gold:.1%}")
    print(f"non-words among their top {TOP}: current {nonwords[True]}, earlier {nonwords[False]}")
    shipped = {True: 0, False: 0}
    for shipped_task in load_tasks():
        for flag in (True, False):
            shipped[flag] += top([t.text for t in shipped_task.texts], flag)[1]
    print(f"non-words among the top {TOP} of the shipped tasks: current {shipped[True]}, earlier {shipped[False]}")
    return 0 if hits[True] >= hits[False] else 1


if __name__ == "__main__":
    raise SystemExit(run())
