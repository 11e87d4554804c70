"""JSON-over-HTTPS calls to integration APIs, with retries that honour Retry-After.

Retries wrap a whole idempotent *operation* (e.g. search → create-or-update), not single
requests: if a create timed out after the server applied it, the retry searches again and
finds the contact instead of creating a second one. API keys travel only in headers and never
appear in errors or logs.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

T = TypeVar("T")


class IntegrationError(Exception):
    def __init__(self, message: str, status: int | None = None, retryable: bool = False,
                 retry_after: float | None = None, attempts: int = 1):
        super().__init__(message)
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after
        self.attempts = attempts


@dataclass(frozen=True)
class HttpPolicy:
    timeout: float = 10.0
    max_attempts: int = 5
    backoff_initial: float = 0.5
    backoff_max: float = 20.0


@dataclass
class Endpoint:
    """Where one integration's API lives, how we retry it, and a pooled HTTP client."""

    kind: str
    base_url: str
    policy: HttpPolicy = field(default_factory=HttpPolicy)
    options: dict[str, str] = field(default_factory=dict)
    _client: httpx.Client | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def client(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(base_url=self.base_url.rstrip("/"),
                                            timeout=self.policy.timeout)
            return self._client


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After in seconds or as an HTTP date (both are allowed by RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.replace(".", "", 1).isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class JsonApi:
    """One integration's API as seen with one API key."""

    def __init__(self, name: str, endpoint: Endpoint, headers: dict[str, str],
                 describe_error: Callable[[httpx.Response], str]):
        self.name = name
        self.endpoint = endpoint
        self.headers = headers
        self.describe_error = describe_error

    def request(self, method: str, path: str, *, json: Any = None,
                ok: tuple[int, ...] = (200, 201, 202, 204),
                accept: tuple[int, ...] = ()) -> httpx.Response:
        """One request; statuses in `accept` are returned for the caller to interpret."""
        try:
            resp = self.endpoint.client().request(method, path, json=json, headers=self.headers)
        except httpx.TimeoutException:
            raise IntegrationError(f"{self.name} did not answer in time", retryable=True) \
                from None
        except httpx.TransportError as exc:
            raise IntegrationError(f"{self.name} is unreachable ({type(exc).__name__})",
                                   retryable=True) from None
        if resp.status_code in ok or resp.status_code in accept:
            return resp
        status = resp.status_code
        raise IntegrationError(
            f"{self.name} answered {status}: {self.describe_error(resp)}"[:500], status=status,
            retryable=status == 429 or status >= 500,
            retry_after=parse_retry_after(resp.headers.get("retry-after")))

    def retrying(self, operation: Callable[[], T]) -> tuple[T, int]:
        """Run an idempotent operation with retries; returns (result, attempts)."""
        policy = self.endpoint.policy
        attempts = 0

        def once() -> T:
            nonlocal attempts
            attempts += 1
            try:
                return operation()
            except IntegrationError as exc:
                exc.attempts = attempts
                raise

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            if isinstance(exc, IntegrationError) and exc.retry_after is not None:
                return min(exc.retry_after, policy.backoff_max * 3)
            return wait_exponential_jitter(multiplier=policy.backoff_initial,
                                           max=policy.backoff_max,
                                           jitter=policy.backoff_initial)(state)

        retrying = Retrying(stop=stop_after_attempt(policy.max_attempts), wait=wait,
                            retry=retry_if_exception(lambda e: isinstance(e, IntegrationError)
                                                     and e.retryable), reraise=True)
        result = retrying(once)
        return result, attempts


def error_text(resp: httpx.Response, *keys: str) -> str:
    """The first non-empty message found under `keys` in a JSON error body."""
    try:
        body = resp.json()
    except ValueError:
        return resp.text[:300] or resp.reason_phrase
    for key in keys:
        value = body.get(key) if isinstance(body, dict) else None
        if isinstance(value, str) and value:
            return value
    return resp.reason_phrase or "error"
