"""Issue 15 at the door: bodies that can never be processed are refused (400 naming the field)
and stored nowhere; one bad body never fails the good ones sent with it; deep nesting and
oversized bodies are 4xx, never 500; group and room chats never lead to private pushes.

Lumo runs on a real port (in-process backend, SQLite) with the real LINE simulator; the test
posts signed bodies exactly as LINE does.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from engine import clock
from engine.ingest import IngestWriter, Unstorable, event_row
from engine.line.signature import sign
from engine.line.simulator import build_body, build_event
from engine.storage.models import Friend, WebhookEvent
from tests.support.stack import (
    CHANNEL_SECRET,
    Simulator,
    Stack,
    add_simulated_account,
    text_node,
    wait_until,
)


@pytest.fixture
def stack(simulator: Simulator, tmp_path: Path) -> Iterator[Stack]:
    s = Stack(f"sqlite:///{tmp_path / 'lumo.db'}", simulator).start()
    yield s
    s.stop()


def post(stack: Stack, body: bytes, client: httpx.Client | None = None) -> httpx.Response:
    http = client or stack.http
    return http.post(f"{stack.server.url}/webhooks/line/{stack.channel_id}", content=body,
                     headers={"X-Line-Signature": sign(body, CHANNEL_SECRET),
                              "Content-Type": "application/json"})


def stored(stack: Stack) -> int:
    with stack.app.state.db.session() as s:
        return s.scalar(select(func.count()).select_from(WebhookEvent)) or 0


def message(user: str, text: Any = "hello") -> dict[str, Any]:
    return build_event("message", user, text="placeholder") | {
        "message": {"id": "1", "type": "text", "text": text}}


def _with(event: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    event = json.loads(json.dumps(event))
    *parents, last = path.split(".")
    target = event
    for p in parents:
        target = target[p]
    target[last] = value
    return event


U = "U" + "a" * 32
POISON = [  # (what the issue found, the event, the field named in the answer)
    ("text is a number", _with(message(U), "message.text", 5), "events[1].message.text"),
    ("text is a list", _with(message(U), "message.text", ["a", "b"]), "events[1].message.text"),
    ("numeric userId", _with(message(U), "source.userId", 12345), "events[1].source.userId"),
    ("userId is an object", _with(message(U), "source.userId", {"id": U}),
     "events[1].source.userId"),
    ("postback data is an object", _with(build_event("postback", U, data="x"), "postback.data",
                                         {"a": 1}), "events[1].postback.data"),
    ("message without its object", {k: v for k, v in message(U).items() if k != "message"},
     "events[1]"),
    ("isRedelivery is a string", _with(message(U), "deliveryContext.isRedelivery", "yes"),
     "events[1].deliveryContext.isRedelivery"),
]


@pytest.mark.parametrize(("case", "event", "field"), POISON, ids=[p[0] for p in POISON])
def test_events_with_wrongly_typed_fields_are_400_naming_the_field_and_stored_nowhere(
        stack: Stack, case: str, event: dict[str, Any], field: str) -> None:
    good = build_event("follow", "U" + uuid.uuid4().hex)
    r = post(stack, build_body(U, [good, event]))
    assert r.status_code == 400, (case, r.text)
    assert r.json()["detail"]["code"] == "bad_body"
    assert r.json()["detail"]["field"] == field
    assert stored(stack) == 0  # the whole body: LINE must not redeliver it, nothing half-kept


def test_deeply_nested_json_is_400_not_a_recursion_error(stack: Stack) -> None:
    body = b'{"destination":"U0","events":' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    r = post(stack, body)
    assert r.status_code == 400, r.text
    assert r.json()["detail"]["code"] == "bad_body"
    nested_event = build_body(U, [message(U) | {"extra": json.loads("[" * 300 + "]" * 300)}])
    assert post(stack, nested_event).status_code == 400
    assert stack.http.get("/healthz").status_code == 200
    assert stored(stack) == 0


def test_oversized_bodies_are_413(stack: Stack) -> None:
    events = [message("U" + uuid.uuid4().hex, "x" * 4000) for _ in range(300)]  # ≈ 1.3 MB
    body = build_body(U, events)
    assert len(body) > stack.settings.max_body_bytes
    r = post(stack, body)
    assert r.status_code == 413, r.text
    # Chunked (no Content-Length) is cut off at the limit too.
    r = stack.http.post(f"/webhooks/line/{stack.channel_id}", content=iter([body]),
                        headers={"X-Line-Signature": sign(body, CHANNEL_SECRET)})
    assert r.status_code == 413
    assert stored(stack) == 0


def test_lone_surrogates_and_nul_characters_are_400(stack: Stack) -> None:
    for text in ('"\\ud800"', '"a\\u0000b"'):
        raw = build_body(U, [message(U, "PLACEHOLDER")]).replace(b'"PLACEHOLDER"',
                                                                  text.encode())
        r = post(stack, raw)
        assert r.status_code == 400, (text, r.text)
    assert stored(stack) == 0


def test_mixed_good_and_bad_bodies_from_32_senders_refuse_no_good_body(stack: Stack) -> None:
    """The issue's run: 200 good bodies and 5 whose source.userId is an object, 32 senders
    at once: 25 good bodies got 503 and the bad ones 503 "please redeliver"."""
    good = [[build_event("follow", "U" + uuid.uuid4().hex) for _ in range(5)]
            for _ in range(200)]
    bad = [[_with(build_event("follow", U), "source.userId", {"x": 1})] for _ in range(5)]
    bodies = [("good", b) for b in good] + [("bad", b) for b in bad]
    bodies.sort(key=lambda item: uuid.uuid4().hex)  # the bad ones anywhere in the stream

    def send(item: tuple[str, list[dict[str, Any]]]) -> tuple[str, int]:
        with httpx.Client(timeout=30) as client:
            return item[0], post(stack, build_body(U, item[1]), client).status_code

    with ThreadPoolExecutor(32) as pool:
        answers = list(pool.map(send, bodies))
    refused_good = [s for kind, s in answers if kind == "good" and s != 200]
    assert refused_good == [], f"{len(refused_good)} good bodies refused: {refused_good[:5]}"
    assert [s for kind, s in answers if kind == "bad"] == [400] * 5
    assert stored(stack) == 1000


def test_one_unstorable_body_fails_only_itself_in_its_group_commit(migrated_db: Any) -> None:
    """Below the door (SQLite and PostgreSQL): if a row still cannot be stored, the shared
    INSERT is redone body by body; the good bodies of the batch are committed, the bad one is
    refused for good (Unstorable → 400), not "please redeliver"."""
    with migrated_db.session() as session:
        _org, account = add_simulated_account(session, str(uuid.uuid4().int)[:10], "Shop")
    stored_ids: list[int] = []
    writer = IngestWriter(migrated_db, on_stored=stored_ids.extend)
    now = clock.now()
    postgres = migrated_db.engine.dialect.name == "postgresql"

    def body(user: Any) -> list[dict[str, Any]]:
        event = build_event("follow", "U" + uuid.uuid4().hex)
        return [event_row(account, "line", (event["webhookEventId"], "follow", user, event),
                          now)]

    # One group commit of 26 bodies (the writer thread's unit of work, called directly so
    # that the batch is exactly this one). The bad row: the userId object on SQLite,
    # a userId longer than its column on PostgreSQL.
    good = [(body("U" + uuid.uuid4().hex), Future()) for _ in range(25)]
    poison = (body("U" * 65 if postgres else {"not": "a string"}), Future())
    writer._write([*good[:12], poison, *good[12:]])
    assert [f.exception(1) for _, f in good] == [None] * 25
    assert isinstance(poison[1].exception(1), Unstorable)
    assert len(stored_ids) == 25
    with migrated_db.session() as session:
        assert session.scalar(select(func.count()).select_from(WebhookEvent)) == 25


KEYWORD_FLOW = [{"id": "t", "type": "trigger.message_received",
                 "config": {"keywords": ["coupon"], "match_type": "contains"}},
                text_node("m", "Here is your coupon")]


@pytest.mark.parametrize("source", ["group", "room"])
def test_group_and_room_messages_never_push_privately(stack: Stack, source: str) -> None:
    stack.workflow(KEYWORD_FLOW, [("start", "t"), ("t", "m")])
    stranger = "U" + uuid.uuid4().hex  # in the group, never added the account
    chat = ("C" if source == "group" else "R") + uuid.uuid4().hex
    event = build_event("message", stranger, text="coupon please")
    event["source"] = {"type": source, "userId": stranger, f"{source}Id": chat}
    before = len(stack.sim.messages())
    assert post(stack, build_body(U, [event])).status_code == 200
    wait_until(lambda: _status(stack, event["webhookEventId"]) == "ignored",
               what="the group event settled")
    stack.idle()
    assert stack.sim.messages()[before:] == []  # 0 private pushes, 0 replies
    with stack.app.state.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Friend)) == 0  # no friend made up
    # The same words in a one-to-one chat do start the workflow.
    one_to_one = build_event("message", stranger, text="coupon please")
    assert post(stack, build_body(U, [one_to_one])).status_code == 200
    wait_until(lambda: stack.sim.texts(stranger) == ["Here is your coupon"],
               what="the 1:1 coupon")


def test_unfollowed_friends_are_not_pushed_to(stack: Stack) -> None:
    """A workflow on "block" that sends a message: the step fails visibly, nothing is sent."""
    wid = stack.workflow([{"id": "t", "type": "trigger.block", "config": {}},
                          text_node("m", "Sorry to see you go")], [("start", "t"), ("t", "m")])
    user = "U" + uuid.uuid4().hex
    follow, block = build_event("follow", user), build_event("unfollow", user)
    assert post(stack, build_body(U, [follow])).status_code == 200
    wait_until(lambda: _status(stack, follow["webhookEventId"]) in ("processed", "ignored"))
    assert post(stack, build_body(U, [block])).status_code == 200
    wait_until(lambda: stack.runs(wid, "failed"), what="the failed run")
    assert stack.sim.texts(user) == []


def _status(stack: Stack, key: str) -> str | None:
    with stack.app.state.db.session() as s:
        return s.scalar(select(WebhookEvent.status).where(WebhookEvent.event_key == key))


def test_metrics_count_refused_bodies(stack: Stack) -> None:
    post(stack, build_body(U, [_with(message(U), "message.text", 5)]))
    text = stack.http.get("/metrics").text
    line = next(s for s in text.splitlines()
                if s.startswith('lumo_webhook_bodies_refused_total{reason="bad_body"}'))
    assert float(line.split()[-1]) >= 1
    assert "lumo_events_dead " in text

