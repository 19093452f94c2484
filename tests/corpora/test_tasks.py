"""The workplace-task corpus: shape, size, variety and that the texts are real Finnish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpora.tasks import (
    TaskDataError,
    UnknownTask,
    WorkplaceTask,
    count_words,
    get_task,
    load_tasks,
    load_tasks_from,
)
from finnish.analyser import Analyser
from finnish.level import estimate_level
from finnish.voikko import VoikkoTools

TURN = re.compile(r"^([A-ZÄÖÅ][\wäöå ]{1,30}): \S", re.MULTILINE)
WORD = re.compile(r"[^\W\d_]+(?:[-:][^\W\d_]+)*")

FIXED_IDS = {
    "cleaning-office",
    "cleaning-patient-room",
    "recycling-cashier",
    "recycling-sorting",
    "care-morning",
    "care-mealtime",
    "kitchen-dishwashing",
    "kitchen-food-prep",
    "warehouse-receiving",
    "property-waste-snow",
    "retail-shelf-stocking",
    "ece-assistant",
    "garage-tyre-change",
    "park-maintenance",
}


@pytest.fixture(scope="module")
def tasks() -> list[WorkplaceTask]:
    return load_tasks()


@pytest.fixture(scope="module")
def voikko() -> VoikkoTools:
    return VoikkoTools()


def minimal_task_yaml(task_id: str) -> str:
    return (
        f"id: {task_id}\ntitle: Testi\ntitle_en: Test\nsector: siivous\nsector_en: cleaning\n"
        "workplace: Toimisto\ndescription: Kuvaus.\ntypical_situations: [reading_instructions]\n"
        "texts:\n  - kind: instruction\n    title: Ohje\n    text: Pese kädet.\n"
    )


def test_the_corpus_has_at_least_twelve_tasks_in_six_sectors(tasks: list[WorkplaceTask]) -> None:
    assert len(tasks) >= 12
    assert len({t.sector for t in tasks}) >= 6
    assert len({t.sector_en for t in tasks}) == len({t.sector for t in tasks})


def test_task_ids_are_unique_and_match_their_files(tasks: list[WorkplaceTask]) -> None:
    ids = [t.id for t in tasks]
    assert len(ids) == len(set(ids))
    files = {p.stem for p in (Path(__file__).resolve().parents[2] / "corpora" / "tasks").glob("*.yaml")}
    assert set(ids) == files


def test_the_shipped_ids_are_exactly_the_fourteen_that_others_rely_on(tasks: list[WorkplaceTask]) -> None:
    assert {t.id for t in tasks} == FIXED_IDS


def test_every_text_is_between_150_and_400_words(tasks: list[WorkplaceTask]) -> None:
    wrong = [(t.id, x.title, x.words) for t in tasks for x in t.texts if not 150 <= x.words <= 400]
    assert wrong == []


def test_every_task_has_one_to_three_texts_with_distinct_titles(tasks: list[WorkplaceTask]) -> None:
    for task in tasks:
        assert 1 <= len(task.texts) <= 3
        assert len({x.title for x in task.texts}) == len(task.texts)


def test_every_description_is_present_and_60_to_120_words(tasks: list[WorkplaceTask]) -> None:
    wrong = [(t.id, count_words(t.description)) for t in tasks if not 60 <= count_words(t.description) <= 120]
    assert wrong == []


def test_every_task_lists_several_typical_situations(tasks: list[WorkplaceTask]) -> None:
    for task in tasks:
        assert len(task.typical_situations) >= 3
        assert len(set(task.typical_situations)) == len(task.typical_situations)


def test_the_corpus_mixes_kinds_of_text(tasks: list[WorkplaceTask]) -> None:
    kinds = {x.kind for t in tasks for x in t.texts}
    assert {"instruction", "dialogue", "notice"} <= kinds


def test_dialogues_put_each_turn_on_its_own_line_with_a_speaker(tasks: list[WorkplaceTask]) -> None:
    for task in tasks:
        for text in (x for x in task.texts if x.kind == "dialogue"):
            turns = [m.group(1) for m in TURN.finditer(text.text)]
            assert len(set(turns)) >= 2, (task.id, text.title)
            assert len(turns) >= 8, (task.id, text.title)


def test_the_texts_are_finnish_words_voikko_knows(tasks: list[WorkplaceTask], voikko: VoikkoTools) -> None:
    for task in tasks:
        for text in [task.description, *(x.text for x in task.texts)]:
            words = WORD.findall(text)
            known = sum(voikko.spell(w) for w in words)
            assert known / len(words) >= 0.9, (task.id, [w for w in words if not voikko.spell(w)])


def test_an_english_text_would_not_pass_as_finnish(voikko: VoikkoTools) -> None:
    words = WORD.findall("Wash your hands and put on the gloves before you start cleaning the office")
    assert sum(voikko.spell(w) for w in words) / len(words) < 0.5


def test_get_task_returns_the_task_with_that_id() -> None:
    assert get_task("cleaning-office").title == "Toimiston siivous"


def test_unknown_task_id_raises_unknown_task_which_is_a_key_error() -> None:
    with pytest.raises(UnknownTask) as caught:
        get_task("no-such-task")
    assert isinstance(caught.value, KeyError)
    assert "no-such-task" in str(caught.value)


def test_load_tasks_reads_the_files_once_and_returns_a_fresh_list() -> None:
    first, second = load_tasks(), load_tasks()
    assert first == second and first is not second
    assert all(a is b for a, b in zip(first, second, strict=True))


def test_a_task_whose_id_differs_from_its_file_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "office.yaml").write_text(minimal_task_yaml("other-id"), encoding="utf-8")
    with pytest.raises(TaskDataError, match="differs from the file name"):
        load_tasks_from(tmp_path)


def test_an_unknown_situation_id_is_refused(tmp_path: Path) -> None:
    text = minimal_task_yaml("office").replace("reading_instructions", "dancing")
    (tmp_path / "office.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TaskDataError, match="office.yaml"):
        load_tasks_from(tmp_path)


def test_a_minimal_valid_task_loads(tmp_path: Path) -> None:
    (tmp_path / "office.yaml").write_text(minimal_task_yaml("office"), encoding="utf-8")
    [task] = load_tasks_from(tmp_path)
    assert task.id == "office" and task.texts[0].kind == "instruction"


def test_words_are_counted_as_a_reader_counts_them() -> None:
    # "ml" is a word, "20" is not; "wc:hen" and "wc-paperi" are one word each
    assert count_words("Pese kädet. Laita käsineet! 20 ml wc:hen, wc-paperi.") == 7


def test_most_tasks_mix_at_least_two_kinds_of_text(tasks: list[WorkplaceTask]) -> None:
    mixed = [t.id for t in tasks if len({x.kind for x in t.texts}) >= 2]
    assert len(mixed) >= len(tasks) - 2


@pytest.mark.slow
def test_the_texts_range_from_plain_to_dense_finnish(tasks: list[WorkplaceTask], analyser: Analyser) -> None:
    # The calibrated level model (finnish/level_model.py) reads these workplace texts as A2–B1; the
    # range shows in its score (A1 = 0 … C2 = 5): the densest text is well over a level above the plainest.
    estimates = [estimate_level(analyser.analyse(x.text)) for t in tasks for x in t.texts]
    assert {"A2", "B1"} <= {e.cefr for e in estimates}
    scores = [e.score for e in estimates]
    assert max(scores) - min(scores) >= 1.2
