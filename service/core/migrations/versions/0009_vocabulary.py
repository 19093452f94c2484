"""vocabulary: cards and spaced-repetition reviews per learner

Revision ID: 0009_vocabulary
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_vocabulary"
down_revision = "0008_profile_sharing"
branch_labels = None
depends_on = None


def _user() -> sa.Column:
    return sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "vocabulary_states",
        sa.Column("id", sa.Integer, primary_key=True),
        _user(),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("card_key", sa.String(40), nullable=False),
        sa.Column("fsrs", sa.JSON, nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviews", sa.Integer, nullable=False, server_default="0"),
        sa.Column("source", sa.String(20), nullable=False, server_default="review"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "target", "card_key", name="uq_vocabulary_state"),
    )
    op.create_index("ix_vocabulary_states_user_id", "vocabulary_states", ["user_id"])
    op.create_index("ix_vocabulary_states_due", "vocabulary_states", ["due"])
    op.create_table(
        "vocabulary_reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        _user(),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("card_key", sa.String(40), nullable=False),
        sa.Column("lemma", sa.String(400), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("result", sa.String(20), nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_vocabulary_reviews_user_id", "vocabulary_reviews", ["user_id"])
    op.create_index("ix_vocabulary_reviews_reviewed_at", "vocabulary_reviews", ["reviewed_at"])
    op.create_table(
        "vocabulary_own_cards",
        sa.Column("id", sa.Integer, primary_key=True),
        _user(),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("lemma", sa.String(200), nullable=False),
        sa.Column("upos", sa.String(10), nullable=False, server_default="NOUN"),
        sa.Column("form", sa.String(200), nullable=False),
        sa.Column("sentence", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "target", "lemma", name="uq_vocabulary_own_card"),
    )
    op.create_index("ix_vocabulary_own_cards_user_id", "vocabulary_own_cards", ["user_id"])
    op.create_table(
        "vocabulary_synced",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("session_id", sa.String(36), primary_key=True),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("vocabulary_synced")
    op.drop_table("vocabulary_own_cards")
    op.drop_table("vocabulary_reviews")
    op.drop_table("vocabulary_states")
