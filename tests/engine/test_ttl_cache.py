"""The per-process cache of account secrets: fresh values are reused, stale or missing ones
are loaded again (an edited token is picked up, a just-created account is found at once)."""

from __future__ import annotations

import time

from engine.ttl_cache import TtlCache


def test_values_are_reused_until_they_are_stale() -> None:
    loads: list[str] = []
    cache: TtlCache[int, str] = TtlCache(ttl=0.2)

    def load(value: str) -> str:
        loads.append(value)
        return value

    assert cache.get(1, lambda: load("old")) == "old"
    assert cache.get(1, lambda: load("new")) == "old"  # fresh: not loaded again
    assert cache.peek(1) == "old"
    time.sleep(0.25)
    assert cache.peek(1) is None  # peek never loads
    assert cache.get(1, lambda: load("new")) == "new"
    assert loads == ["old", "new"]


def test_a_missing_value_is_not_kept() -> None:
    cache: TtlCache[str, int] = TtlCache(ttl=60)
    assert cache.get("channel", lambda: None) is None
    assert cache.get("channel", lambda: 7) == 7  # created meanwhile: found at once
