"""A running Lumo + LINE simulator pair for end-to-end tests over real HTTP."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy.orm import Session

from engine.crypto import encrypt
from engine.settings import Settings
from engine.storage.models import LineAccount, Organisation
from tests.conftest import Tenant, create_tenant
from tests.support.servers import ThreadServer

CHANNEL_SECRET = "e2e-channel-secret-0123456789abcdef"
ACCESS_TOKEN = "e2e-access-token-0123456789abcdef"


def add_simulated_account(session: Session, channel: str, org_name: str) -> tuple[int, int]:
    """An organisation with one LINE account whose channel the simulator knows: (org, account)."""
    org = Organisation(name=org_name)
    session.add(org)
    session.flush()
    acc = LineAccount(organisation_id=org.id, name="a", channel_id=channel,
                      channel_secret_enc=encrypt(CHANNEL_SECRET),
                      access_token_enc=encrypt(ACCESS_TOKEN))
    session.add(acc)
    session.flush()
    return org.id, acc.id


def user_id() -> str:
    return "U" + uuid.uuid4().hex


def wait_until(predicate: Callable[[], Any], timeout: float = 15.0,
               interval: float = 0.05, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


class Simulator:
    def __init__(self, url: str):
        self.url = url
        self.http = httpx.Client(base_url=url, timeout=30)

    def register(self, channel_id: str, webhook_url: str) -> None:
        self.http.post("/_sim/channels", json={
            "channel_id": channel_id, "channel_secret": CHANNEL_SECRET,
            "access_token": ACCESS_TOKEN, "webhook_url": webhook_url}).raise_for_status()

    def add_friend(self, uid: str, name: str) -> None:
        self.http.post("/_sim/friends", json={"user_id": uid,
                                              "display_name": name}).raise_for_status()

    def act(self, channel_id: str, action: str, **body: Any) -> dict[str, Any]:
        r = self.http.post(f"/_sim/channels/{channel_id}/events/{action}", json=body)
        r.raise_for_status()
        return r.json()

    def messages(self, to: str | None = None) -> list[dict[str, Any]]:
        params = {"to": to} if to else {}
        r = self.http.get("/_sim/messages", params=params)
        r.raise_for_status()
        data = r.json()
        return data["messages"] if isinstance(data, dict) else data

    def texts(self, to: str) -> list[str]:
        return [m.get("text", "") for rec in self.messages(to) for m in rec["messages"]]

    def faults(self, **body: Any) -> None:
        self.http.post("/_sim/faults", json=body).raise_for_status()

    def clear_faults(self) -> None:
        self.http.delete("/_sim/faults").raise_for_status()


class Stack:
    """Lumo (in-process backend) on a real port, wired to a real simulator."""

    def __init__(self, database_url: str, sim: Simulator, **settings: Any):
        from api.app import create_app

        self.sim = sim
        self.settings = Settings(database_url=database_url, line_api_host=sim.url,
                                 scheduler_tick=0.05, line_backoff_initial=0.05,
                                 line_backoff_max=0.5, line_timeout=2.0, **settings)
        self.app = create_app(self.settings)
        self.server = ThreadServer(self.app)
        self.settings.public_url = self.server.url
        self.http = httpx.Client(base_url=self.server.url, timeout=30)
        self.tenant: Tenant | None = None
        self.channel_id = str(uuid.uuid4().int)[:10]
        self.account: dict[str, Any] = {}

    def start(self) -> Stack:
        self.server.start()
        self.tenant = create_tenant(self.app.state.db, "E2E Shop")
        self.http.headers.update(self.tenant.headers)
        r = self.http.post("/api/accounts", json={
            "name": "E2E", "channel_id": self.channel_id, "channel_secret": CHANNEL_SECRET,
            "access_token": ACCESS_TOKEN, "basic_id": "@e2e"})
        r.raise_for_status()
        self.account = r.json()
        self.sim.register(self.channel_id, f"{self.server.url}/webhooks/line/{self.channel_id}")
        return self

    def stop(self) -> None:
        self.server.stop()
        self.app.state.db.dispose()

    # -- API helpers -------------------------------------------------------------------
    def workflow(self, nodes: list[dict[str, Any]], edges: list[tuple[str, ...]],
                 name: str = "E2E flow", activate: bool = True) -> int:
        start = {"id": "start", "type": "start",
                 "config": {"account_ids": [self.account["id"]]}}
        definition = {"nodes": [start, *nodes], "edges": [
            {"source": e[0], "target": e[-1], "source_handle": e[1] if len(e) == 3 else "out"}
            for e in edges]}
        wid = self.http.post("/api/workflows", json={"name": name}).json()["id"]
        r = self.http.put(f"/api/workflows/{wid}", headers={"If-Match": "1"},
                          json={"definition": definition})
        assert r.status_code == 200, r.text
        assert r.json()["validation"]["valid"], r.json()["validation"]
        if activate:
            r = self.http.post(f"/api/workflows/{wid}/activate", headers={"If-Match": "2"})
            assert r.status_code == 200, r.text
        return wid

    def tag(self, name: str) -> int:
        return self.http.post("/api/tags", json={"name": name}).json()["id"]

    def executions(self, wid: int) -> dict[str, Any]:
        r = self.http.get(f"/api/workflows/{wid}/executions")
        r.raise_for_status()
        return r.json()

    def runs(self, wid: int, status: str | None = None) -> list[dict[str, Any]]:
        items = self.executions(wid)["items"]
        return [i for i in items if status is None or i["status"] == status]

    def execution(self, run_id: str) -> dict[str, Any]:
        r = self.http.get(f"/api/executions/{run_id}")
        r.raise_for_status()
        return r.json()

    def act(self, action: str, **body: Any) -> dict[str, Any]:
        return self.sim.act(self.channel_id, action, **body)

    def idle(self, timeout: float = 15.0) -> None:
        """Wait until the workers have nothing left to do."""
        time.sleep(0.1)
        wait_until(self.app.state.backend.idle, timeout, what="workers idle")


def text_node(node_id: str, text: str) -> dict[str, Any]:
    return {"id": node_id, "type": "action.send_message",
            "config": {"messages": [{"type": "text", "text": text}]}}
