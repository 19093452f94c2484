"""vocabulary: cards and spaced-repetition reviews per learner

Reserved slot in the one chain (filled by the issue that owns it; empty until then).

Revision ID: 0009_vocabulary
"""

revision = "0009_vocabulary"
down_revision = "0008_profile_sharing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
