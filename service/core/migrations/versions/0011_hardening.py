"""hardening: session versions, ids never reused, test-play grants

Reserved slot in the one chain (filled by the issue that owns it; empty until then).

Revision ID: 0011_hardening
"""

revision = "0011_hardening"
down_revision = "0010_workplace"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
