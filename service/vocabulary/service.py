"""Vocabulary practice for a signed-in learner: the cards of a target with their state, exercises,
reviews checked by morphology and scheduled by FSRS, today's session and progress figures."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from finnish.vocabulary.checker import foreign_script
from finnish.vocabulary.exercises import ExerciseItem
from finnish.vocabulary.model import EXERCISE_KINDS, ExerciseKind, Verdict, VocabCard
from service.core.auth import CurrentUser
from service.core.errors import NotFound
from service.vocabulary import schemas
from service.vocabulary.catalogue import SEP, Catalogue, Catalogues, split_card_id, split_exercise_id
from service.vocabulary.mistakes import MistakeCards
from service.vocabulary.store import CardProgress, VocabularyStore
from simulations.speech import Speaker

log = logging.getLogger("tyokieli")
API = "/api/v1/vocabulary"
SESSION_SIZE = 20


class VocabularyService:
    def __init__(self, catalogues: Catalogues, store: VocabularyStore, mistakes: MistakeCards, speaker: Speaker,
                 new_per_day: int = 10, check_profile: Callable[[int, CurrentUser], object] | None = None) -> None:
        self._check_profile = check_profile  # raises NotFound for a stored profile the user may not see
        self.catalogues = catalogues
        self.store = store
        self.mistakes = mistakes
        self.speaker = speaker
        self.new_per_day = new_per_day

    # -- cards ------------------------------------------------------------------------------------
    def _all_cards(self, user_id: int, catalogue: Catalogue) -> list[VocabCard]:
        own = []
        for row in self.store.own_cards(user_id, catalogue.target):
            card = self.catalogues.own_card(row.lemma, row.upos, row.sentence or row.form, f"p{row.id}")
            if card is not None:
                own.append(card)
        return catalogue.cards + own

    def _catalogue(self, user: CurrentUser, ref: str) -> Catalogue:
        catalogue = self.catalogues.get(ref)
        pid = catalogue.target.removeprefix("profile:")
        if self._check_profile is not None and pid != catalogue.target and pid.isdigit():
            self._check_profile(int(pid), user)  # someone else's unshared profile: 404 as in /profiles
        return catalogue

    def _open(self, user: CurrentUser, ref: str) -> tuple[Catalogue, list[VocabCard], dict[str, CardProgress]]:
        catalogue = self._catalogue(user, ref)
        self.mistakes.sync(user.id, catalogue)
        return catalogue, self._all_cards(user.id, catalogue), self.store.progress(user.id, catalogue.target)

    def _card_out(self, target: str, card: VocabCard, progress: CardProgress | None) -> schemas.CardOut:
        card_id = f"{target}{SEP}{card.key}"
        p = progress or CardProgress()
        return schemas.CardOut(
            id=card_id, lemma=card.lemma, pos=card.pos, gloss=card.gloss, state=p.state,  # type: ignore[arg-type]
            forms=[schemas.FormOut(form=f.form, sentence=f.sentence) for f in card.forms],
            audio_url=f"{API}/cards/{quote(card_id, safe='')}/audio" if self.speaker.available else None,
            due=p.due, source="simulation" if card.key.startswith("p") or p.source == "simulation" else "profile")

    def cards(self, user: CurrentUser, ref: str) -> schemas.CardsOut:
        catalogue, cards, progress = self._open(user, ref)
        return schemas.CardsOut(target=catalogue.target, title=catalogue.title,
                                cards=[self._card_out(catalogue.target, c, progress.get(c.key)) for c in cards])

    def word_list(self, ref: str) -> tuple[Catalogue, list[VocabCard]]:
        """The task's cards without any learner (the teacher's printable word list)."""
        catalogue = self.catalogues.get(ref)
        return catalogue, catalogue.cards

    def packet_words(self, ref: str) -> list[tuple[str, str]]:
        """(word — gloss, the forms the job uses) for the printable info packet; empty when the target
        has no cards (the packet is printed without the list, never refused)."""
        try:
            _, cards = self.word_list(ref)
        except Exception:  # the packet must print even where the texts cannot be parsed
            log.warning("no word list for the info packet of %s", ref[:80], exc_info=True)
            return []
        out = []
        for card in cards:
            if card.kind != "phrase" and card.forms:
                head = card.lemma + (f" — {card.gloss}" if card.gloss else "")
                out.append((head, ", ".join(dict.fromkeys(f.form for f in card.forms))))
        return out

    # -- exercises --------------------------------------------------------------------------------
    def _exercise_out(self, target: str, card: VocabCard, item: ExerciseItem) -> schemas.ExerciseOut:
        card_id = f"{target}{SEP}{card.key}"
        ex_id = f"{card_id}{SEP}{item.kind}{SEP}{item.index}"
        audio = f"{API}/exercises/{quote(ex_id, safe='')}/audio" if item.kind == "listen" and self.speaker.available else None
        return schemas.ExerciseOut(id=ex_id, card=card_id, kind=item.kind, prompt=item.prompt, headword=item.headword,
                                   choices=list(item.choices) or None, audio_url=audio)

    def _items(self, catalogue: Catalogue, card: VocabCard, kind: ExerciseKind, cards: list[VocabCard]) -> list[ExerciseItem]:
        """A card's exercises: a task's card draws distractors from the task's cards only (its items are
        shared between learners), a learner's own card from theirs too."""
        return self.catalogues.exercises(catalogue, card, kind, cards if card.key.startswith("p") else catalogue.cards)

    def exercises(self, user: CurrentUser, ref: str, kind: ExerciseKind) -> schemas.ExercisesOut:
        catalogue, cards, _ = self._open(user, ref)
        out = []
        for card in cards:
            for item in self._items(catalogue, card, kind, cards):
                out.append(self._exercise_out(catalogue.target, card, item))
        return schemas.ExercisesOut(target=catalogue.target, exercises=out)

    def _find(self, user: CurrentUser, target: str, key: str) -> tuple[Catalogue, VocabCard, list[VocabCard]]:
        catalogue = self._catalogue(user, target)
        if catalogue.target != target:
            raise NotFound("Korttia ei löydy. (No such card.)")
        # a task's card is found among the task's; a learner's own card (key p<id>) among theirs, so
        # someone else's own card is not found: 404. The task's exercises are shared, so they are
        # built from the task's cards alone (no learner's own word becomes another's distractor).
        cards = self._all_cards(user.id, catalogue) if key.startswith("p") else catalogue.cards
        card = next((c for c in cards if c.key == key), None)
        if card is None:
            raise NotFound("Korttia ei löydy. (No such card.)")
        return catalogue, card, cards

    def _item(self, user: CurrentUser, exercise_id: str) -> tuple[Catalogue, VocabCard, ExerciseItem]:
        target, key, kind, index = split_exercise_id(exercise_id)
        catalogue, card, cards = self._find(user, target, key)
        items = self._items(catalogue, card, kind, cards)
        if index >= len(items):
            raise NotFound("Harjoitusta ei löydy. (No such exercise.)")
        return catalogue, card, items[index]

    def check(self, item: ExerciseItem, answer: str) -> Verdict:
        checker = self.catalogues.checker
        if item.kind == "choice" and not foreign_script(answer):
            if answer.strip().casefold() == item.expected.casefold():
                return checker.check(item.expected, item.words)
            return checker._wrong_word(item.expected)
        if item.any_order:
            return checker.check_any_order(answer, item.words, item.expected)
        return checker.check(answer, item.words)

    def review(self, user: CurrentUser, exercise_id: str, answer: str, now: datetime | None = None) -> schemas.ReviewOut:
        catalogue, card, item = self._item(user, exercise_id)
        verdict = self.check(item, answer)
        due = self.store.review(user.id, catalogue.target, card.key, card.lemma, item.kind, verdict.result, now)
        progress = self.store.progress(user.id, catalogue.target, card.key).get(card.key)
        return schemas.ReviewOut(result=verdict.result, expected=verdict.expected, next_due=due,
                                 explanation=schemas.Explanation(fi=verdict.explanation.fi, en=verdict.explanation.en),
                                 card=f"{catalogue.target}{SEP}{card.key}",
                                 state=(progress or CardProgress()).state)  # type: ignore[arg-type]

    # -- today's session and figures ----------------------------------------------------------------
    def _pick(self, catalogue: Catalogue, card: VocabCard, cards: list[VocabCard], reviews: int) -> ExerciseItem | None:
        if card.kind == "phrase":
            order: tuple[ExerciseKind, ...] = ("listen", "situation") if reviews % 2 == 0 else ("situation", "listen")
        elif reviews == 0:
            order = ("choice", "cloze", "listen")
        else:
            order = ("listen", "cloze", "choice") if reviews % 3 == 2 else ("cloze", "choice", "listen")
        for kind in order:
            items = self._items(catalogue, card, kind, cards)
            if items:
                return items[reviews % len(items)]
        return None

    def session(self, user: CurrentUser, ref: str, now: datetime | None = None) -> schemas.SessionOut:
        catalogue, cards, progress = self._open(user, ref)  # syncs simulations first: their cards are due now
        now = now or datetime.now(UTC)
        today = self.store.reviews_today(user.id, catalogue.target, now)
        reviewed_keys = {k for k, _ in today}
        new_today = sum(1 for k in reviewed_keys if progress.get(k) and progress[k].reviews == len(
            [1 for kk, _ in today if kk == k]) and progress[k].source != "simulation")
        due = sorted((c for c in cards if c.key in progress and progress[c.key].due is not None
                      and progress[c.key].due <= now), key=lambda c: progress[c.key].due or now)  # type: ignore[operator]
        fresh = [c for c in cards if c.key not in progress][:max(0, self.new_per_day - new_today)]
        items: list[schemas.ExerciseOut] = []
        for card in (due + fresh)[:SESSION_SIZE]:
            item = self._pick(catalogue, card, cards, progress[card.key].reviews if card.key in progress else 0)
            if item is not None:
                items.append(self._exercise_out(catalogue.target, card, item))
        right = sum(1 for _, r in today if r == "right")
        summary = schemas.SummaryOut(
            reviewed_today=len(today), right_today=right, new_today=new_today, due_now=len(due), remaining=len(items),
            fi=f"Tänään {len(today)} harjoitusta, {right} oikein. Jäljellä {len(items)}."
            + (" Hyvä, kaikki tehty tältä päivältä!" if not items else ""),
            en=f"Today {len(today)} exercises, {right} right. {len(items)} to go." + (" Well done, all done for today!" if not items else ""))
        return schemas.SessionOut(target=catalogue.target, items=items, due=len(due), new=len(fresh), summary=summary)

    def stats(self, user: CurrentUser, ref: str, now: datetime | None = None) -> schemas.StatsOut:
        catalogue, cards, progress = self._open(user, ref)
        now = now or datetime.now(UTC)
        states = [(progress.get(c.key) or CardProgress()).state for c in cards]
        total, right = self.store.review_count(user.id, catalogue.target)
        return schemas.StatsOut(
            target=catalogue.target, total=len(cards), new=states.count("new"), learning=states.count("learning"),
            known=states.count("known"), reviews=total, right_share=round(right / total, 2) if total else None,
            due_now=sum(1 for c in cards if (p := progress.get(c.key)) is not None and p.due is not None and p.due <= now),
            known_words=[c.lemma for c, s in zip(cards, states, strict=True) if s == "known"])

    def known_lemmas(self, user_id: int, target: str) -> set[str]:
        return self.store.known_lemmas(user_id, target)

    # -- audio --------------------------------------------------------------------------------------
    def audio(self, user: CurrentUser, item_id: str, *, exercise: bool) -> Path:
        if exercise:
            _, card, item = self._item(user, item_id)
            if item.kind != "listen":
                raise NotFound("Tällä harjoituksella ei ole ääntä. (This exercise has no audio.)")
            return self.speaker.synthesize(item.audio_text)
        target, key = split_card_id(item_id)
        _, card, _ = self._find(user, target, key)
        return self.speaker.synthesize(card.lemma)


__all__ = ["EXERCISE_KINDS", "VocabularyService"]
