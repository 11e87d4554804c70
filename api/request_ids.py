"""Request ids: every request gets one (or keeps the caller's `X-Request-ID`), bound to every
log line written while it is handled and returned in the response's `X-Request-ID`."""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from engine.logs import bind

log = logging.getLogger("lumo.http")
_SAFE = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


class RequestId:
    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _SAFE.match(given) else uuid.uuid4().hex

        started = time.perf_counter()
        status = [0]

        async def send_with_id(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"],
                                      (b"x-request-id", request_id.encode())]
            await send(message)

        with bind(request_id=request_id):
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                if log.isEnabledFor(logging.INFO):  # (the query string may hold anything)
                    log.info("request", extra={
                        "method": scope["method"], "path": scope["path"], "status": status[0],
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
