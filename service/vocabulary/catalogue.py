"""The cards and exercises of one target (a shipped task id or `profile:<id>`), built from its profile
and texts once per profile version and kept in a small per-process cache. A learner's own cards
(words they got wrong in simulations) are built the same way from their corrected sentence.

Ids: a card is `<target>~<key>`, an exercise `<target>~<key>~<kind>~<n>`; both are stable for a
profile version and name nothing of the learner."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from corpora.glossary import Glossary
from finnish.analyser import Analyser
from finnish.vocabulary.cards import build_cards
from finnish.vocabulary.checker import AnswerChecker
from finnish.vocabulary.exercises import (
    ExerciseItem,
    choice_items,
    cloze_items,
    listen_items,
    situation_items,
)
from finnish.vocabulary.model import EXERCISE_KINDS, ExerciseKind, VocabCard
from service.coach.targets import TaskTargets
from service.core.errors import InvalidInput, NotFound

CACHE_SIZE = 32
SEP = "~"


def _shipped_texts(task_id: str) -> list[str]:
    try:
        from corpora.tasks import get_task

        return [t.text for t in get_task(task_id).texts]
    except KeyError:
        return []


@dataclass
class Catalogue:
    target: str
    title: str
    cards: list[VocabCard]
    situations: list[dict[str, Any]]
    _exercises: dict[tuple[str, str], list[ExerciseItem]] = field(default_factory=dict)

    def card(self, key: str) -> VocabCard | None:
        return next((c for c in self.cards if c.key == key), None)


def split_card_id(card_id: str) -> tuple[str, str]:
    target, sep, key = card_id.rpartition(SEP)
    if not sep or not target or not key:
        raise NotFound(f"Korttia ei löydy. (No card '{card_id[:80]}'.)")
    return target, key


def split_exercise_id(exercise_id: str) -> tuple[str, str, ExerciseKind, int]:
    parts = exercise_id.rsplit(SEP, 3)
    if len(parts) != 4 or parts[2] not in EXERCISE_KINDS or not parts[3].isdigit() or len(parts[3]) > 4:
        raise NotFound(f"Harjoitusta ei löydy. (No exercise '{exercise_id[:80]}'.)")
    kind: ExerciseKind = parts[2]  # type: ignore[assignment]
    return parts[0], parts[1], kind, int(parts[3])


class Catalogues:
    """Builds and caches the catalogue of each target."""

    def __init__(self, targets: TaskTargets, analyser: Analyser, checker: AnswerChecker, glossary: Glossary,
                 texts: Callable[[str], list[str]] = _shipped_texts) -> None:
        self.targets = targets
        self.analyser = analyser
        self.checker = checker
        self.glossary = glossary
        self._texts = texts
        self._cache: OrderedDict[tuple[str, str], Catalogue] = OrderedDict()
        self._shipped: dict[str, Catalogue] = {}  # a shipped task's profile does not change while we run
        self._lock = threading.Lock()

    def resolve(self, ref: str) -> str:
        ref = (ref or "").strip()
        if not ref or len(ref) > 200:
            raise NotFound("Tehtävää ei löydy. (No such target task.)")
        try:
            return self.targets.resolve(ref)
        except InvalidInput as exc:
            raise NotFound(f"Tehtävää ei löydy. ({exc.message})") from None

    def get(self, ref: str) -> Catalogue:
        shipped = self._shipped.get(ref)
        if shipped is not None:
            return shipped  # no profile read and hashed on every review of a shipped task
        target = self.resolve(ref)
        profile = self.targets.profile(target)
        if not profile:
            raise NotFound(f"Tehtävällä '{target}' ei ole kieliprofiilia. (The task '{target}' has no profile.)")
        version = hashlib.sha1(json.dumps(profile, sort_keys=True, default=str).encode("utf-8")).hexdigest()
        with self._lock:
            found = self._cache.get((target, version))
            if found is not None:
                self._cache.move_to_end((target, version))
                return found
        # a stored profile of a shipped task reads that task's texts; one built from a teacher's own texts
        # carries its sentences (the key terms', phrases' and grammar's examples)
        task_id = str(profile.get("task_id") or "") if target.startswith("profile:") else target
        texts = self._texts(task_id) if task_id else []
        cards = build_cards(profile, texts, self.analyser, self.glossary.gloss, self.checker.attests)
        catalogue = Catalogue(target, str(profile.get("title") or target), cards, list(profile.get("situations") or []))
        with self._lock:
            if not target.startswith("profile:"):
                self._shipped[target] = catalogue
            self._cache[(target, version)] = catalogue
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return catalogue

    def own_card(self, lemma: str, upos: str, sentence: str, key: str) -> VocabCard | None:
        """A learner's own card from their corrected sentence (the card keeps the given key)."""
        term = {"lemma": lemma, "upos": upos, "count": 1, "keyness": 0.0, "band": "common", "examples": [sentence]}
        cards = build_cards({"key_terms": [term]}, [], self.analyser, self.glossary.gloss, max_words=1)
        if not cards:
            return None
        card = cards[0]
        return VocabCard(key=key, lemma=card.lemma, pos=card.pos, kind=card.kind, forms=card.forms,
                         gloss=card.gloss, band="own", cloze=card.cloze)

    def exercises(self, catalogue: Catalogue, card: VocabCard, kind: ExerciseKind,
                  pool: Sequence[VocabCard] | None = None) -> list[ExerciseItem]:
        cache_key = (card.key, kind)
        found = catalogue._exercises.get(cache_key)
        if found is not None:
            return found
        if kind == "cloze":
            items = cloze_items(card, self.checker)
        elif kind == "choice":
            items = choice_items(card, pool if pool is not None else catalogue.cards, self.checker)
        elif kind == "listen":
            items = listen_items(card, self.analyser, self.checker)
        else:
            items = situation_items(card, catalogue.situations, self.analyser, self.checker)
        if not card.key.startswith("p"):
            catalogue._exercises[cache_key] = items  # a learner's own cards are not shared
        return items
