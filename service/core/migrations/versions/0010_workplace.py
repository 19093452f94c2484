"""workplace: mentors with consent, observations, intake, portfolio links

Revision ID: 0010_workplace
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_workplace"
down_revision = "0009_vocabulary"
branch_labels = None
depends_on = None


def _participant() -> sa.Column:
    return sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="CASCADE"),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        "mentor_consents",
        sa.Column("id", sa.Integer, primary_key=True),
        _participant(),
        sa.Column("mentor_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("granted_by", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_mentor_consents_participant_id", "mentor_consents", ["participant_id"])
    op.create_index("ix_mentor_consents_mentor_id", "mentor_consents", ["mentor_id"])
    op.create_table(
        "workplace_observations",
        sa.Column("id", sa.Integer, primary_key=True),
        _participant(),
        sa.Column("mentor_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("situation", sa.String(100), nullable=False),
        sa.Column("result", sa.String(20), nullable=False),
        sa.Column("note", sa.String(500), nullable=False, server_default=""),
        sa.Column("observed_on", sa.Date, nullable=False),
        sa.Column("evidence_id", sa.Integer, sa.ForeignKey("participant_evidence.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_workplace_observations_participant_id", "workplace_observations", ["participant_id"])
    op.create_table(
        "participant_intakes",
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("updated_by", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "portfolio_links",
        sa.Column("id", sa.Integer, primary_key=True),
        _participant(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("include", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_portfolio_links_participant_id", "portfolio_links", ["participant_id"])


def downgrade() -> None:
    op.drop_table("portfolio_links")
    op.drop_table("participant_intakes")
    op.drop_table("workplace_observations")
    op.drop_table("mentor_consents")
