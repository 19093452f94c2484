"""one chain: merges the five feature heads that all branched from 0001

Every migration after this one has exactly one parent, so `alembic upgrade head` has one target.
A database made by any earlier release (at the five old heads) upgrades through this merge.

Revision ID: 0007_one_chain
"""

revision = "0007_one_chain"
down_revision = ("0002_profiles", "0003_simulations", "0004_authored_scenarios", "0005b_participant_teacher_time",
                 "0006_security")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
