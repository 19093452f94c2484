"""The learner's side in the database: FSRS scheduler state per learner and card, reviews, own
cards. A card is *new* until first reviewed (or made due by a simulation), *known* once it has been
answered right on two separate days, *learning* in between."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from fsrs import Card, Rating, Scheduler
from sqlalchemy import select

from finnish.vocabulary.model import Result
from service.core.db import Database
from service.vocabulary.models import VocabularyOwnCard, VocabularyReview, VocabularyState, VocabularySynced

RATINGS: dict[Result, Rating] = {"right": Rating.Good, "typo": Rating.Hard, "wrong_form": Rating.Again,
                                 "wrong_word": Rating.Again}
KNOWN_DAYS = 2


def aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


@dataclass
class CardProgress:
    due: datetime | None = None
    reviews: int = 0
    right_days: set[date] = field(default_factory=set)
    source: str = "review"

    @property
    def state(self) -> str:
        if len(self.right_days) >= KNOWN_DAYS:
            return "known"
        return "learning" if self.due is not None else "new"


@dataclass(frozen=True)
class OwnCardRow:
    id: int
    lemma: str
    upos: str
    form: str
    sentence: str


class VocabularyStore:
    def __init__(self, db: Database, scheduler: Scheduler | None = None) -> None:
        self.db = db
        # no fuzzing: the same answers on the same days give the same intervals (testable, explainable)
        self.scheduler = scheduler or Scheduler(enable_fuzzing=False)

    def progress(self, user_id: int, target: str, key: str | None = None) -> dict[str, CardProgress]:
        """The learner's progress on every card of the target (or on the one card `key`)."""
        out: dict[str, CardProgress] = defaultdict(CardProgress)
        states = select(VocabularyState).where(VocabularyState.user_id == user_id, VocabularyState.target == target)
        rights = select(VocabularyReview).where(VocabularyReview.user_id == user_id, VocabularyReview.target == target,
                                                VocabularyReview.result == "right")
        if key is not None:
            states = states.where(VocabularyState.card_key == key)
            rights = rights.where(VocabularyReview.card_key == key)
        with self.db.session() as s:
            for st in s.scalars(states):
                p = out[st.card_key]
                p.due, p.reviews, p.source = aware(st.due), st.reviews, st.source
            for rv in s.scalars(rights):
                out[rv.card_key].right_days.add(aware(rv.reviewed_at).date())
        return dict(out)

    def review(self, user_id: int, target: str, key: str, lemma: str, kind: str, result: Result,
               now: datetime | None = None) -> datetime:
        """Stores one review and moves the card on the FSRS schedule; returns its next due time."""
        now = now or datetime.now(UTC)
        rating = RATINGS[result]
        with self.db.session() as s:
            row = s.scalar(select(VocabularyState).where(VocabularyState.user_id == user_id,
                                                         VocabularyState.target == target,
                                                         VocabularyState.card_key == key))
            card = Card.from_dict(row.fsrs) if row is not None and row.fsrs else Card(due=now)  # type: ignore[arg-type]
            card, _log = self.scheduler.review_card(card, rating, now)
            if row is None:
                row = VocabularyState(user_id=user_id, target=target, card_key=key, created_at=now, reviews=0)
                s.add(row)
            row.fsrs, row.due, row.reviews, row.updated_at = dict(card.to_dict()), card.due, (row.reviews or 0) + 1, now
            s.add(VocabularyReview(user_id=user_id, target=target, card_key=key, lemma=lemma[:400], kind=kind,
                                   result=result, rating=int(rating), reviewed_at=now))
            return aware(card.due)

    def make_due(self, user_id: int, target: str, keys: list[str], now: datetime | None = None) -> int:
        """Cards a simulation showed the learner needs: due now (an already due or newer schedule stays)."""
        now = now or datetime.now(UTC)
        added = 0
        with self.db.session() as s:
            for key in dict.fromkeys(keys):
                row = s.scalar(select(VocabularyState).where(VocabularyState.user_id == user_id,
                                                             VocabularyState.target == target,
                                                             VocabularyState.card_key == key))
                if row is None:
                    s.add(VocabularyState(user_id=user_id, target=target, card_key=key, fsrs={}, due=now,
                                          reviews=0, source="simulation", created_at=now, updated_at=now))
                    added += 1
                elif aware(row.due) > now:
                    row.due, row.source, row.updated_at = now, "simulation", now
                    added += 1
        return added

    def reviews_today(self, user_id: int, target: str, now: datetime | None = None) -> list[tuple[str, str]]:
        """(card key, result) of today's reviews (UTC day)."""
        now = now or datetime.now(UTC)
        start = datetime(now.year, now.month, now.day, tzinfo=UTC)
        with self.db.session() as s:
            rows = s.execute(select(VocabularyReview.card_key, VocabularyReview.result).where(
                VocabularyReview.user_id == user_id, VocabularyReview.target == target,
                VocabularyReview.reviewed_at >= start))
            return [(k, r) for k, r in rows]

    def review_count(self, user_id: int, target: str) -> tuple[int, int]:
        with self.db.session() as s:
            results = list(s.scalars(select(VocabularyReview.result).where(
                VocabularyReview.user_id == user_id, VocabularyReview.target == target)))
        return len(results), sum(1 for r in results if r == "right")

    def known_lemmas(self, user_id: int, target: str) -> set[str]:
        """Lemmas answered right on two separate days (the readiness evidence of card practice)."""
        days: dict[str, set[date]] = defaultdict(set)
        with self.db.session() as s:
            for lemma, when in s.execute(select(VocabularyReview.lemma, VocabularyReview.reviewed_at).where(
                    VocabularyReview.user_id == user_id, VocabularyReview.target == target,
                    VocabularyReview.result == "right")):
                days[lemma.casefold()].add(aware(when).date())
        return {lemma for lemma, d in days.items() if len(d) >= KNOWN_DAYS}

    # -- own cards --------------------------------------------------------------------------------
    def own_cards(self, user_id: int, target: str) -> list[OwnCardRow]:
        with self.db.session() as s:
            rows = s.scalars(select(VocabularyOwnCard).where(VocabularyOwnCard.user_id == user_id,
                                                             VocabularyOwnCard.target == target)
                             .order_by(VocabularyOwnCard.id))
            return [OwnCardRow(r.id, r.lemma, r.upos, r.form, r.sentence) for r in rows]

    def add_own_card(self, user_id: int, target: str, lemma: str, upos: str, form: str, sentence: str) -> int | None:
        """Adds a learner's own card (None when they have one for this lemma already)."""
        with self.db.session() as s:
            exists = s.scalar(select(VocabularyOwnCard.id).where(VocabularyOwnCard.user_id == user_id,
                                                                 VocabularyOwnCard.target == target,
                                                                 VocabularyOwnCard.lemma == lemma))
            if exists is not None:
                return None
            row = VocabularyOwnCard(user_id=user_id, target=target, lemma=lemma[:200], upos=upos[:10],
                                    form=form[:200], sentence=sentence[:1000])
            s.add(row)
            s.flush()
            return row.id

    def synced_sessions(self, user_id: int) -> set[str]:
        with self.db.session() as s:
            return set(s.scalars(select(VocabularySynced.session_id).where(VocabularySynced.user_id == user_id)))

    def mark_synced(self, user_id: int, session_id: str) -> None:
        with self.db.session() as s:
            if s.get(VocabularySynced, (user_id, session_id[:36])) is None:
                s.add(VocabularySynced(user_id=user_id, session_id=session_id[:36]))
