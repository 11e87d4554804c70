"""Snapshot every JSON API answer of a seeded Lumo, to prove a refactor kept them equal.

    python tools/api_snapshot.py OUT.json          # seed a fresh stack, call the routes, save
    python tools/api_snapshot.py --diff A.json B.json

A real stack (in-process backend, LINE simulator on a real port) is seeded through the API,
so runs, steps and the agent's draft exist. Values that differ every time (ids made of
random text, timestamps' digits, tokens) are masked; their *format* is kept, so a datetime
written differently (`+00:00` vs `Z`) or a 0 that became 0.0 still shows in the diff.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_MASKS = [
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?"),
     lambda m: re.sub(r"\d", "9", m.group(0))),
    (re.compile(r"lumo_[A-Za-z0-9_\-]{20,}"), "<token>"),
    (re.compile(r"U[0-9a-f]{32}"), "<line-user>"),
    (re.compile(r"http://127\.0\.0\.1:\d+"), "<host>"),
    (re.compile(r"\b\d{10}\b"), "<channel>"),
    (re.compile(r"<channel>\.\d+"), "<epoch>"),
    (re.compile(r'"ms":[0-9.]+'), '"ms":<ms>'),
    (re.compile(r"\b\d{13}\b"), "<ms>"),
    (re.compile(r'"(quoteToken|commerce_secret)":"[^"]+"'), r'"\1":"<secret>"'),
    (re.compile(r"\b[0-9a-f]{8}@"), "<h8>@"),
    (re.compile(r"\b[0-9A-Z]{26}\b"), "<ulid>"),
    (re.compile(r'"id":"\d{15,20}"'), '"id":"<msgid>"'),
    (re.compile(r"\b[0-9a-f]{32}\b"), "<hex>"),
    (re.compile(r'("code":|/q/|"prefill_text":"#)"?[A-Za-z0-9_\-]{11}\b'), r"\1<code>"),
]


def mask(text: str) -> str:
    for pattern, repl in _MASKS:
        text = pattern.sub(repl, text)  # type: ignore[arg-type]
    return text


def snapshot(out: Path) -> None:
    from cryptography.fernet import Fernet

    os.environ.setdefault("LUMO_SECRET_KEY", Fernet.generate_key().decode())
    from engine.line.simulator import create_app as simulator_app
    from tests.support.servers import ThreadServer
    from tests.support.stack import Simulator, Stack, text_node, user_id, wait_until

    sim_server = ThreadServer(simulator_app()).start()
    tmp = tempfile.mkdtemp()
    stack = Stack(f"sqlite:///{tmp}/lumo.db", Simulator(sim_server.url)).start()
    h = stack.http
    calls: list[tuple[str, str, Any]] = []

    def call(method: str, path: str, **kw: Any) -> Any:
        r = h.request(method, path, **kw)
        try:
            body: Any = r.json()
        except ValueError:
            body = r.text[:200]
        # Raw text (not re-dumped JSON), so number and date spellings are compared as sent.
        calls.append((f"{len(calls):02} {method} {mask(path)}",
                      f"{r.status_code} {mask(r.text)}", body))
        return body

    try:
        acc = stack.account["id"]
        tag = call("POST", "/api/tags", json={"name": "VIP", "description": "best"})["id"]
        call("POST", "/api/auto-messages", json={"name": "Hi", "messages": [
            {"type": "text", "text": "hello"}, {"type": "sticker", "packageId": "1",
                                                "stickerId": "2"}]})
        call("POST", "/api/rich-menus", json={"name": "Menu",
                                              "line_rich_menu_id": "richmenu-abc123"})
        call("POST", "/api/qr-codes", json={"name": "Counter", "account_id": acc})
        call("POST", "/api/faq", json={"question": "Open?", "answer": "9-5"})
        call("POST", "/api/tokens", json={"name": "ci"})
        call("POST", "/api/integrations", json={"kind": "hubspot", "api_key": "hub-key-123456"})
        wid = stack.workflow([
            {"id": "t1", "type": "trigger.friend_add", "config": {}, "position": {"x": 10,
                                                                                 "y": 20.5}},
            text_node("s1", "Welcome"),
            {"id": "tg", "type": "action.tag", "config": {"tag_id": tag, "operation": "add"}},
            {"id": "d1", "type": "action.delay", "config": {"amount": 1, "unit": "hours"}},
            text_node("s2", "Later")],
            [("start", "t1"), ("t1", "s1"), ("s1", "tg"), ("tg", "d1"), ("d1", "s2")])
        call("POST", "/api/workflows", json={"name": "Draft only", "template": None})
        uid = user_id()
        stack.sim.add_friend(uid, "Hanako")
        stack.act("follow", user_id=uid)
        stack.idle()
        wait_until(lambda: stack.runs(wid), what="a run")
        call("POST", f"/api/workflows/{wid}/duplicate", json={})
        # A Customer Agent session with a transcript (FAQ answer).
        stack.workflow([
            {"id": "m1", "type": "trigger.message_received",
             "config": {"keywords": ["help"], "match_type": "equals"}},
            {"id": "ca", "type": "action.customer_agent", "config": {"greeting": "Hi!"}}],
            [("start", "m1"), ("m1", "ca")], name="Helpdesk")
        stack.act("message", user_id=uid, text="help")
        stack.idle()
        stack.act("message", user_id=uid, text="Open?")
        stack.idle()
        # A made-in-Lumo rich menu (its answer carries the menu, alias and default flag).
        import base64
        png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode()
        call("POST", "/api/rich-menus", json={
            "name": "Made here", "account_id": acc, "image_base64": png, "alias_id": "made-1",
            "set_default": True, "menu": {"name": "m", "chatBarText": "Menu", "areas": [
                {"bounds": {"x": 0, "y": 0, "width": 100, "height": 100},
                 "action": {"type": "message", "text": "hi"}}]}})
        # A dead letter (marked directly: making a handler fail for real takes minutes).
        from engine.storage.models import WebhookEvent
        with stack.app.state.db.session() as session:
            ev = session.query(WebhookEvent).order_by(WebhookEvent.id).first()
            ev.status, ev.dead_at, ev.error, ev.attempts = "dead", ev.received_at, "boom", 5
            session.commit()
            dead = ev.id
        conv = call("POST", "/api/agent/conversations")["id"]
        call("POST", f"/api/agent/conversations/{conv}/messages",
             json={"text": "When someone adds us as a friend, send 'Welcome!'"})
        run_id = stack.runs(wid)[0]["id"]
        friend = call("GET", "/api/friends")["items"][0]["id"]
        gets = [
            "/api/me", "/api/accounts", f"/api/accounts/{acc}", "/api/tags", "/api/friends",
            f"/api/friends/{friend}", f"/api/friends/{friend}/conversations",
            "/api/conversations", "/api/auto-messages", "/api/auto-messages/1",
            "/api/rich-menus", "/api/rich-menus/schema", "/api/qr-codes", "/api/catalog",
            "/api/templates", "/api/workflows", "/api/workflows?status=active",
            f"/api/workflows/{wid}", f"/api/workflows/{wid}/revisions/1",
            f"/api/workflows/{wid}/revisions/2", f"/api/workflows/{wid}/revisions",
            f"/api/workflows/{wid}/revisions/diff", f"/api/workflows/{wid}/validation",
            f"/api/workflows/{wid}/export", f"/api/workflows/{wid}/executions",
            f"/api/workflows/{wid}/executions/timeline?periods=2",
            f"/api/executions/{run_id}", "/api/audit", "/api/tokens",
            "/api/tokens?include_revoked=true", "/api/integrations", "/api/integrations/hubspot",
            "/api/faq", "/api/faq/1", "/api/dead-letters", f"/api/agent/conversations/{conv}",
            f"/api/try-it/{acc}/messages", "/healthz", "/livez", "/readyz",
        ]
        for path in gets:
            call("GET", path)
        if dead:
            call("GET", f"/api/dead-letters/{dead}")
        # Writes whose answers the web app reads.
        exported = next(c[2] for c in calls if c[0].endswith(f"GET /api/workflows/{wid}/export"))
        call("POST", "/api/workflows/import", json=exported)
        call("POST", f"/api/workflows/{wid}/validation", json={"definition": {"nodes": []}})
        call("PUT", f"/api/workflows/{wid}", headers={"If-Match": "2"}, json={"name": "Renamed"})
        call("POST", f"/api/workflows/{wid}/pause")
        call("POST", f"/api/workflows/{wid}/activate", headers={"If-Match": "2"})
        call("POST", f"/api/workflows/{wid}/revisions/1/restore", headers={"If-Match": "2"})
        call("PUT", "/api/auto-messages/1", json={"name": "Hi2", "messages": [
            {"type": "text", "text": "x"}]})
        call("PUT", "/api/faq/1", json={"question": "Open?", "answer": "10-6"})
        call("POST", "/api/faq/preview", json={"text": "Open?", "account_id": acc})
        call("POST", f"/api/try-it/{acc}/message", json={"user_id": uid, "text": "hi"})
        call("POST", "/api/integrations/hubspot/test")
        call("POST", f"/api/agent/conversations/{conv}/approve", json={})
        conv2 = call("POST", "/api/agent/conversations")["id"]
        call("POST", f"/api/agent/conversations/{conv2}/messages",
             json={"text": "When someone sends 'sale', tag them VIP and wait 2 days"})
        call("GET", f"/api/agent/conversations/{conv2}")
        call("POST", f"/api/agent/conversations/{conv2}/discard")
        call("POST", f"/api/dead-letters/{dead}/retry")
        call("GET", "/api/tokens")
        call("POST", "/api/accounts", json={"name": "B", "channel_id": "chanB",
                                            "channel_secret": "secret-12345",
                                            "access_token": "token-12345678"})
        call("POST", "/api/auth/login", json={"email": "nobody@x", "password": "x"})
        stack.idle()
    finally:
        stack.stop()
        sim_server.stop()
    out.write_text(json.dumps([[k, v] for k, v, _ in calls], ensure_ascii=False, indent=1))
    print(f"{len(calls)} answers written to {out}")


def diff(a: Path, b: Path) -> int:
    left, right = dict(json.loads(a.read_text())), dict(json.loads(b.read_text()))
    differ = 0
    for key in sorted(left.keys() | right.keys()):
        if left.get(key) != right.get(key):
            differ += 1
            print(f"--- {key}\n  before: {str(left.get(key))[:3000]}\n"
                  f"  after:  {str(right.get(key))[:3000]}")
    print(f"{len(left)} answers before, {len(right)} after, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1] == "--diff":
        sys.exit(diff(Path(sys.argv[2]), Path(sys.argv[3])))
    snapshot(Path(sys.argv[1]))
