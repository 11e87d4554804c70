"""Organisation A with one of every resource, each carrying a marker string, for the walks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from engine import clock
from engine.crypto import encrypt
from engine.storage.models import (
    AgentMessage,
    AgentSession,
    FaqEntry,
    Friend,
    Integration,
    Run,
    Step,
    WebhookEvent,
)
from tests.conftest import Tenant, create_tenant

MARK = "ALPHA-ORG-MARK"
SECRETS = {"channel_secret": "alpha-channel-secret-" + uuid.uuid4().hex,
           "access_token": "alpha-access-token-" + uuid.uuid4().hex,
           "integration_key": "alpha-hubspot-key-" + uuid.uuid4().hex}


@dataclass
class Seeded:
    tenant: Tenant
    ids: dict[str, Any] = field(default_factory=dict)
    # Strings that only organisation A's data contains.
    markers: list[str] = field(default_factory=list)


def seed_organisation(c: TestClient) -> Seeded:
    db = c.app.state.db  # type: ignore[attr-defined]
    a = create_tenant(db, "Shop A")
    h = a.headers
    out = Seeded(a)
    channel = str(uuid.uuid4().int)[:10]
    line_user = "U" + uuid.uuid4().hex

    def ok(r: Any) -> dict[str, Any]:
        assert r.status_code in (200, 201), r.text
        return r.json()

    acc = ok(c.post("/api/accounts", headers=h, json={
        "name": f"{MARK} account", "channel_id": channel,
        "channel_secret": SECRETS["channel_secret"], "access_token": SECRETS["access_token"],
        "basic_id": "@alpha"}))
    tag = ok(c.post("/api/tags", headers=h, json={"name": f"{MARK} tag"}))
    msg = ok(c.post("/api/auto-messages", headers=h, json={
        "name": f"{MARK} message", "messages": [{"type": "text", "text": f"{MARK} hi"}]}))
    menu = ok(c.post("/api/rich-menus", headers=h, json={
        "name": f"{MARK} menu", "line_rich_menu_id": "richmenu-alpha", "account_id": acc["id"]}))
    qr = ok(c.post("/api/qr-codes", headers=h, json={
        "name": f"{MARK} qr", "account_id": acc["id"], "prefill_text": f"{MARK} scan"}))
    wf = ok(c.post("/api/workflows", headers=h, json={"name": f"{MARK} workflow"}))
    definition = {"nodes": [
        {"id": "start", "type": "start", "config": {"account_ids": [acc["id"]]}},
        {"id": "t", "type": "trigger.friend_add", "config": {}},
        {"id": "m", "type": "action.send_message",
         "config": {"messages": [{"type": "text", "text": f"{MARK} welcome"}]}}],
        "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "m"}]}
    ok(c.put(f"/api/workflows/{wf['id']}", headers={**h, "If-Match": "1"},
             json={"definition": definition}))
    ok(c.post(f"/api/workflows/{wf['id']}/activate", headers={**h, "If-Match": "2"}))
    token = ok(c.post("/api/tokens", headers=h, json={"name": f"{MARK} token"}))
    conversation = ok(c.post("/api/agent/conversations", headers=h))
    ok(c.post(f"/api/agent/conversations/{conversation['id']}/messages", headers=h,
              json={"text": "When someone adds us, send 'Hello!'"}))

    now = clock.now()
    with db.session() as s:
        friend = Friend(organisation_id=a.organisation_id, account_id=acc["id"],
                        line_user_id=line_user, display_name=f"{MARK} friend",
                        attributes={"note": MARK}, followed_at=now, created_at=now)
        s.add(friend)
        s.flush()
        run = Run(workflow_id=wf["id"], revision=2, account_id=acc["id"], friend_id=friend.id,
                  trigger_node_id="t", trigger_event_id="evt-alpha", status="completed",
                  context={"stack": [], "visits": {"m": 1}}, created_at=now, started_at=now,
                  finished_at=now)
        s.add(run)
        s.flush()
        s.add(Step(run_id=run.id, node_id="m", node_type="action.send_message",
                   status="completed", output={"note": MARK}, started_at=now,
                   finished_at=now))
        faq = FaqEntry(organisation_id=a.organisation_id, account_id=acc["id"],
                       question=f"{MARK} question?", answer=f"{MARK} answer")
        integration = Integration(organisation_id=a.organisation_id, kind="hubspot",
                                  api_key_enc=encrypt(SECRETS["integration_key"]),
                                  settings={"id_property": "alpha_mark"})
        agent_session = AgentSession(organisation_id=a.organisation_id, account_id=acc["id"],
                                     friend_id=friend.id, run_id=run.id, node_id="m",
                                     status="active", config={"handoff_keyword": MARK},
                                     expires_at=now + timedelta(hours=1))
        dead = WebhookEvent(account_id=acc["id"], event_key=f"{MARK}-dead", event_type="message",
                            line_user_id=line_user, payload={"note": MARK}, status="dead",
                            attempts=5, error=f"{MARK} error", received_at=now, dead_at=now)
        s.add_all([faq, integration, agent_session, dead])
        s.flush()
        s.add(AgentMessage(session_id=agent_session.id, friend_id=friend.id, role="friend",
                           text=f"{MARK} transcript"))
        s.flush()
        friend_id, run_id = friend.id, run.id
        faq_id, integration_id, session_id = faq.id, integration.id, agent_session.id
        event_id = dead.id

    out.ids = {
        "account_id": acc["id"], "tag_id": tag["id"], "message_id": msg["id"],
        "menu_id": menu["id"], "qr_code_id": qr["id"], "code": qr["code"],
        "workflow_id": wf["id"], "number": 1, "run_id": run_id, "friend_id": friend_id,
        "conversation_id": conversation["id"], "token_id": token["id"], "entry_id": faq_id,
        "ref": str(integration_id), "integration_id": integration_id,
        "session_id": session_id, "event_id": event_id, "channel_id": channel,
        "line_user_id": line_user,
        "action": "follow",  # /api/try-it/{account_id}/{action}
    }
    out.markers = [MARK, channel, line_user, *SECRETS.values(), token["token"]]
    return out
