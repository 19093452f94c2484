"""hardening: session versions, UI sessions, sign-in back-off, test-play grants, ids never reused

- `users.session_version`: bumped by revoke, password and role change; UI sessions of an older
  version are refused (service/core/ui_sessions.py).
- `ui_sessions`, `sign_in_failures`, `test_play_grants`: see service/core/security_models.py.
- ids of users and participants are never reused: on SQLite both tables are rebuilt with
  AUTOINCREMENT (SQLite otherwise hands the highest erased id to the next row, mixing two people's
  audit trails); PostgreSQL's SERIAL sequences never go back, so nothing changes there.

Revision ID: 0011_hardening
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_hardening"
down_revision = "0010_workplace"
branch_labels = None
depends_on = None

NEVER_REUSED = ("users", "participants")


def _never_reuse_ids_on_sqlite() -> None:
    """Rebuilds the tables with AUTOINCREMENT. SQLite cannot turn foreign keys off inside a
    transaction, and rebuilding `users` with them on would cascade-delete every row that points at
    it, so the rebuild commits what came before, switches them off, and checks them afterwards."""
    bind = op.get_bind()
    raw = bind.connection.dbapi_connection
    for table in NEVER_REUSED:
        sql = bind.execute(sa.text("SELECT sql FROM sqlite_master WHERE type='table' AND name=:t"), {"t": table}).scalar()
        if sql is None or "AUTOINCREMENT" in sql.upper():
            continue
        raw.commit()
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
                pass
            raw.commit()
            broken = raw.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"rebuilding {table} broke foreign keys: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "ui_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("session_version", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_at", sa.Float, nullable=False, server_default="0"),
        sa.Column("blocked_until", sa.Float, nullable=False, server_default="0"),
    )
    op.create_table(
        "test_play_grants",
        sa.Column("grant", sa.String(64), primary_key=True),
        sa.Column("scenario_id", sa.String(100), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        _never_reuse_ids_on_sqlite()


def downgrade() -> None:
    op.drop_table("test_play_grants")
    op.drop_table("sign_in_failures")
    op.drop_table("ui_sessions")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
