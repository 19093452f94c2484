"""Builds the pre-built profile of every shipped workplace task: corpora/tasks/profiles/<id>.json.

Usage: .venv/bin/python scripts/build_task_profiles.py [TASK_ID ...]
Re-run it whenever a task's texts change (tests check that every task has a current profile).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from corpora.kotus import kotus_words  # noqa: E402
from corpora.tasks import load_tasks  # noqa: E402
from corpora.tasks_profiles import PROFILES_DIR, profile_path  # noqa: E402
from finnish.analyser import build_analyser  # noqa: E402
from finnish.profile import ProfileText, TaskProfile  # noqa: E402
from finnish.profile_builder import build_profile  # noqa: E402


def build_task_profile(task, analyser) -> TaskProfile:  # type: ignore[no-untyped-def]
    return build_profile(
        analyser,
        task.title,
        [ProfileText(text=t.text, title=t.title, kind=t.kind) for t in task.texts],
        description=task.description,
        situations=list(task.typical_situations),
        task_id=task.id,
        is_headword=kotus_words().is_headword,
    )


def main(argv: list[str]) -> int:
    analyser = build_analyser("spacy")
    PROFILES_DIR.mkdir(parents=True, exist_ok=True)
    wanted = set(argv)
    for task in load_tasks():
        if wanted and task.id not in wanted:
            continue
        profile = build_task_profile(task, analyser)
        profile_path(task.id).write_text(
            json.dumps(profile.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        top = ", ".join(t.lemma for t in profile.key_terms[:12])
        print(f"{task.id}: {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
