"""workplace: mentors with consent, observations, intake, portfolio links

Reserved slot in the one chain (filled by the issue that owns it; empty until then).

Revision ID: 0010_workplace
"""

revision = "0010_workplace"
down_revision = "0009_vocabulary"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
