"""The engine's clock. Tests and the time-skipping harness replace it; code asks `now()`."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime, timedelta

_lock = threading.Lock()
# LUMO_CLOCK_OFFSET_SECONDS lets a restarted process keep a skipped-ahead time in tests.
_offset = timedelta(seconds=float(os.environ.get("LUMO_CLOCK_OFFSET_SECONDS", "0") or 0))


def now() -> datetime:
    return datetime.now(UTC) + _offset


def advance(seconds: float) -> datetime:
    """Move the clock forward (time-skipping for tests and demos)."""
    global _offset
    with _lock:
        _offset += timedelta(seconds=seconds)
    return now()


def reset() -> None:
    global _offset
    with _lock:
        _offset = timedelta(0)


def offset_seconds() -> float:
    return _offset.total_seconds()
