"""Sliding-window rate limits: login throttling and per-organisation agent quotas.

A limit is "at most `limit` events per `window` seconds", checked against a sliding log of the
admitted events' times (exact, no fixed-window bursts at the boundary). Two stores behind one
interface:
- `MemoryLimiter`: in-process (the embedded default, one `lumo serve`);
- `RedisLimiter`: shared by every API process (LUMO_BACKEND=celery), one sorted set per key
  updated atomically by a Lua script. If Redis is unreachable it falls back to the in-process
  store for that call, so a Redis outage weakens the limit to per-process instead of
  locking everyone out or letting everything through.

Limits come from the environment (LUMO_LOGIN_MAX_FAILURES, LUMO_LOGIN_WINDOW_SECONDS,
LUMO_LOGIN_MAX_FAILURES_PER_IP, LUMO_AGENT_MESSAGES_PER_MINUTE); tests set
`app.state.rate_limits` directly.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Any, Protocol

from fastapi import HTTPException, Request
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger("lumo.ratelimit")


class RateLimits(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LUMO_", extra="ignore")

    # Sign-in attempts per (email, client address) (a success clears them), and failed
    # sign-ins per client address over all emails.
    login_max_failures: int = 5
    login_max_failures_per_ip: int = 50
    login_window_seconds: float = 15 * 60
    # Marketing Agent messages per organisation per minute (each may cost a model call).
    agent_messages_per_minute: int = 30


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after: int  # whole seconds until one more event fits (0 when allowed)
    # Names the event a `hit` recorded, so it can be taken back (`release`).
    ticket: str | None = None


class Limiter(Protocol):
    def hit(self, key: str, limit: int, window: float) -> Decision:
        """Admit and record one event if it fits; refused events are not recorded."""

    def peek(self, key: str, limit: int, window: float) -> Decision:
        """Would one more event fit? Records nothing."""

    def release(self, key: str, ticket: str) -> None:
        """Take back one event `hit` recorded (it turned out not to count)."""

    def reset(self, key: str) -> None: ...


class MemoryLimiter:
    """Sliding log per key in this process. Memory: at most `limit` timestamps per live key."""

    def __init__(self, clock: Any = time.monotonic, max_keys: int = 100_000):
        self.clock = clock
        self.max_keys = max_keys
        self._logs: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _trimmed(self, key: str, window: float, now: float) -> deque[float]:
        entries = self._logs.get(key)
        if entries is None:
            if len(self._logs) >= self.max_keys:
                self._evict(now, window)
            entries = self._logs[key] = deque()
        while entries and entries[0] <= now - window:
            entries.popleft()
        return entries

    def _evict(self, now: float, window: float) -> None:
        # Drop keys whose newest event is out of the window (a flood of one-off keys, e.g.
        # random e-mail addresses, must not grow memory without bound).
        for key in [k for k, v in self._logs.items() if not v or v[-1] <= now - window]:
            del self._logs[key]
        if len(self._logs) >= self.max_keys:  # still full: forget the oldest tenth
            for key in list(self._logs)[: self.max_keys // 10]:
                del self._logs[key]

    def _decide(self, entries: deque[float], limit: int, window: float, now: float,
                record: bool) -> Decision:
        if len(entries) >= limit:
            oldest = entries[len(entries) - limit]
            return Decision(False, 0, max(1, math.ceil(oldest + window - now)))
        ticket = None
        if record:
            # A unique time per event (the next float up when two share a clock tick), so the
            # time is the ticket.
            stamp = max(now, math.nextafter(entries[-1], math.inf)) if entries else now
            entries.append(stamp)
            ticket = repr(stamp)
        return Decision(True, limit - len(entries) - (0 if record else 1), 0, ticket)

    def hit(self, key: str, limit: int, window: float) -> Decision:
        with self._lock:
            now = self.clock()
            return self._decide(self._trimmed(key, window, now), limit, window, now, True)

    def peek(self, key: str, limit: int, window: float) -> Decision:
        with self._lock:
            now = self.clock()
            return self._decide(self._trimmed(key, window, now), limit, window, now, False)

    def release(self, key: str, ticket: str) -> None:
        with self._lock:
            entries = self._logs.get(key)
            if entries is not None:
                with contextlib.suppress(ValueError):  # not one of ours, or already gone
                    entries.remove(float(ticket))

    def reset(self, key: str) -> None:
        with self._lock:
            self._logs.pop(key, None)


# KEYS[1] = the key; ARGV = now (ms), window (ms), limit, record (0/1), member.
# Returns {allowed, count, oldest-in-window (ms) or -1}.
_LUA = """
local key, now, window, limit, record = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]),
  tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local edge = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
  return {0, count, tonumber(edge[2])}
end
if record == 1 then
  redis.call('ZADD', key, now, ARGV[5])
  redis.call('PEXPIRE', key, window)
  count = count + 1
end
return {1, count, -1}
"""


class RedisLimiter:
    """The same sliding log in Redis, shared by all API processes."""

    def __init__(self, url: str, prefix: str = "lumo:rl:"):
        import redis

        self.redis = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        self.prefix = prefix
        self.script = self.redis.register_script(_LUA)
        self.fallback = MemoryLimiter()

    def _call(self, key: str, limit: int, window: float, record: bool) -> Decision:
        import redis

        now_ms = int(time.time() * 1000)
        window_ms = int(window * 1000)
        member = f"{now_ms}-{uuid.uuid4().hex[:8]}"
        try:
            allowed, count, edge = self.script(
                keys=[self.prefix + key],
                args=[now_ms, window_ms, limit, int(record), member])
        except redis.RedisError as exc:
            log.warning("rate limit store unavailable, limiting per process: %s",
                        type(exc).__name__)
            fallback = self.fallback.hit if record else self.fallback.peek
            return fallback(key, limit, window)
        if allowed:
            return Decision(True, max(0, limit - int(count) - (0 if record else 1)), 0,
                            member if record else None)
        return Decision(False, 0, max(1, math.ceil((int(edge) + window_ms - now_ms) / 1000)))

    def hit(self, key: str, limit: int, window: float) -> Decision:
        return self._call(key, limit, window, True)

    def peek(self, key: str, limit: int, window: float) -> Decision:
        return self._call(key, limit, window, False)

    def release(self, key: str, ticket: str) -> None:
        import redis

        # (A ticket the in-process fallback gave is released there; the other call no-ops.)
        with contextlib.suppress(redis.RedisError):
            self.redis.zrem(self.prefix + key, ticket)
        self.fallback.release(key, ticket)

    def reset(self, key: str) -> None:
        import redis

        with contextlib.suppress(redis.RedisError):
            self.redis.delete(self.prefix + key)
        self.fallback.reset(key)


_build_lock = threading.Lock()


def limiter_for(state: Any) -> Limiter:
    """The app's limiter (app.state.rate_limiter), made on first use from its settings."""
    limiter = getattr(state, "rate_limiter", None)
    if limiter is None:
        with _build_lock:
            limiter = getattr(state, "rate_limiter", None)
            if limiter is None:
                settings = state.settings
                limiter = (RedisLimiter(settings.redis_url) if settings.backend == "celery"
                           else MemoryLimiter())
                state.rate_limiter = limiter
    return limiter


def limits_for(state: Any) -> RateLimits:
    limits = getattr(state, "rate_limits", None)
    if limits is None:
        limits = state.rate_limits = RateLimits()
    return limits


def too_many(decision: Decision, message: str) -> HTTPException:
    return HTTPException(429, {"code": "rate_limited", "message": message,
                               "retry_after": decision.retry_after},
                         headers={"Retry-After": str(decision.retry_after)})


def _digest(*parts: str) -> str:
    # Keys never hold an e-mail address in clear (they may sit in Redis).
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


class LoginThrottle:
    """N sign-in attempts per (email, address) — and N' failures per address — per window.

    Both counts are taken *before* the password is checked: counting only finished failures
    would let parallel guesses all pass while the slow password hash runs. A success takes its
    attempt back from the per-address count and clears the per-(email, address) one, so only
    failures accumulate.
    """

    def __init__(self, request: Request):
        self.limiter = limiter_for(request.app.state)
        self.limits = limits_for(request.app.state)
        self.address = client_address(request)
        self._address_ticket: str | None = None

    def _account_key(self, email: str) -> str:
        return "login:" + _digest(email.strip().lower(), self.address)

    def _address_key(self) -> str:
        return "login-ip:" + _digest(self.address)

    def check(self, email: str) -> None:
        """Admit one attempt or raise 429; the admitted attempt is already counted."""
        window = self.limits.login_window_seconds
        decision = self.limiter.hit(self._address_key(), self.limits.login_max_failures_per_ip,
                                    window)
        if decision.allowed:
            self._address_ticket = decision.ticket
            decision = self.limiter.hit(self._account_key(email),
                                        self.limits.login_max_failures, window)
            if not decision.allowed:
                self._release_address()  # refused before any check: not an attempt
        if not decision.allowed:
            raise too_many(decision, "Too many failed sign-ins. Try again later.")

    def _release_address(self) -> None:
        if self._address_ticket is not None:
            self.limiter.release(self._address_key(), self._address_ticket)
            self._address_ticket = None

    def succeeded(self, email: str) -> None:
        # Earlier failures from the address keep counting: one good password must not reset a
        # spray; only this attempt, which was not a failure, is taken back.
        self._release_address()
        self.limiter.reset(self._account_key(email))


def check_agent_quota(request: Request, organisation_id: int) -> None:
    """Count one Marketing Agent message for the organisation; 429 beyond the per-minute cap."""
    limits = limits_for(request.app.state)
    decision = limiter_for(request.app.state).hit(
        f"agent:{organisation_id}", limits.agent_messages_per_minute, 60.0)
    if not decision.allowed:
        raise too_many(decision, f"Your organisation has sent "
                                 f"{limits.agent_messages_per_minute} agent messages this "
                                 f"minute; wait {decision.retry_after} s.")
