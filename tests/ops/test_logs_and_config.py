"""Structured logs (JSON, with ids, never a secret) and the settings' documentation."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.logs import configure_logging, reset_logging
from engine.settings import markdown_table, variables
from tests.support.stack import Stack, text_node, user_id, wait_until

README = Path(__file__).resolve().parents[2] / "README.md"
CHANNEL_SECRET_IN_TEST = "a-very-private-channel-secret-42"
ACCESS_TOKEN_IN_TEST = "a-very-private-access-token-4242"


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    buf = io.StringIO()
    configure_logging(stream=buf, level="INFO", fmt="json")
    yield buf
    reset_logging()


def _lines(buf: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buf.getvalue().splitlines() if line.strip()]


def test_log_lines_are_json_with_ids_and_never_a_secret(stack: Stack,
                                                        log_stream: io.StringIO) -> None:
    r = stack.http.post("/api/accounts", json={
        "name": "Secretive", "channel_id": "3000000077",
        "channel_secret": CHANNEL_SECRET_IN_TEST, "access_token": ACCESS_TOKEN_IN_TEST},
        headers={"X-Request-ID": "req-abc-123"})
    assert r.status_code == 201, r.text
    assert r.headers["x-request-id"] == "req-abc-123"
    wid = stack.workflow([{"id": "t", "type": "trigger.message_received",
                           "config": {"keywords": ["log"], "match_type": "equals"}},
                          text_node("m", "logged")], [("start", "t"), ("t", "m")])
    uid = user_id()
    stack.sim.add_friend(uid, "Logger")
    stack.act("message", user_id=uid, text="log")
    wait_until(lambda: stack.runs(wid, "completed"), what="completed run")
    # Code that carelessly logs a secret, in the message and in fields.
    careless = logging.getLogger("lumo.careless")
    careless.warning("calling LINE with %s and %s", ACCESS_TOKEN_IN_TEST, CHANNEL_SECRET_IN_TEST)
    careless.warning("headers", extra={"authorization": "Bearer abcdefghijklmnop",
                                       "api_key": "pk_live_123456"})
    careless.warning("token %s", stack.tenant.token)  # type: ignore[union-attr]

    text = log_stream.getvalue()
    lines = _lines(log_stream)  # every line is one JSON object
    assert lines and all({"event", "level", "timestamp"} <= set(line) for line in lines)
    for secret in (CHANNEL_SECRET_IN_TEST, ACCESS_TOKEN_IN_TEST, "abcdefghijklmnop",
                   "pk_live_123456", stack.tenant.token):  # type: ignore[union-attr]
        assert secret not in text
    masked = [line for line in lines if line.get("logger") == "lumo.careless"]
    assert len(masked) == 3 and all("***" in json.dumps(line) for line in masked)
    request = next(line for line in lines if line["event"] == "request"
                   and line.get("path") == "/api/accounts")
    assert request["request_id"] == "req-abc-123" and request["status"] == 201
    finished = next(line for line in lines if line["event"] == "run finished"
                    and line.get("workflow_id") == wid)
    assert finished["status"] == "completed" and re.match(r"^[0-9a-f-]{36}$",
                                                          finished["run_id"])


def test_readme_table_is_lumo_config() -> None:
    text = README.read_text()
    block = text.split("<!-- settings:start -->\n", 1)[1].split("<!-- settings:end -->", 1)[0]
    assert block == markdown_table(), "README is stale: paste `lumo config --markdown`"


def test_lumo_config_prints_every_setting_and_hides_secrets(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from api.cli import app
    from engine.settings import get_settings

    monkeypatch.setenv("LUMO_BOOTSTRAP_TOKEN", "lumo_bootstrap_very_secret_value")
    monkeypatch.setenv("LUMO_DATABASE_URL", "postgresql://lumo:hunter22@db/lumo")
    get_settings.cache_clear()
    try:
        out = CliRunner().invoke(app, ["config"]).output
    finally:
        get_settings.cache_clear()
    names = [v.name for v in variables()]
    assert len(names) >= 34 and len(set(names)) == len(names)
    for name in names:
        assert re.search(rf"^{name}\s", out, re.M), name
    assert "very_secret_value" not in out and "hunter22" not in out
    assert "postgresql://lumo:***@db/lumo" in out
    assert all(v.meaning for v in variables())
    md = CliRunner().invoke(app, ["config", "--markdown"]).output
    assert md == markdown_table()
