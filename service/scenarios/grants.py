"""Test-play grants: a teacher test-plays a draft under an id that holds a random grant the server
issued to them (stored hashed, bound to the draft version and the teacher, expiring). Nothing about
it can be computed from a secret, so a forged or guessed id names no draft and answers 404, exactly
like an id that never existed."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from service.core.db import Database
from service.core.security_models import TestPlayGrant

GRANT_HOURS = 24  # a test-play session started under the grant keeps working for a day
PLAY_ID = re.compile(r"^(?P<id>[a-z0-9\-]+?)--draft-(?P<grant>[0-9a-f]{32})$")


@dataclass(frozen=True)
class Grant:
    scenario_id: str
    version: int
    user_id: int


def _hash(grant: str) -> str:
    return hashlib.sha256(grant.encode("ascii")).hexdigest()


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


class TestPlayGrants:
    def __init__(self, db: Database, hours: int = GRANT_HOURS) -> None:
        self.db = db
        self.lifetime = timedelta(hours=hours)

    def issue(self, user_id: int, scenario_id: str, version: int) -> str:
        """A new play id for this user and draft version."""
        grant = secrets.token_hex(16)
        now = datetime.now(UTC)
        with self.db.session() as s:
            s.execute(delete(TestPlayGrant).where(TestPlayGrant.expires_at < now))
            s.add(TestPlayGrant(grant=_hash(grant), scenario_id=scenario_id, version=version, user_id=user_id,
                                expires_at=now + self.lifetime))
        return f"{scenario_id}--draft-{grant}"

    def find(self, play_id: str) -> Grant | None:
        """The live grant behind a play id; None for anything else (forged, expired, unknown)."""
        found = PLAY_ID.match(play_id)
        if found is None:
            return None
        with self.db.session() as s:
            row = s.scalar(select(TestPlayGrant).where(TestPlayGrant.grant == _hash(found["grant"])))
            if row is None or row.scenario_id != found["id"] or _aware(row.expires_at) <= datetime.now(UTC):
                return None
            return Grant(row.scenario_id, row.version, row.user_id)

    @staticmethod
    def looks_like(play_id: str) -> bool:
        return "--draft-" in play_id
