"""Privacy: a participant's data exported (JSON) or erased, and logs kept free of learner text.

What belongs to a participant is found from the database itself: the participant row, their own
user account when one is linked, and every row that the database would delete with them — rows
reached through foreign keys declared ON DELETE CASCADE (coaches, evidence, practice sessions,
turns, and whatever tables features add later the same way). Export shows exactly what erase
removes. Secrets (token and password hashes) are never exported. Both are recorded in the audit
log, which keeps only ids (its entries about the erased participant stay, as the law expects).
"""

from __future__ import annotations

import base64
import logging
from datetime import UTC, date, datetime
from typing import Any, TypedDict

from sqlalchemy import MetaData, Table, delete, inspect, select

from service.core.audit import AuditLog
from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.errors import Forbidden, NotFound

SECRET_COLUMNS = {"password_hash", "token_hash"}
NOT_PERSONAL = {"audit_log", "rate_limit_hits", "alembic_version"}
Row = dict[str, object]  # one row of any table: column name → its value


class Export(TypedDict):
    participant_id: int
    exported_at: str
    tables: dict[str, list[Row]]  # table → its rows about the participant (dates ISO, bytes base64)


class Erasure(TypedDict):
    participant_id: int
    erased: dict[str, int]  # table → how many rows went


class PrivacyService:
    def __init__(self, db: Database, audit: AuditLog) -> None:
        self.db = db
        self.audit = audit

    def export(self, user: CurrentUser | None, participant_id: int) -> Export:
        """Everything stored about the participant, table by table. `user` None is the operator
        at the command line; otherwise only an admin or the participant themself."""
        with self.db.engine.connect() as conn:
            tables = self._tables(conn)
            root_user = self._authorise(conn, tables, user, participant_id)
            rows = self._collect(conn, tables, participant_id, root_user)
        self.audit.record(user, "export", "participant", participant_id)
        return {
            "participant_id": participant_id,
            "exported_at": datetime.now(UTC).isoformat(),
            "tables": {name: [_jsonable(r) for r in found] for name, found in rows.items() if found},
        }

    def erase(self, user: CurrentUser | None, participant_id: int) -> Erasure:
        """Deletes the participant, their user account and everything that cascades from them;
        returns how many rows of each table went. One transaction: all or nothing."""
        with self.db.engine.begin() as conn:
            tables = self._tables(conn)
            root_user = self._authorise(conn, tables, user, participant_id)
            rows = self._collect(conn, tables, participant_id, root_user)
            participants = tables["participants"]
            conn.execute(delete(participants).where(participants.c.id == participant_id))
            if root_user is not None:
                users = tables["users"]
                conn.execute(delete(users).where(users.c.id == root_user))
            # The database cascades; check that it did (SQLite needs foreign_keys=ON for that).
            left = self._collect(conn, tables, participant_id, root_user, keys_only=True)
            if any(left.values()):
                raise RuntimeError(f"erase left rows behind: {[t for t, r in left.items() if r]}")
        self.db.checkpoint()  # with secure_delete on, the erased rows are now overwritten in the file and the WAL
        self.audit.record(user, "erase", "participant", participant_id)
        return {"participant_id": participant_id, "erased": {name: len(found) for name, found in rows.items() if found}}

    # ---- helpers ------------------------------------------------------------------------------
    def _tables(self, conn: Any) -> dict[str, Table]:
        meta = MetaData()
        meta.reflect(bind=conn)
        return dict(meta.tables)

    def _authorise(self, conn: Any, tables: dict[str, Table], user: CurrentUser | None, participant_id: int) -> int | None:
        participants = tables.get("participants")
        row = None if participants is None else conn.execute(
            select(participants).where(participants.c.id == participant_id)
        ).mappings().first()
        own = row is not None and user is not None and user.role == "participant" and row["user_id"] == user.id
        if row is None or (user is not None and user.role == "participant" and not own):
            raise NotFound(f"No participant {participant_id} that you can see.")
        if user is not None and not (user.is_admin or own):
            raise Forbidden("Only an admin or the participant themself can export or erase a participant's data.")
        return row["user_id"]  # type: ignore[no-any-return]

    def _collect(
        self, conn: Any, tables: dict[str, Table], participant_id: int, user_id: int | None, *, keys_only: bool = False
    ) -> dict[str, list[Row]]:
        """Rows of the roots and of every table reached from them through ON DELETE CASCADE."""
        found: dict[str, list[Row]] = {}
        roots: list[tuple[str, str, list[object]]] = [("participants", "id", [participant_id])]
        if user_id is not None:
            roots.append(("users", "id", [user_id]))
        queue = list(roots)
        seen: set[tuple[str, str, Any]] = set()
        cascades = _cascades(conn, tables)
        while queue:
            name, column, values = queue.pop(0)
            table = tables.get(name)
            if table is None or not values or name in NOT_PERSONAL:
                continue
            rows: list[Row] = [dict(r) for r in conn.execute(select(table).where(table.c[column].in_(values))).mappings()]
            fresh = []
            for r in rows:
                key = (name, str(_pk(table, r)), None)
                if key not in seen:
                    seen.add(key)
                    fresh.append(r)
            if not fresh:
                continue
            found.setdefault(name, []).extend(
                [{k: v for k, v in r.items() if k not in SECRET_COLUMNS} for r in fresh] if not keys_only else fresh
            )
            for child, child_col, parent_col in cascades.get(name, []):
                queue.append((child, child_col, [r[parent_col] for r in fresh]))
        return found


def _cascades(conn: Any, tables: dict[str, Table]) -> dict[str, list[tuple[str, str, str]]]:
    """parent table → [(child table, child column, parent column)] for ON DELETE CASCADE keys."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    insp = inspect(conn)
    for name in tables:
        for fk in insp.get_foreign_keys(name):
            if (fk.get("options") or {}).get("ondelete", "").upper() != "CASCADE":
                continue
            if len(fk["constrained_columns"]) == 1:
                out.setdefault(fk["referred_table"], []).append(
                    (name, fk["constrained_columns"][0], fk["referred_columns"][0])
                )
    return out


def _pk(table: Table, row: Row) -> tuple[object, ...]:
    cols = [c.name for c in table.primary_key.columns] or list(row)
    return tuple(row.get(c) for c in cols)


def _jsonable(row: Row) -> Row:
    out: Row = {}
    for k, v in row.items():
        if isinstance(v, datetime | date):
            v = v.isoformat()
        elif isinstance(v, bytes | bytearray | memoryview):
            v = base64.b64encode(bytes(v)).decode("ascii")
        out[k] = v
    return out


class RedactQueryStrings(logging.Filter):
    """uvicorn's access log prints the full path with its query string, and a query can hold
    learner text (`/api/v1/search?q=…`). This keeps the path and drops the query."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True


def install_log_redaction() -> None:
    """Adds the filter to uvicorn's access logger (called by `tyokieli serve` and tyokieli.asgi)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactQueryStrings) for f in access.filters):
        access.addFilter(RedactQueryStrings())
