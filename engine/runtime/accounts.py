"""What the hot path needs of a LINE account, read at most every couple of seconds per process.

Every event and every step used to load the account (and decrypt its access token) again: two
ORM loads and a Fernet decryption per run, for data that changes a few times a year. A view is
kept per process for `ttl` seconds, like the trigger index, so an edited token or time zone is
used everywhere within that time.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from engine.crypto import decrypt
from engine.storage.models import LineAccount

_ACCOUNT = select(LineAccount.id, LineAccount.organisation_id, LineAccount.timezone,
                  LineAccount.access_token_enc).where(LineAccount.id == bindparam("account_id"))


@dataclass(frozen=True)
class AccountView:
    id: int
    organisation_id: int
    timezone: str
    access_token_enc: str
    # Decrypted once per view, not once per call; never printed (repr=False).
    access_token: str = field(repr=False)


class AccountCache:
    def __init__(self, ttl: float = 2.0):
        self.ttl = ttl
        self._views: dict[int, tuple[float, AccountView]] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, account_id: int) -> AccountView | None:
        now = time.monotonic()
        with self._lock:
            hit = self._views.get(account_id)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        row = session.execute(_ACCOUNT, {"account_id": account_id}).first()
        if row is None:
            with self._lock:
                self._views.pop(account_id, None)
            return None
        view = AccountView(id=row.id, organisation_id=row.organisation_id,
                           timezone=row.timezone, access_token_enc=row.access_token_enc,
                           access_token=decrypt(row.access_token_enc))
        with self._lock:
            self._views[account_id] = (now, view)
        return view

    def invalidate(self, account_id: int | None = None) -> None:
        with self._lock:
            if account_id is None:
                self._views.clear()
            else:
                self._views.pop(account_id, None)
