"""Scenario generation from a task-language profile (simulations/generate), as a ratio to building
that profile in the same run. Each profile is a shipped task's texts repeated to ~1,000 words, built
and generated once (a new profile: its key-term lines are checked for the first time; the
templates' fixed lines may be in the analysis cache, as in a running server). Goal: ≤ 2 s for a
1,000-word profile. Generation runs after one warm-up profile (the omorfi transducer loads ~3 s once)."""

from __future__ import annotations

import time

WORDS = 1_000
TASKS = ("kitchen-food-prep", "recycling-cashier", "warehouse-receiving")
WARM_UP = "cleaning-office"


def _text(task_id: str) -> str:
    from corpora.tasks import get_task

    parts = [t.text for t in get_task(task_id).texts]
    out: list[str] = []
    while sum(len(p.split()) for p in out) < WORDS:
        out.extend(parts)
    return "\n\n".join(out)


def run() -> list[dict]:
    from corpora.kotus import kotus_words
    from corpora.tasks import get_task
    from finnish.analyser import build_analyser
    from finnish.feedback import FeedbackEngine
    from finnish.profile_builder import build_profile
    from simulations.generate.generator import ScenarioGenerator

    analyser = build_analyser("spacy")
    generator = ScenarioGenerator(FeedbackEngine(analyser))
    headword = kotus_words().is_headword

    def profile(task_id: str) -> object:
        task = get_task(task_id)
        return build_profile(analyser, task.title, [_text(task_id)], description=task.description,
                             situations=list(task.typical_situations), is_headword=headword)

    generator.generate(profile(WARM_UP), profile_id=1, profile_version=1)  # type: ignore[arg-type]
    builds, gens, counts = [], [], []
    for task_id in TASKS:
        started = time.perf_counter()
        p = profile(task_id)
        builds.append(time.perf_counter() - started)
        started = time.perf_counter()
        counts.append(len(generator.generate(p, profile_id=2, profile_version=1)))  # type: ignore[arg-type]
        gens.append(time.perf_counter() - started)
    build_s, gen_s = sorted(builds)[1], sorted(gens)[1]  # medians of three
    return [
        {"name": f"task-language profile, ~{WORDS} words (median of {len(TASKS)})", "value": build_s, "unit": "s",
         "baseline": None, "ratio": None, "goal": None},
        {"name": f"scenario generation, {min(counts)}-{max(counts)} scenarios per profile", "value": gen_s,
         "unit": "s", "baseline": "building the same profile", "ratio": gen_s / build_s, "goal": "≤ 2 s"},
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
