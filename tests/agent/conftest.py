"""Fixtures for the Marketing Agent: an account given as data, agents, a stub OpenAI server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from agent.marketing.account import Snapshot, snapshot_from_fixture
from agent.marketing.service import MarketingAgent
from agent.marketing.workspace import MemoryWorkspace
from agent.providers.offline import OfflinePlanner
from tests.agent.stub_openai import StubOpenAI

ACCOUNT = {
    "accounts": [{"id": 11, "name": "Tokyo shop"}],
    "tags": [{"id": 21, "name": "VIP"}, {"id": 22, "name": "Newsletter"}],
    "rich_menus": [{"id": 31, "name": "Members"}, {"id": 32, "name": "Default menu"}],
    "auto_messages": [{"id": 41, "name": "Spring sale"}],
    "qr_codes": [{"id": 51, "name": "Store front"}],
    "integrations": ["hubspot"],
}


@pytest.fixture
def account() -> Snapshot:
    return snapshot_from_fixture(ACCOUNT)


@pytest.fixture
def workspace(account: Snapshot) -> MemoryWorkspace:
    return MemoryWorkspace(account)


@pytest.fixture
def agent(workspace: MemoryWorkspace) -> Iterator[MarketingAgent]:
    a = MarketingAgent(OfflinePlanner(), workspace)
    yield a
    a.close()


@pytest.fixture
def stub_openai() -> Iterator[StubOpenAI]:
    stub = StubOpenAI().start()
    yield stub
    stub.stop()


def nodes_of(definition: dict[str, Any], node_type: str) -> list[dict[str, Any]]:
    return [n for n in definition["nodes"] if n["type"] == node_type]


def chain(definition: dict[str, Any]) -> list[str]:
    """Node types along the first path from Start (question: answered; branch: first arm)."""
    nodes = {n["id"]: n for n in definition["nodes"]}
    start = next(n for n in definition["nodes"] if n["type"] == "start")
    out, current, seen = [], start["id"], set()
    while current not in seen:
        seen.add(current)
        edges = [e for e in definition["edges"] if e["source"] == current]
        if not edges:
            break
        preferred = [e for e in edges if e.get("source_handle") in ("out", "answered",
                                                                     "branch-1")]
        current = (preferred or edges)[0]["target"]
        out.append(nodes[current]["type"])
    return out
