"""participants: when the teacher assessment was given (its place among the evidence in time)

Revision ID: 0005b_participant_teacher_time
"""

import sqlalchemy as sa
from alembic import op

revision = "0005b_participant_teacher_time"
down_revision = "0005_participants"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("teacher_assessed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("teacher_assessed_at")
