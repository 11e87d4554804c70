"""Outbound LINE Messaging API calls through line-bot-sdk v3, with retries.

- Pushes carry X-Line-Retry-Key; LINE answers 409 when it already accepted that key, which we
  count as sent (a retry after a lost response must not send twice).
- 429 and 5xx (and timeouts) are retried with exponential backoff, honouring Retry-After.
- After the last attempt a LineError says what happened; the step records it.
`Configuration.host` points at LUMO_LINE_API_HOST (the simulator in dev and tests).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

import urllib3
from linebot.v3.messaging import (
    ApiClient,
    Configuration,
    CreateRichMenuAliasRequest,
    MessagingApi,
    MessagingApiBlob,
    RichMenuRequest,
    ShowLoadingAnimationRequest,
)
from linebot.v3.messaging.exceptions import ApiException
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)
from urllib3.exceptions import HTTPError as Urllib3Error

from engine import metrics


class LineError(Exception):
    def __init__(self, message: str, status: int | None = None, retryable: bool = False,
                 retry_after: float | None = None, attempts: int = 1):
        super().__init__(message)
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after
        self.attempts = attempts


@dataclass
class CallResult:
    attempts: int
    already_sent: bool = False
    status: int = 200
    body: Any = None
    delivery: str = ""  # reply | push (set by StepContext.send)
    reply_error: str | None = None  # why a reply was refused before the push


def _header(headers: Any, name: str) -> str | None:
    if not headers:
        return None
    for k, v in dict(headers).items():
        if k.lower() == name.lower():
            return v
    return None


def _counted(kind: str, send: Any) -> CallResult:
    """Count a push or reply by result: ok, already_sent (409 on a retry key), refused (4xx),
    failed (5xx/timeouts after the last attempt)."""
    try:
        result: CallResult = send()
    except LineError as exc:
        refused = exc.status is not None and 400 <= exc.status < 500 and not exc.retryable
        metrics.LINE_SENDS.labels(kind, "refused" if refused else "failed").inc()
        raise
    metrics.LINE_SENDS.labels(kind, "already_sent" if result.already_sent else "ok").inc()
    return result


def _as_line_error(exc: Exception) -> LineError:
    if isinstance(exc, LineError):
        return exc
    if isinstance(exc, ApiException):
        status = int(exc.status or 0)
        retry_after = _header(exc.headers, "Retry-After")
        body = exc.body.decode(errors="replace") if isinstance(exc.body, bytes) else exc.body
        return LineError(f"LINE answered {status}: {(body or exc.reason or '')[:300]}",
                         status=status, retryable=status == 429 or status >= 500,
                         retry_after=float(retry_after) if retry_after and
                         retry_after.isdigit() else None)
    if isinstance(exc, Urllib3Error | OSError | TimeoutError):
        return LineError(f"LINE did not answer: {type(exc).__name__}", retryable=True)
    raise exc


class _BlobApiClient(ApiClient):
    """line-bot-sdk's blob endpoints name their host (https://api-data.line.me) in each call,
    ignoring Configuration.host; this client sends them to the host we were given."""

    def __init__(self, configuration: Configuration, blob_host: str):
        super().__init__(configuration)
        self.blob_host = blob_host

    def call_api(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["_host"] = self.blob_host
        return super().call_api(*args, **kwargs)


class LineGateway:
    def __init__(self, host: str, *, timeout: float = 5.0, max_attempts: int = 6,
                 backoff_initial: float = 0.5, backoff_max: float = 10.0,
                 blob_host: str | None = None):
        self.host = host.rstrip("/")
        # LINE serves blobs from api-data.line.me; dev and tests use the simulator for both.
        self.blob_host = (blob_host or host).rstrip("/")
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self._clients: dict[str, MessagingApi] = {}
        # Pushes and replies: the messages were validated against line-bot-sdk's models when
        # they were built (engine.messages.models), so they are posted as JSON on a pooled
        # connection instead of a second round of SDK models per call.
        self._pool = urllib3.PoolManager(num_pools=4, maxsize=16, retries=False,
                                         timeout=urllib3.Timeout(total=timeout))
        self._blob_clients: dict[str, MessagingApiBlob] = {}
        self._lock = threading.Lock()

    def _api(self, access_token: str) -> MessagingApi:
        with self._lock:
            api = self._clients.get(access_token)
            if api is None:
                cfg = Configuration(host=self.host, access_token=access_token)
                api = MessagingApi(ApiClient(cfg))
                self._clients[access_token] = api
            return api

    def _blob(self, access_token: str) -> MessagingApiBlob:
        with self._lock:
            api = self._blob_clients.get(access_token)
            if api is None:
                cfg = Configuration(host=self.blob_host, access_token=access_token)
                api = MessagingApiBlob(_BlobApiClient(cfg, self.blob_host))
                self._blob_clients[access_token] = api
            return api

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, LineError) and exc.retry_after is not None:
            return min(exc.retry_after, self.backoff_max * 6)
        return wait_exponential_jitter(multiplier=self.backoff_initial, max=self.backoff_max,
                                       jitter=self.backoff_initial)(state)

    def _call(self, fn: Any, *, conflict_ok: bool = False,
              max_attempts: int | None = None) -> CallResult:
        attempts = 0

        def once() -> CallResult:
            nonlocal attempts
            attempts += 1
            try:
                resp = fn()
            except Exception as exc:  # noqa: BLE001 - mapped to LineError or re-raised
                err = _as_line_error(exc)
                if conflict_ok and err.status == 409:
                    return CallResult(attempts=attempts, already_sent=True, status=409)
                err.attempts = attempts
                raise err from None
            return CallResult(attempts=attempts, body=resp)

        retrying = Retrying(stop=stop_after_attempt(max_attempts or self.max_attempts),
                            wait=self._wait,
                            retry=retry_if_exception(lambda e: isinstance(e, LineError)
                                                     and e.retryable), reraise=True)
        return retrying(once)

    def _post(self, access_token: str, path: str, body: dict[str, Any],
              headers: dict[str, str] | None = None) -> Any:
        """POST already-validated JSON; a non-2xx answer raises LineError like the SDK's."""
        resp = self._pool.request(
            "POST", self.host + path, body=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Authorization": f"Bearer {access_token}",
                     "Content-Type": "application/json", **(headers or {})})
        status = resp.status
        if 200 <= status < 300:
            return resp.data
        retry_after = resp.headers.get("Retry-After")
        raise LineError(f"LINE answered {status}: "
                        f"{resp.data.decode(errors='replace')[:300]}", status=status,
                        retryable=status == 429 or status >= 500,
                        retry_after=float(retry_after) if retry_after and
                        retry_after.isdigit() else None)

    def push(self, access_token: str, to: str, messages: list[dict[str, Any]],
             retry_key: str) -> CallResult:
        body = {"to": to, "messages": messages}
        return _counted("push", lambda: self._call(lambda: self._post(
            access_token, "/v2/bot/message/push", body, {"X-Line-Retry-Key": retry_key}),
            conflict_ok=True))

    def reply(self, access_token: str, reply_token: str,
              messages: list[dict[str, Any]]) -> CallResult:
        body = {"replyToken": reply_token, "messages": messages}
        # Reply tokens are single-use: one attempt (a retry could double a reply); callers
        # fall back to a push with a retry key.
        return _counted("reply", lambda: self._call(
            lambda: self._post(access_token, "/v2/bot/message/reply", body), max_attempts=1))

    def get_profile(self, access_token: str, user_id: str) -> dict[str, Any] | None:
        api = self._api(access_token)
        try:
            result = self._call(lambda: api.get_profile(user_id, _request_timeout=self.timeout))
        except LineError as exc:
            if exc.status == 404:
                return None
            raise
        profile = result.body
        return {"display_name": profile.display_name, "picture_url": profile.picture_url,
                "language": profile.language}

    def link_rich_menu(self, access_token: str, user_id: str, rich_menu_id: str) -> CallResult:
        api = self._api(access_token)
        return self._call(lambda: api.link_rich_menu_id_to_user(
            user_id, rich_menu_id, _request_timeout=self.timeout))

    def unlink_rich_menu(self, access_token: str, user_id: str) -> CallResult:
        api = self._api(access_token)
        return self._call(lambda: api.unlink_rich_menu_id_from_user(
            user_id, _request_timeout=self.timeout))

    def show_loading(self, access_token: str, user_id: str, seconds: int = 20) -> CallResult:
        api = self._api(access_token)
        request = ShowLoadingAnimationRequest(chatId=user_id, loadingSeconds=seconds)
        return self._call(lambda: api.show_loading_animation(request,
                                                             _request_timeout=self.timeout))

    # -- rich menus made in Lumo --------------------------------------------------------------

    def create_rich_menu(self, access_token: str, menu: dict[str, Any]) -> str:
        """Create the menu (LINE's rich menu object); returns LINE's richMenuId."""
        request = RichMenuRequest.from_dict(menu)
        api = self._api(access_token)
        result = self._call(lambda: api.create_rich_menu(request,
                                                         _request_timeout=self.timeout))
        return str(result.body.rich_menu_id)

    def upload_rich_menu_image(self, access_token: str, rich_menu_id: str, image: bytes,
                               content_type: str) -> CallResult:
        api = self._blob(access_token)
        return self._call(lambda: api.set_rich_menu_image(
            rich_menu_id, bytes(image), _headers={"Content-Type": content_type},
            _request_timeout=self.timeout * 4))

    def set_default_rich_menu(self, access_token: str, rich_menu_id: str) -> CallResult:
        api = self._api(access_token)
        return self._call(lambda: api.set_default_rich_menu(rich_menu_id,
                                                            _request_timeout=self.timeout))

    def create_rich_menu_alias(self, access_token: str, alias_id: str,
                               rich_menu_id: str) -> CallResult:
        request = CreateRichMenuAliasRequest(richMenuAliasId=alias_id, richMenuId=rich_menu_id)
        api = self._api(access_token)
        return self._call(lambda: api.create_rich_menu_alias(request,
                                                             _request_timeout=self.timeout))

    def delete_rich_menu(self, access_token: str, rich_menu_id: str) -> CallResult:
        api = self._api(access_token)
        return self._call(lambda: api.delete_rich_menu(rich_menu_id,
                                                       _request_timeout=self.timeout))

    def rich_menu_of_alias(self, access_token: str, alias_id: str) -> str:
        api = self._api(access_token)
        result = self._call(lambda: api.get_rich_menu_alias(alias_id,
                                                            _request_timeout=self.timeout))
        return str(result.body.rich_menu_id)
