"""Which database errors are passing (the database restarting, a dropped connection)."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError


def is_transient_db_error(exc: BaseException) -> bool:
    """A connection-level failure worth waiting out, as opposed to a statement that can
    never succeed (bad data, a constraint)."""
    return isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DBAPIError) and bool(exc.connection_invalidated))
