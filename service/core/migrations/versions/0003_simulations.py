"""conversation simulations: sessions and turns

Revision ID: 0003_simulations
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_simulations"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "simulation_sessions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("scenario_id", sa.String(100), nullable=False),
        sa.Column("task", sa.String(100), nullable=False, server_default=""),
        sa.Column("level", sa.String(4), nullable=False),
        sa.Column("partner", sa.String(40), nullable=False, server_default="scripted"),
        sa.Column("status", sa.String(20), nullable=False, server_default="active"),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("report", sa.JSON, nullable=True),
        sa.Column("turn_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "simulation_turns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.String(36), sa.ForeignKey("simulation_sessions.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False, server_default=""),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("session_id", "seq", name="uq_simulation_turn_seq"),
    )


def downgrade() -> None:
    op.drop_table("simulation_turns")
    op.drop_table("simulation_sessions")
