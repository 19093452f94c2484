"""participants, their coaches and evidence

Revision ID: 0005_participants
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_participants"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=True),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("languages", sa.JSON, nullable=False),
        sa.Column("target_tasks", sa.JSON, nullable=False),
        sa.Column("work_trial_place", sa.String(300), nullable=False, server_default=""),
        sa.Column("work_trial_tasks", sa.JSON, nullable=False),
        sa.Column("self_assessment", sa.JSON, nullable=False),
        sa.Column("teacher_assessment", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_participants_user_id", "participants", ["user_id"], unique=True)
    op.create_table(
        "participant_coaches",
        sa.Column(
            "participant_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_participant_coaches_user_id", "participant_coaches", ["user_id"])
    op.create_table(
        "participant_evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "participant_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source", sa.String(100), nullable=False, server_default=""),
        sa.Column("task", sa.String(200), nullable=False, server_default=""),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("weight", sa.Integer, nullable=False, server_default="1"),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_participant_evidence_participant_id", "participant_evidence", ["participant_id"])
    op.create_index("ix_participant_evidence_recorded_at", "participant_evidence", ["recorded_at"])


def downgrade() -> None:
    op.drop_table("participant_evidence")
    op.drop_table("participant_coaches")
    op.drop_table("participants")
