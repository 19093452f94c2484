"""The audit log: who read, exported, changed or erased which person's data, and when.

Services call `services.audit.record(user, action, object_type, object_id)` whenever they hand out
or change a participant's data. Entries hold ids and names of users, never learner text, and they
outlive the objects they name (an erased participant's trail stays, as the law expects).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.errors import InvalidInput
from service.core.security_models import AuditEntry

ACTIONS = ("read", "list", "create", "update", "delete", "export", "erase", "evidence", "observation")


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    user_id: int | None
    user_name: str
    action: str
    object_type: str
    object_id: str

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "user_id": self.user_id,
            "user_name": self.user_name,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
        }


class AuditLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, user: CurrentUser | None, action: str, object_type: str, object_id: object) -> None:
        """Writes one entry, committed before this returns (the caller's response comes after it).
        `user` None means the system itself (e.g. the CLI run by an operator)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}; use one of {ACTIONS}")
        with self.db.session() as s:
            s.add(
                AuditEntry(
                    user_id=user.id if user else None,
                    user_name=user.name if user else "(system)",
                    action=action,
                    object_type=str(object_type)[:50],
                    object_id=str(object_id)[:100],
                )
            )

    def entries(
        self,
        object_type: str | None = None,
        object_id: object | None = None,
        user_id: int | None = None,
        limit: int = 100,
    ) -> list[AuditRecord]:
        """The newest entries first, filtered by object and/or user."""
        if not 1 <= limit <= 1000:
            raise InvalidInput("'limit' must be between 1 and 1000.")
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if object_type is not None:
            query = query.where(AuditEntry.object_type == object_type)
        if object_id is not None:
            query = query.where(AuditEntry.object_id == str(object_id))
        if user_id is not None:
            query = query.where(AuditEntry.user_id == user_id)
        with self.db.session() as s:
            return [
                AuditRecord(e.id, _aware(e.at), e.user_id, e.user_name, e.action, e.object_type, e.object_id)
                for e in s.scalars(query)
            ]


def _aware(dt: datetime) -> datetime:
    from datetime import UTC

    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)
