"""profiles: owners, sharing, scenarios bound to profile versions

Reserved slot in the one chain (filled by the issue that owns it; empty until then).

Revision ID: 0008_profile_sharing
"""

revision = "0008_profile_sharing"
down_revision = "0007_one_chain"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
