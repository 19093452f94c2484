"""Tables of vocabulary practice: the scheduler state of each learner's card, every review, the
learner's own cards (words they got wrong in a simulation) and which simulations were read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.core.models import Base, utcnow


class VocabularyState(Base):
    __tablename__ = "vocabulary_states"
    __table_args__ = (UniqueConstraint("user_id", "target", "card_key", name="uq_vocabulary_state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(String(200))
    card_key: Mapped[str] = mapped_column(String(40))
    fsrs: Mapped[dict] = mapped_column(JSON)  # fsrs.Card.to_dict(); an empty dict for a card not yet reviewed
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(20), default="review")  # review | simulation
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class VocabularyReview(Base):
    __tablename__ = "vocabulary_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(String(200))
    card_key: Mapped[str] = mapped_column(String(40))
    lemma: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(20))
    result: Mapped[str] = mapped_column(String(20))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class VocabularyOwnCard(Base):
    """A word a learner got wrong in a simulation that is not a key term of the task: their own card.
    `sentence` is the learner's sentence with the correction in place (visible to them only)."""

    __tablename__ = "vocabulary_own_cards"
    __table_args__ = (UniqueConstraint("user_id", "target", "lemma", name="uq_vocabulary_own_card"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(String(200))
    lemma: Mapped[str] = mapped_column(String(200))
    upos: Mapped[str] = mapped_column(String(10), default="NOUN")
    form: Mapped[str] = mapped_column(String(200))
    sentence: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class VocabularySynced(Base):
    """A finished simulation whose mistakes and unused key terms were turned into due cards."""

    __tablename__ = "vocabulary_synced"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    session_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    synced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
