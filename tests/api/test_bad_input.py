"""Malformed definitions and requests get 4xx naming the field; nothing stored changes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Tenant

GOOD = {"nodes": [{"id": "start", "type": "start", "config": {"account_ids": []}},
                  {"id": "t", "type": "trigger.message_received",
                   "config": {"keywords": ["sale"], "match_type": "contains"}}],
        "edges": [{"source": "start", "target": "t"}]}


def _with(**changes: Any) -> dict[str, Any]:
    d = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        d[key] = value
    return d


CASES = [
    ("unknown node type",
     _with(nodes=[*GOOD["nodes"], {"id": "x", "type": "action.teleport", "config": {}}]),
     ["body", "definition", "nodes", 2, "type"]),
    ("duplicate node ids",
     _with(nodes=[*GOOD["nodes"], {"id": "t", "type": "action.delay",
                                   "config": {"amount": 1}}]),
     ["body", "definition", "nodes", 2, "id"]),
    ("dangling edge", _with(edges=[{"source": "start", "target": "ghost"}]),
     ["body", "definition", "edges", 0, "target"]),
    ("string in number field",
     _with(nodes=[*GOOD["nodes"], {"id": "d", "type": "action.delay",
                                   "config": {"amount": "three", "unit": "days"}}]),
     ["body", "definition", "nodes", 2, "config", "amount"]),
    ("bad match type",
     _with(nodes=[GOOD["nodes"][0], {"id": "t", "type": "trigger.message_received",
                                     "config": {"keywords": ["a"], "match_type": "regex"}}]),
     ["body", "definition", "nodes", 1, "config", "match_type"]),
    ("six messages",
     _with(nodes=[*GOOD["nodes"], {"id": "m", "type": "action.send_message", "config": {
         "messages": [{"type": "text", "text": f"m{i}"} for i in range(6)]}}]),
     ["body", "definition", "nodes", 2, "config", "messages"]),
    ("nodes not a list", _with(nodes={"id": "start"}), ["body", "definition", "nodes"]),
    ("too many nodes",
     _with(nodes=[{"id": f"n{i}", "type": "action.delay", "config": {"amount": 1}}
                  for i in range(501)]), ["body", "definition", "nodes"]),
]


@pytest.mark.parametrize(("name", "definition", "loc"), CASES, ids=[c[0] for c in CASES])
def test_bad_definition_is_422_and_changes_nothing(client: TestClient, tenant: Tenant, name: str,
                                                   definition: dict[str, Any],
                                                   loc: list[Any]) -> None:
    h = tenant.headers
    wid = client.post("/api/workflows", headers=h, json={"name": "Keep me"}).json()["id"]
    ok = client.put(f"/api/workflows/{wid}", headers={**h, "If-Match": "1"},
                    json={"definition": GOOD})
    assert ok.status_code == 200
    before = client.get(f"/api/workflows/{wid}", headers=h).json()

    r = client.put(f"/api/workflows/{wid}", headers={**h, "If-Match": "2"},
                   json={"name": "Changed", "definition": definition})
    assert r.status_code == 422, r.text
    locs = [e["loc"] for e in r.json()["detail"]]
    assert loc in locs, locs
    assert all(e["msg"] for e in r.json()["detail"])
    assert client.get(f"/api/workflows/{wid}", headers=h).json() == before


def test_malformed_json_is_422(client: TestClient, tenant: Tenant) -> None:
    r = client.post("/api/workflows", headers={**tenant.headers,
                                                "Content-Type": "application/json"},
                    content=b'{"name": "oops"')
    assert r.status_code == 422
    assert r.json()["detail"][0]["type"] == "json_invalid"


def test_oversized_body_is_413(client: TestClient, tenant: Tenant) -> None:
    big = {"name": "x", "description": "a" * 2_000_000}
    r = client.post("/api/workflows", headers=tenant.headers, json=big)
    assert r.status_code == 413 and r.json()["detail"]["code"] == "too_large"


def test_wrong_types_in_resources(client: TestClient, tenant: Tenant) -> None:
    h = tenant.headers
    r = client.post("/api/tags", headers=h, json={"name": ""})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "name"]
    r = client.post("/api/auto-messages", headers=h, json={"name": "x", "messages": []})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "messages"]
    r = client.post("/api/workflows", headers=h, json={"name": 5})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "name"]
    r = client.get("/api/workflows/not-a-number", headers=h)
    assert r.status_code == 422


def test_unauthenticated_is_401(client: TestClient) -> None:
    assert client.get("/api/workflows").status_code == 401
    r = client.get("/api/workflows", headers={"Authorization": "Bearer lumo_wrong"})
    assert r.status_code == 401 and r.json()["detail"]["code"] == "unauthenticated"
