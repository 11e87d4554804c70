"""The sliding-window limiter: exact windows, Retry-After, bounded memory, Redis shared state."""

from __future__ import annotations

import os
import uuid

import pytest
import redis

from api.ratelimit import MemoryLimiter, RedisLimiter

REDIS_URL = os.environ.get("LUMO_TEST_REDIS", "redis://127.0.0.1:6379/15")


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_sliding_window_admits_exactly_n_per_window() -> None:
    clock = FakeClock()
    lim = MemoryLimiter(clock=clock)
    for _ in range(3):
        assert lim.hit("k", 3, 60).allowed
        clock.t += 10
    refused = lim.hit("k", 3, 60)
    assert not refused.allowed and refused.retry_after == 30  # the first hit leaves at t+60
    clock.t += 29
    assert not lim.hit("k", 3, 60).allowed  # refused hits are not recorded...
    clock.t += 1.5
    assert lim.hit("k", 3, 60).allowed  # ...so exactly one more fits once the first is out
    assert not lim.peek("k", 3, 60).allowed
    lim.reset("k")
    assert lim.peek("k", 3, 60).allowed and lim.peek("k", 3, 60).remaining == 2


def test_no_burst_at_a_window_boundary() -> None:
    """A fixed window would admit 2N around its edge; the sliding log admits N."""
    clock = FakeClock()
    lim = MemoryLimiter(clock=clock)
    clock.t = 59.0
    assert all(lim.hit("k", 5, 60).allowed for _ in range(5))
    clock.t = 61.0
    assert not lim.hit("k", 5, 60).allowed


def test_memory_stays_bounded_under_a_flood_of_keys() -> None:
    clock = FakeClock()
    lim = MemoryLimiter(clock=clock, max_keys=1000)
    for i in range(10_000):
        lim.hit(f"spray-{i}", 5, 60)
        clock.t += 0.001
    assert len(lim._logs) <= 1000


def test_a_released_event_no_longer_counts() -> None:
    clock = FakeClock()
    lim = MemoryLimiter(clock=clock)
    first, second = lim.hit("k", 2, 60), lim.hit("k", 2, 60)  # the same clock tick
    assert first.ticket and second.ticket and first.ticket != second.ticket
    assert not lim.peek("k", 2, 60).allowed
    lim.release("k", second.ticket)
    lim.release("k", second.ticket)  # twice, or an unknown ticket: nothing more goes
    lim.release("k", "not-a-ticket")
    assert lim.peek("k", 2, 60).remaining == 0 and lim.hit("k", 2, 60).allowed
    assert not lim.hit("k", 2, 60).allowed


@pytest.fixture
def redis_limiter() -> RedisLimiter:
    from tests.scale.test_celery_backend import ensure_redis

    ensure_redis()
    return RedisLimiter(REDIS_URL, prefix=f"lumo:test:{uuid.uuid4().hex}:")


def test_redis_limiter_is_shared_between_processes(redis_limiter: RedisLimiter) -> None:
    other = RedisLimiter(REDIS_URL, prefix=redis_limiter.prefix)  # a second API process
    assert redis_limiter.hit("k", 3, 60).allowed
    assert other.hit("k", 3, 60).allowed
    assert redis_limiter.hit("k", 3, 60).allowed
    refused = other.hit("k", 3, 60)
    assert not refused.allowed and 1 <= refused.retry_after <= 60
    assert not redis_limiter.peek("k", 3, 60).allowed
    other.reset("k")
    assert redis_limiter.hit("k", 3, 60).allowed


def test_redis_release_takes_back_one_event(redis_limiter: RedisLimiter) -> None:
    other = RedisLimiter(REDIS_URL, prefix=redis_limiter.prefix)
    kept, taken_back = redis_limiter.hit("k", 2, 60), other.hit("k", 2, 60)
    assert kept.ticket and taken_back.ticket
    assert not redis_limiter.peek("k", 2, 60).allowed
    other.release("k", taken_back.ticket)
    assert redis_limiter.hit("k", 2, 60).allowed
    assert not other.hit("k", 2, 60).allowed


def test_redis_outage_falls_back_to_a_per_process_limit() -> None:
    lim = RedisLimiter("redis://127.0.0.1:1/0")  # nothing listens there
    assert all(lim.hit("k", 2, 60).allowed for _ in range(2))
    assert not lim.hit("k", 2, 60).allowed


def test_redis_keys_expire(redis_limiter: RedisLimiter) -> None:
    redis_limiter.hit("short", 3, 5)
    ttl = redis.Redis.from_url(REDIS_URL).pttl(redis_limiter.prefix + "short")
    assert 0 < ttl <= 5000
