"""The workplace-task corpus: one YAML file per job task in `corpora/tasks/`, with its authentic texts.

Teachers build task-language profiles from these texts, simulations refer to the task ids and
hints quote them. The ids are stable: other data (scenarios, pre-built profiles) points at them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from finnish.yamlio import load_yaml

TASKS_DIR = Path(__file__).resolve().parent / "tasks"

TextKind = Literal["instruction", "notice", "shift_note", "dialogue", "safety", "form", "email"]

Situation = Literal[
    "receiving_instructions",
    "reading_instructions",
    "reading_safety",
    "serving_customer",
    "calling_in_sick",
    "reporting_problem",
    "reporting_fault",
    "asking_for_help",
    "small_talk_colleague",
    "phone_call",
    "filling_form",
    "writing_shift_note",
    "handling_complaint",
    "giving_guidance",
    "teamwork_meeting",
]

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’:][^\W\d_]+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters (hyphenated compounds count once), no numbers."""
    return len(_WORD.findall(text))


class UnknownTask(KeyError):
    """No workplace task has this id."""

    def __init__(self, task_id: str) -> None:
        super().__init__(task_id)
        self.task_id = task_id

    def __str__(self) -> str:
        return f"Tuntematon työtehtävä / unknown workplace task: {self.task_id!r}"


class TaskDataError(ValueError):
    """A task file in the shipped corpus is broken (bad YAML, wrong fields, id not its file name)."""


class WorkplaceText(BaseModel):
    """One authentic text of a job task: an instruction, notice, shift note, dialogue, form…"""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: TextKind
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)

    @field_validator("title", "text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @property
    def words(self) -> int:
        return count_words(self.text)


class WorkplaceTask(BaseModel):
    """A concrete job task (e.g. office cleaning) with where it is done, its situations and texts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    sector: str = Field(min_length=1)
    sector_en: str = Field(min_length=1)
    workplace: str = Field(min_length=1)
    description: str = Field(min_length=1)
    typical_situations: list[Situation] = Field(min_length=1)
    texts: list[WorkplaceText] = Field(min_length=1, max_length=3)

    @field_validator("id")
    @classmethod
    def _kebab_case(cls, value: str) -> str:
        if not _KEBAB.match(value):
            raise ValueError(f"id must be kebab-case (like 'cleaning-office'), got {value!r}")
        return value

    @field_validator("title", "title_en", "sector", "sector_en", "workplace", "description")
    @classmethod
    def _stripped(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @property
    def full_text(self) -> str:
        """All texts of the task, separated by blank lines (for analysis and indexing)."""
        return "\n\n".join(t.text for t in self.texts)


def parse_task_file(path: Path) -> WorkplaceTask:
    """Read and validate one task file; its id must equal the file name without `.yaml`."""
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TaskDataError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise TaskDataError(f"{path.name}: expected a mapping of task fields")
    try:
        task = WorkplaceTask.model_validate(raw)
    except ValidationError as exc:
        raise TaskDataError(f"{path.name}: {exc}") from exc
    if task.id != path.stem:
        raise TaskDataError(f"{path.name}: id {task.id!r} differs from the file name")
    return task


def load_tasks_from(directory: Path) -> list[WorkplaceTask]:
    """Every task in `directory`, sorted by id (uncached; tests and tools use it on other folders)."""
    tasks = [parse_task_file(p) for p in sorted(directory.glob("*.yaml"))]
    seen: set[str] = set()
    for task in tasks:
        if task.id in seen:
            raise TaskDataError(f"task id {task.id!r} appears twice")
        seen.add(task.id)
    return sorted(tasks, key=lambda t: t.id)


@lru_cache(maxsize=1)
def _shipped() -> tuple[WorkplaceTask, ...]:
    return tuple(load_tasks_from(TASKS_DIR))


def load_tasks() -> list[WorkplaceTask]:
    """All shipped workplace tasks, sorted by id. Read once per process."""
    return list(_shipped())


def get_task(task_id: str) -> WorkplaceTask:
    """The shipped task with this id; raises `UnknownTask` (a KeyError) when there is none."""
    for task in _shipped():
        if task.id == task_id:
            return task
    raise UnknownTask(task_id)
