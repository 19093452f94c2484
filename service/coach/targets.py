"""Target tasks of participants: a reference (shipped task id, task or profile title, or stored
profile id) → a canonical id, its title and its task-language profile (the readiness targets).

Canonical ids: a shipped task id (`recycling-cashier`) or `profile:<id>` for a profile stored by a
teacher. Profiles come from the stored profiles first, then the shipped `corpora/tasks/profiles/`, and for a
shipped task without one, from the profile builder (once per process).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from corpora.tasks import WorkplaceTask, load_tasks
from corpora.tasks_profiles import PROFILES_DIR, UnknownTaskProfile, read_task_profile
from finnish.labels import SKILL_NAMES
from finnish.level import CEFR_LEVELS
from finnish.situations import catalogue
from service.coach.plan_shapes import TargetReason, TargetSituation
from service.coach.suggest import closest, create_profile_offer, unknown_target_message
from service.core.auth import CurrentUser
from service.core.errors import InvalidInput

log = logging.getLogger("tyokieli")


class TaskTargets:
    """Finds target tasks and their profiles. `stored` returns a stored profile dict by id (or None)
    and `stored_titles` lists (id, title) of stored profiles, `readable_titles(user)` those a user may
    read; all optional."""

    def __init__(
        self,
        stored: Callable[[str], dict[str, Any] | None] | None = None,
        stored_titles: Callable[[], list[tuple[str, str]]] | None = None,
        profiles_dir: Path = PROFILES_DIR,
        tasks: Callable[[], list[WorkplaceTask]] = load_tasks,
        build: Callable[[str], dict[str, Any] | None] | None = None,
        readable_titles: Callable[[CurrentUser], list[tuple[str, str]]] | None = None,
    ) -> None:
        self._build = build
        self._readable_titles = readable_titles or (lambda _user: [])
        self._built: dict[str, dict[str, Any] | None] = {}
        self._stored = stored or (lambda _id: None)
        self._stored_titles = stored_titles or (lambda: [])
        self.profiles_dir = profiles_dir
        self._tasks = tasks

    def choices(self) -> list[tuple[str, str]]:
        """(canonical id, title) of every task a participant can aim at."""
        out = [(t.id, t.title) for t in self._tasks()]
        out += [(f"profile:{pid}", title) for pid, title in self._stored_titles()]
        return out

    def choices_for(self, user: CurrentUser | None) -> list[tuple[str, str]]:
        """(canonical id, title) of the shipped tasks and of the stored profiles this user may read
        (own, shared, their own targets, their participants'): what a dropdown shows them. Nobody
        signed in: the shipped tasks only."""
        out = [(t.id, t.title) for t in self._tasks()]
        if user is not None:
            out += [(f"profile:{pid}", title) for pid, title in self._readable_titles(user)]
        return out

    def resolve(self, ref: str) -> str:
        ref = str(ref).strip()
        ids = {t.id: t for t in self._tasks()}
        if ref in ids:
            return ref
        pid = ref.removeprefix("profile:")
        if pid and self._stored(pid) is not None:
            return f"profile:{pid}"
        folded = ref.casefold()
        for cid, title in self.choices():
            if title.casefold() == folded:
                return cid
        if (self.profiles_dir / f"{ref}.json").is_file():
            return ref
        near = closest(ref, self.choices())
        raise InvalidInput(unknown_target_message(ref, near), suggestions=near, create_profile=create_profile_offer(ref))

    def title(self, cid: str) -> str:
        for tid, title in self.choices():
            if tid == cid:
                return title
        profile = self.profile(cid)
        return str(profile.get("title")) if profile else cid

    def profile(self, cid: str) -> dict[str, Any] | None:
        """The task-language profile of a target (public profile JSON shape), or None."""
        if cid.startswith("profile:"):
            return self._stored(cid.removeprefix("profile:"))
        try:
            return read_task_profile(cid, self.profiles_dir).model_dump()
        except UnknownTaskProfile:
            return self._built_profile(cid)
        except (OSError, ValueError):
            log.warning("the shipped profile of %s is not readable", cid, exc_info=True)
            return None

    def _built_profile(self, cid: str) -> dict[str, Any] | None:
        if self._build is None or cid not in {t.id for t in self._tasks()}:
            return None
        if cid not in self._built:
            try:
                self._built[cid] = self._build(cid)
            except Exception:  # building needs the analyser; a failure leaves the task without targets
                log.warning("could not build a profile for task %s", cid, exc_info=True)
                self._built[cid] = None
        return self._built[cid]


def _entries(value: object) -> list[Mapping[str, object]]:
    return [x for x in value if isinstance(x, Mapping)] if isinstance(value, list) else []


def target_reasons(profile: Mapping[str, object] | None) -> dict[str, TargetReason]:
    """Per skill of a profile: its target level and the profile's situations that need exactly that
    level ('puhuminen A2: Asiakkaan palveleminen, Ongelmasta kertominen'), the others of the skill
    listed apart. A target no situation reaches (the texts' level, or a teacher's choice) says so."""
    skills = profile.get("skills") if profile else None
    if not isinstance(skills, Mapping):
        return {}
    cat = catalogue()
    out: dict[str, TargetReason] = {}
    for skill, target_data in skills.items():
        target = str(target_data.get("cefr", "")) if isinstance(target_data, Mapping) else ""
        if target not in CEFR_LEVELS:
            continue
        at: list[TargetSituation] = []
        lower: list[TargetSituation] = []
        for sit in _entries(profile.get("situations") if profile else None):
            d = cat.get(str(sit.get("id", "")))
            level = d.targets.get(skill) if d else None  # type: ignore[call-overload]
            if d is None or level is None:
                continue
            entry = TargetSituation(id=d.id, label=str(sit.get("label") or d.label),
                                    label_en=str(sit.get("label_en") or d.label_en), level=level)
            (at if level == target else lower).append(entry)
        fi_name, en_name = SKILL_NAMES.get(skill, (skill, skill))
        if at:
            fi = f"{fi_name} {target}: " + ", ".join(s["label"].casefold() for s in at)
            en = f"{en_name} {target}: " + ", ".join((s["label_en"] or s["label"]).casefold() for s in at)
        else:
            fi = f"{fi_name} {target}: yksikään tehtävän tilanne ei vaadi tätä tasoa; tavoite tulee tekstien tasosta " \
                 "tai opettajan valinnasta."
            en = f"{en_name} {target}: no situation of the task needs this level; the target comes from the level " \
                 "of the texts or the teacher's choice."
        out[skill] = TargetReason(skill=skill, target=target, situations=at, lower=lower, why={"fi": fi, "en": en})
    return out
