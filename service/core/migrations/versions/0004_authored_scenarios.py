"""scenarios authored by teachers (versioned drafts and published versions)

Revision ID: 0004_authored_scenarios
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_authored_scenarios"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "authored_scenarios",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scenario_id", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="draft"),
        sa.Column("task", sa.String(100), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("scenario_id", "version", name="uq_authored_scenario_version"),
    )
    op.create_index("ix_authored_scenarios_scenario_id", "authored_scenarios", ["scenario_id"])
    op.create_index("ix_authored_scenarios_task", "authored_scenarios", ["task"])


def downgrade() -> None:
    op.drop_index("ix_authored_scenarios_task", table_name="authored_scenarios")
    op.drop_index("ix_authored_scenarios_scenario_id", table_name="authored_scenarios")
    op.drop_table("authored_scenarios")
