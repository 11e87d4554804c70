"""Values kept per process for a few seconds: what the hot paths read of rarely-changed rows.

A LINE account's decrypted secrets are read on every webhook and every step; they change a few
times a year, so each process keeps them `ttl` seconds and an edit is seen everywhere within
that time. A missing value (the loader returns None) is not kept: a new account is found at
once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TtlCache(Generic[K, V]):
    def __init__(self, ttl: float):
        self.ttl = ttl
        self._items: dict[K, tuple[float, V]] = {}
        self._lock = threading.Lock()

    def peek(self, key: K) -> V | None:
        """The kept value if still fresh; never loads (callable where blocking is not allowed)."""
        with self._lock:
            hit = self._items.get(key)
        if hit is not None and time.monotonic() - hit[0] < self.ttl:
            return hit[1]
        return None

    def get(self, key: K, load: Callable[[], V | None]) -> V | None:
        if (value := self.peek(key)) is not None:
            return value
        now = time.monotonic()
        value = load()
        with self._lock:
            if value is None:
                self._items.pop(key, None)
            else:
                self._items[key] = (now, value)
        return value
