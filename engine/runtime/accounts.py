"""What the hot path needs of a LINE account, read at most every couple of seconds per process.

Every event and every step used to load the account (and decrypt its access token) again: two
ORM loads and a Fernet decryption per run, for data that changes a few times a year. A view is
kept per process for `ttl` seconds (`engine.ttl_cache`), like the trigger index, so an edited
token or time zone is used everywhere within that time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from engine.crypto import decrypt
from engine.storage.models import LineAccount
from engine.ttl_cache import TtlCache

_ACCOUNT = select(LineAccount.id, LineAccount.organisation_id, LineAccount.timezone,
                  LineAccount.access_token_enc).where(LineAccount.id == bindparam("account_id"))


@dataclass(frozen=True)
class AccountView:
    id: int
    organisation_id: int
    timezone: str
    # Decrypted once per view, not once per call; never printed (repr=False).
    access_token: str = field(repr=False)


class AccountCache:
    def __init__(self, ttl: float = 2.0):
        self._views: TtlCache[int, AccountView] = TtlCache(ttl)

    def get(self, session: Session, account_id: int) -> AccountView | None:
        return self._views.get(account_id, lambda: _load(session, account_id))


def _load(session: Session, account_id: int) -> AccountView | None:
    row = session.execute(_ACCOUNT, {"account_id": account_id}).first()
    if row is None:
        return None
    return AccountView(id=row.id, organisation_id=row.organisation_id, timezone=row.timezone,
                       access_token=decrypt(row.access_token_enc))
