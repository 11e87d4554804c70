"""The workflow graph model: what parse_definition accepts as a draft, what it refuses and
where it says the problem is; the node catalog; the strict model; delay durations."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from engine.catalog import catalog
from engine.graph import (
    MAX_DEFINITION_BYTES,
    MAX_NODES,
    DefinitionError,
    parse_definition,
    strict_definition_model,
)
from engine.nodes import NODE_TYPES
from engine.validation import AccountContext, validate

START = {"id": "start", "type": "start", "config": {"account_ids": [1]}}
TRIGGER = {"id": "trigger", "type": "trigger.friend_add", "config": {}}


def text(value: str) -> dict[str, Any]:
    return {"type": "text", "text": value}


def image(original: str, preview: str = "https://cdn.example.com/p.png") -> dict[str, Any]:
    return {"type": "image", "originalContentUrl": original, "previewImageUrl": preview}


def definition(*nodes: dict[str, Any], edges: list[dict[str, Any]] | None = None) -> dict:
    return {"nodes": [START, *nodes], "edges": edges or []}


def node(node_id: str, type_: str, config: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": node_id, "type": type_, "config": config or {}}


def errors_of(data: Any) -> list[dict[str, Any]]:
    with pytest.raises(DefinitionError) as exc:
        parse_definition(data)
    return exc.value.errors


# --- drafts -----------------------------------------------------------------------------


def test_incomplete_draft_is_accepted_and_kept_as_written() -> None:
    draft = definition(
        TRIGGER,
        node("send", "action.send_message"),
        node("tag", "action.tag", {"operation": "remove"}),
        node("ask", "action.question", {"options": ["Yes", "No"]}),
        node("empty_send", "action.send_message", {"messages": []}),
        node("blank_text", "action.send_message", {"messages": [text("")]}),
        edges=[{"source": "start", "target": "trigger"},
               {"source": "trigger", "target": "send"}],
    )
    parsed = parse_definition(draft)
    assert [n.id for n in parsed.nodes] == ["start", "trigger", "send", "tag", "ask",
                                            "empty_send", "blank_text"]
    assert parsed.node("send").config == {}  # type: ignore[union-attr]
    assert parsed.node("tag").config == {"operation": "remove"}  # type: ignore[union-attr]
    assert [(e.source, e.source_handle, e.target) for e in parsed.edges] == [
        ("start", "out", "trigger"), ("trigger", "out", "send")]


def test_saved_definition_parses_back_unchanged() -> None:
    data = definition(
        TRIGGER,
        node("send", "action.send_message",
             {"messages": [text("こんにちは {{friend.display_name}}"),
                           image("https://cdn.example.com/a.png")]}),
        edges=[{"id": "e1", "source": "start", "target": "trigger"},
               {"source": "trigger", "target": "send"}],
    )
    first = parse_definition(data)
    dumped = json.loads(json.dumps(first.model_dump(mode="json")))
    again = parse_definition(dumped)
    assert again == first
    assert parse_definition(first) == first  # an already parsed definition is accepted too


# --- malformed definitions: refused, with the path of the bad field ------------------------

BIG_TEXT = [text("x" * 5000)] * 5  # a full, valid send: 25 000 characters

MALFORMED: dict[str, tuple[dict[str, Any], list[Any]]] = {
    "unknown_node_type": (
        definition(TRIGGER, node("x", "action.send_fax")),
        ["nodes", 2, "type"]),
    "duplicate_node_id": (
        definition(TRIGGER, node("trigger", "action.tag", {"tag_id": 1})),
        ["nodes", 2, "id"]),
    "edge_to_missing_node": (
        definition(TRIGGER, edges=[{"source": "start", "target": "trigger"},
                                   {"source": "trigger", "target": "ghost"}]),
        ["edges", 1, "target"]),
    "edge_from_missing_node": (
        definition(TRIGGER, edges=[{"source": "ghost", "target": "trigger"}]),
        ["edges", 0, "source"]),
    "self_loop": (
        definition(TRIGGER, node("wait", "action.delay", {"amount": 1}),
                   edges=[{"source": "trigger", "target": "wait"},
                          {"source": "wait", "target": "wait"}]),
        ["edges", 1, "target"]),
    "string_in_number_field": (
        definition(TRIGGER, node("wait", "action.delay", {"amount": "three", "unit": "days"})),
        ["nodes", 2, "config", "amount"]),
    "six_messages_in_one_send": (
        definition(TRIGGER, node("send", "action.send_message",
                                 {"messages": [text(f"m{i}") for i in range(6)]})),
        ["nodes", 2, "config", "messages"]),
    "keyword_match_type_regex": (
        definition(node("kw", "trigger.message_received",
                        {"keywords": ["sale"], "match_type": "regex"})),
        ["nodes", 1, "config", "match_type"]),
    "http_image_url": (
        definition(TRIGGER, node("send", "action.send_message",
                                 {"messages": [text("hi"), image("http://cdn.example.com/a.png")]})),
        ["nodes", 2, "config", "messages", 1, "originalContentUrl"]),
    "unknown_config_key": (
        definition(TRIGGER, node("tag", "action.tag", {"tag_id": 1, "colour": "red"})),
        ["nodes", 2, "config", "colour"]),
    "too_many_nodes": (
        definition(*[node(f"n{i}", "action.tag", {"tag_id": 1}) for i in range(MAX_NODES)]),
        ["nodes"]),
    "over_one_mebibyte": (
        definition(*[node(f"send{i}", "action.send_message", {"messages": BIG_TEXT})
                     for i in range(MAX_DEFINITION_BYTES // 25_000 + 2)]),
        []),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_definition_is_refused_at_the_bad_field(case: str) -> None:
    data, loc = MALFORMED[case]
    errors = errors_of(data)
    assert [e["loc"] for e in errors] == [loc], errors
    assert all(e["msg"] and e["type"] for e in errors)


def test_error_messages_say_what_is_wrong() -> None:
    assert "action.send_fax" in errors_of(MALFORMED["unknown_node_type"][0])[0]["msg"]
    assert "ghost" in errors_of(MALFORMED["edge_to_missing_node"][0])[0]["msg"]
    assert "trigger" in errors_of(MALFORMED["duplicate_node_id"][0])[0]["msg"]
    assert "https" in errors_of(MALFORMED["http_image_url"][0])[0]["msg"]
    too_large = errors_of(MALFORMED["over_one_mebibyte"][0])[0]
    assert too_large["type"] == "too_large" and str(MAX_DEFINITION_BYTES) in too_large["msg"]


def test_every_problem_is_reported_not_only_the_first() -> None:
    data = definition(
        TRIGGER,
        node("trigger", "action.tag", {"tag_id": 1}),
        node("wait", "action.delay", {"amount": "three"}),
        edges=[{"source": "start", "target": "nowhere"}],
    )
    locs = [e["loc"] for e in errors_of(data)]
    assert ["nodes", 2, "id"] in locs
    assert ["nodes", 3, "config", "amount"] in locs
    assert ["edges", 0, "target"] in locs


def test_limits_are_inclusive() -> None:
    # Exactly 500 nodes (Start + 499) and exactly 5 messages are fine.
    nodes = [node(f"n{i}", "action.tag", {"tag_id": 1}) for i in range(MAX_NODES - 1)]
    assert len(parse_definition(definition(*nodes)).nodes) == MAX_NODES
    five = definition(node("send", "action.send_message",
                           {"messages": [text(f"m{i}") for i in range(5)]}))
    assert len(parse_definition(five).nodes[1].config["messages"]) == 5


def test_size_limit_is_measured_in_bytes_not_escaped_characters() -> None:
    """A Japanese definition of about 0.6 MiB of UTF-8 is under the 1 MiB limit."""
    japanese = [text("あ" * 5000)] * 5
    data = definition(*[node(f"send{i}", "action.send_message", {"messages": japanese})
                        for i in range(8)])
    size = len(json.dumps(data, ensure_ascii=False).encode())
    assert size < 0.7 * MAX_DEFINITION_BYTES
    assert len(parse_definition(data).nodes) == 9


def test_https_images_are_accepted() -> None:
    data = definition(node("send", "action.send_message",
                           {"messages": [image("https://cdn.example.com/a.png")]}))
    assert parse_definition(data).nodes[1].config["messages"][0]["type"] == "image"


# --- catalog ------------------------------------------------------------------------------

REQUIRED_FIELDS: dict[str, set[str]] = {
    "start": set(),
    "trigger.friend_add": set(),
    "trigger.message_received": set(),
    "trigger.postback": {"data"},
    "trigger.qr_scan": set(),
    "trigger.video_viewed": {"tracking_id"},
    "trigger.block": set(),
    "trigger.purchase_completed": set(),
    "trigger.cart_abandoned": set(),
    "action.send_message": {"messages"},
    "action.auto_message": {"auto_message_id"},
    "action.question": {"text", "attribute"},
    "action.branch": {"branches"},
    "action.delay": {"amount"},
    "action.tag": {"tag_id"},
    "action.rich_menu": set(),
    "action.customer_agent": set(),
    "action.hubspot": set(),
    "action.klaviyo": set(),
    "action.ab_split": {"variants"},
}


def _entries() -> dict[str, dict[str, Any]]:
    return {entry["type"]: entry for entry in catalog()["node_types"]}


def test_catalog_lists_every_node_type_once() -> None:
    types = [entry["type"] for entry in catalog()["node_types"]]
    assert sorted(types) == sorted(NODE_TYPES)
    assert len(types) == len(set(types))
    # Covers every trigger and action named in DESIGN.md.
    assert set(REQUIRED_FIELDS) == set(NODE_TYPES)
    json.dumps(catalog())  # served as-is by GET /api/catalog


@pytest.mark.parametrize("node_type", sorted(REQUIRED_FIELDS))
def test_catalog_entry_describes_the_node(node_type: str) -> None:
    entry = _entries()[node_type]
    assert entry["label"].strip() and entry["label_ja"].strip()
    assert not entry["label_ja"].isascii(), "label_ja is the Japanese label"
    assert len(entry["description"]) > 10
    assert entry["outputs"], "every node has at least one output handle"
    for handle in entry["outputs"]:
        assert handle["id"] and handle["label"] and handle["label_ja"]
    assert entry["inputs"] == ([] if node_type == "start" else ["in"])
    schema = entry["schema"]
    assert schema["type"] == "object"
    assert set(schema.get("required", [])) == REQUIRED_FIELDS[node_type]
    assert set(schema.get("required", [])) <= set(schema.get("properties", {}))
    assert schema.get("additionalProperties") is False  # unknown keys are refused


def test_catalog_handles_of_branching_nodes() -> None:
    entries = _entries()
    assert [h["id"] for h in entries["action.question"]["outputs"]] == ["answered", "timeout"]
    branch = entries["action.branch"]
    assert branch["dynamic_outputs"] is True
    assert [h["id"] for h in branch["outputs"]][-1] == "else"
    assert entries["action.hubspot"]["integration"] == "hubspot"
    assert entries["action.klaviyo"]["integration"] == "klaviyo"
    categories = {t: e["category"] for t, e in entries.items()}
    assert categories["start"] == "start"
    assert {t for t, c in categories.items() if c == "trigger"} == {
        t for t in NODE_TYPES if t.startswith("trigger.")}
    assert {t for t, c in categories.items() if c == "action"} == {
        t for t in NODE_TYPES if t.startswith("action.")}


def test_catalog_schema_states_limits() -> None:
    entries = _entries()
    messages = entries["action.send_message"]["schema"]["properties"]["messages"]
    assert messages["maxItems"] == 5 and messages["minItems"] == 1
    match_type = entries["trigger.message_received"]["schema"]["properties"]["match_type"]
    assert set(match_type["enum"]) == {"equals", "contains", "starts_with", "ends_with"}


# --- the strict model (the agent's propose_workflow schema) -----------------------------


def test_strict_schema_covers_every_node_type() -> None:
    schema = strict_definition_model().model_json_schema()
    mapping = schema["properties"]["nodes"]["items"]["discriminator"]["mapping"]
    assert set(mapping) == set(NODE_TYPES)
    for node_type, ref in mapping.items():
        node_schema = schema["$defs"][ref.rsplit("/", 1)[-1]]
        assert node_schema["properties"]["type"]["const"] == node_type
        assert "config" in node_schema["required"]


def test_strict_model_refuses_an_incomplete_node_that_parse_accepts() -> None:
    draft = definition(TRIGGER, node("tag", "action.tag", {"operation": "add"}),
                       edges=[{"source": "start", "target": "trigger"},
                              {"source": "trigger", "target": "tag"}])
    parse_definition(draft)  # a draft may be saved
    strict = strict_definition_model()
    with pytest.raises(ValidationError) as exc:
        strict.model_validate(draft)
    locs = [e["loc"] for e in exc.value.errors()]
    assert any(loc[:2] == ("nodes", 2) and loc[-1] == "tag_id" for loc in locs), locs
    complete = definition(TRIGGER, node("tag", "action.tag", {"tag_id": 3}),
                          edges=draft["edges"])
    assert len(strict.model_validate(complete).nodes) == 3  # type: ignore[attr-defined]


def test_strict_model_refuses_unknown_types() -> None:
    with pytest.raises(ValidationError):
        strict_definition_model().model_validate(definition(node("x", "action.send_fax")))


# --- delay ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "unit", "seconds"), [
    (1, "minutes", 60), (90, "minutes", 5400), (2, "hours", 7200), (3, "days", 259_200),
    (2, "weeks", 1_209_600),
])
def test_delay_units_give_seconds(amount: int, unit: str, seconds: int) -> None:
    config = NODE_TYPES["action.delay"].config_model.model_validate(
        {"amount": amount, "unit": unit})
    assert config.seconds == seconds  # type: ignore[attr-defined]


def test_delay_unit_defaults_to_days() -> None:
    config = NODE_TYPES["action.delay"].config_model.model_validate({"amount": 2})
    assert config.seconds == 2 * 86_400  # type: ignore[attr-defined]


def _delay_issues(amount: int, unit: str) -> list[tuple[str, str | None]]:
    data = definition(TRIGGER, node("wait", "action.delay", {"amount": amount, "unit": unit}),
                      edges=[{"source": "start", "target": "trigger"},
                             {"source": "trigger", "target": "wait"}])
    report = validate(parse_definition(data), AccountContext(account_ids={1}))
    return [(e.code, e.field) for e in report.errors]


@pytest.mark.parametrize(("amount", "unit"), [
    (365, "days"), (52, "weeks"), (8760, "hours"), (525_600, "minutes")])
def test_delay_of_up_to_365_days_is_valid(amount: int, unit: str) -> None:
    assert _delay_issues(amount, unit) == []


@pytest.mark.parametrize(("amount", "unit"), [(366, "days"), (53, "weeks"), (8761, "hours")])
def test_delay_over_365_days_is_an_error(amount: int, unit: str) -> None:
    assert _delay_issues(amount, unit) == [("invalid_field", "/nodes/2/config/amount")]


def test_delay_amount_must_be_positive() -> None:
    errors = errors_of(definition(node("wait", "action.delay", {"amount": 0})))
    assert [e["loc"] for e in errors] == [["nodes", 1, "config", "amount"]]
