"""Structured logs (structlog): one JSON object a line, with the request, run and workflow ids.

Every process calls `configure_logging(settings)` once at start (`lumo serve`, `lumo worker`,
`lumo scheduler`). The standard library's loggers (ours, uvicorn's, Celery's) go through the
same processors, so every line has the same shape. Context is bound with `bind(...)` (a
context manager over structlog's contextvars): the API binds `request_id`, the run interpreter
`run_id` and `workflow_id`.

Never a secret: values of keys that name one (token, secret, password, authorization, api key)
are masked, and so is every secret this process has decrypted or encrypted (channel secrets,
access tokens, integration keys, `LUMO_SECRET_KEY`, `LUMO_BOOTSTRAP_TOKEN`), wherever it appears
in a line, as are bearer and Lumo API tokens.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import IO, Any

import structlog

MASK = "***"
_SECRET_KEY_NAME = re.compile(r"(secret|token|password|passwd|authorization|api[_-]?key|"
                              r"cookie|signature)", re.I)
_TOKEN_PATTERNS = re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+|lumo_[A-Za-z0-9_-]{20,}")
_secrets: set[str] = set()
_secrets_lock = threading.Lock()
MIN_SECRET_LEN = 6


def remember_secret(value: str | None) -> None:
    """A value that must never be written to a log (called by engine.crypto and settings)."""
    if value and len(value) >= MIN_SECRET_LEN:
        with _secrets_lock:
            _secrets.add(value)


def scrub(text: str) -> str:
    text = _TOKEN_PATTERNS.sub(lambda m: (m.group(1) or "") + MASK, text)
    for value in sorted(_secrets, key=len, reverse=True):  # (a few dozen at most)
        if value in text:
            text = text.replace(value, MASK)
    return text


def _scrub_value(key: str, value: Any) -> Any:
    if isinstance(value, str):
        return MASK if _SECRET_KEY_NAME.search(key) and value else scrub(value)
    if isinstance(value, dict):
        return {k: _scrub_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_value(key, v) for v in value]
    return value


def redact(_logger: Any, _name: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: mask secrets in every field (the message included)."""
    for key in list(event):
        if key in ("timestamp", "level", "logger"):
            continue
        event[key] = _scrub_value(key, event[key])
    return event


def _drop_color_message(_l: Any, _n: str, event: MutableMapping[str, Any]
                        ) -> MutableMapping[str, Any]:
    event.pop("color_message", None)  # uvicorn's duplicate of the message
    return event


_SHARED: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    _drop_color_message,
]
_handler: logging.Handler | None = None


def configure_logging(settings: Any = None, stream: IO[str] | None = None,
                      level: str | None = None, fmt: str | None = None) -> None:
    """Route structlog and the standard library through one JSON (or console) renderer."""
    global _handler
    level = level or getattr(settings, "log_level", "INFO")
    fmt = fmt or getattr(settings, "log_format", "json")
    for value in (getattr(settings, "secret_key", None),
                  getattr(settings, "bootstrap_token", None)):
        remember_secret(value)
    renderer: Any = (structlog.processors.JSONRenderer(ensure_ascii=False) if fmt == "json"
                     else structlog.dev.ConsoleRenderer(colors=False))
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*_SHARED, structlog.stdlib.ExtraAdder()],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info, redact, renderer])
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
    root.addHandler(handler)
    root.setLevel(level)
    _handler = handler
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "celery"):
        lg = logging.getLogger(name)
        lg.handlers.clear()
        lg.propagate = True
    structlog.configure(
        processors=[*_SHARED, structlog.processors.StackInfoRenderer(),
                    structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True)


def reset_logging() -> None:
    """Remove the handler configure_logging added (tests)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler = None
    structlog.reset_defaults()


def get_logger(name: str) -> Any:
    return structlog.get_logger(name)


@contextmanager
def bind(**ids: Any) -> Iterator[None]:
    """Bind ids (request_id, run_id, workflow_id) to every line logged inside the block."""
    with structlog.contextvars.bound_contextvars(**{k: v for k, v in ids.items()
                                                    if v is not None}):
        yield
