"""A node type declared in one place shows up in the catalog, the dispatcher's trigger table
and the offline builder's names without touching any of them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from agent.providers.offline.builder import name_for
from engine import catalog as catalog_module
from engine.nodes import NODE_TYPES
from engine.nodes.base import NodeConfig, NodeSpec
from engine.runtime import dispatcher
from tests.conftest import Tenant


class _FakeConfig(NodeConfig):
    pass


FAKE_TRIGGER = NodeSpec(type="trigger.fake_ping", category="trigger", label="Fake ping",
                        label_ja="フェイク通知", description="Test only.",
                        config_model=_FakeConfig, inputs=("in",), event_kind="fake_ping",
                        short_label="Ping", short_label_ja="ピン")
FAKE_ACTION = NodeSpec(type="action.fake_wave", category="action", label="Fake wave",
                       label_ja="フェイク手振り", description="Test only.",
                       config_model=_FakeConfig)


@pytest.fixture
def fake_nodes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    catalog_module.catalog.cache_clear()
    for spec in (FAKE_TRIGGER, FAKE_ACTION):
        monkeypatch.setitem(NODE_TYPES, spec.type, spec)
    yield
    monkeypatch.undo()
    catalog_module.catalog.cache_clear()


def test_fake_node_types_appear_everywhere(fake_nodes: None, client: TestClient,
                                           tenant: Tenant) -> None:
    cat = client.get("/api/catalog", headers=tenant.headers).json()["node_types"]
    by_type = {n["type"]: n for n in cat}
    assert by_type["trigger.fake_ping"]["label"] == "Fake ping"
    assert by_type["trigger.fake_ping"]["label_ja"] == "フェイク通知"
    assert by_type["action.fake_wave"]["label_ja"] == "フェイク手振り"
    assert by_type["trigger.fake_ping"]["category"] == "trigger"

    assert "fake_ping" in dispatcher.trigger_kinds()

    definition = {"nodes": [{"id": "t", "type": "trigger.fake_ping", "config": {}},
                            {"id": "a", "type": "action.fake_wave", "config": {}}],
                  "edges": [{"source": "t", "target": "a"}]}
    assert name_for(definition, "en", {}) == "Ping: Fake wave"
    assert name_for(definition, "ja", {}) == "ピン：フェイク手振り"


def test_fake_node_types_leave_no_trace() -> None:
    assert "trigger.fake_ping" not in NODE_TYPES
    assert "fake_ping" not in dispatcher.trigger_kinds()
    assert "trigger.fake_ping" not in {n["type"] for n in catalog_module.catalog()["node_types"]}
