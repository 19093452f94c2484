"""profiles: owners, sharing, scenarios bound to profile versions

A profile belongs to its author (`profiles.created_by`); `profile_shares` lets the owner share it
with named teachers (`user_id`) or with every teacher of the instance (`user_id` NULL), to read or to
read and edit. Scenarios bound to a profile name it as their task (`profile:<id>`) and carry the
profile version in their data, so they need no column of their own.

Revision ID: 0008_profile_sharing
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_profile_sharing"
down_revision = "0007_one_chain"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile_shares",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=True),
        sa.Column("can_edit", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("shared_by", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("profile_id", "user_id", name="uq_profile_share_user"),
    )
    op.create_index("ix_profile_shares_profile_id", "profile_shares", ["profile_id"])
    op.create_index("ix_profile_shares_user_id", "profile_shares", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_profile_shares_user_id", table_name="profile_shares")
    op.drop_index("ix_profile_shares_profile_id", table_name="profile_shares")
    op.drop_table("profile_shares")
