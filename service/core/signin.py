"""UI sign-in back-off, per account and per address, counted in the database (every worker shares it).

Wrong passwords are counted under three hashed keys: the (address, account) pair, the account from
anywhere, and the address for any account. Each key may fail `limit` times (`limit` =
`sign_in_attempts_per_minute`; the account 3×, the address 10× that) before it must wait, and every
further failure doubles the wait (from 30 s up to an hour). A right password clears the pair and the
account and marks the pair as known: a known (address, account) is not held back by the address's
own back-off, so one person failing behind a NAT does not lock out everyone else behind it. Quiet
keys are forgotten after a day.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from sqlalchemy import delete, select

from service.core.db import Database
from service.core.security_models import SignInFailure

FIRST_WAIT_S = 30.0
LONGEST_WAIT_S = 3600.0
FORGET_AFTER_S = 24 * 3600.0
KNOWN_FOR_S = 30 * 24 * 3600.0
ACCOUNT_FACTOR = 3
ADDRESS_FACTOR = 10


def _key(kind: str, *parts: str) -> str:
    return hashlib.sha256("\x00".join((kind, *parts)).encode("utf-8", "replace")).hexdigest()


class SignInGuard:
    def __init__(self, db: Database, limit: int, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.limit = limit
        self.clock = clock

    def _keys(self, account: str, address: str) -> list[tuple[str, int]]:
        account = account.strip().casefold()
        return [(_key("pair", address, account), self.limit),
                (_key("account", account), self.limit * ACCOUNT_FACTOR),
                (_key("address", address), self.limit * ADDRESS_FACTOR)]

    def wait(self, account: str, address: str) -> int | None:
        """Seconds this attempt must wait, or None when it may be tried now."""
        if self.limit <= 0:
            return None
        now = self.clock()
        keys = self._keys(account, address)
        known = _key("known", address, account.strip().casefold())
        with self.db.session() as s:
            rows = {r.key: r for r in s.scalars(select(SignInFailure).where(
                SignInFailure.key.in_([k for k, _ in keys] + [known])))}
        longest = 0.0
        for i, (key, _) in enumerate(keys):
            row = rows.get(key)
            if row is None or row.blocked_until <= now:
                continue
            if i == 2 and known in rows and now - rows[known].last_at < KNOWN_FOR_S:
                continue  # the address is held back, but this account signed in from it before
            longest = max(longest, row.blocked_until - now)
        return max(1, int(longest + 0.999)) if longest > 0 else None

    def failed(self, account: str, address: str) -> None:
        if self.limit <= 0:
            return
        now = self.clock()
        with self.db.session() as s:
            for key, allowed in self._keys(account, address):
                row = s.get(SignInFailure, key)
                if row is None:
                    row = SignInFailure(key=key, failures=0, last_at=now, blocked_until=0.0)
                    s.add(row)
                elif now - row.last_at > FORGET_AFTER_S:
                    row.failures, row.blocked_until = 0, 0.0
                row.failures += 1
                row.last_at = now
                if row.failures >= allowed:
                    row.blocked_until = now + min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** (row.failures - allowed))
            s.execute(delete(SignInFailure).where(SignInFailure.last_at < now - FORGET_AFTER_S,
                                                  SignInFailure.blocked_until < now))

    def succeeded(self, account: str, address: str) -> None:
        now = self.clock()
        pair, account_key, _ = self._keys(account, address)
        known = _key("known", address, account.strip().casefold())
        with self.db.session() as s:
            s.execute(delete(SignInFailure).where(SignInFailure.key.in_([pair[0], account_key[0], known])))
            s.add(SignInFailure(key=known, failures=0, last_at=now, blocked_until=0.0))
