"""A Question's prompt may be any LINE message Send Message supports, before its text: the
catalog offers the same message schema, old definitions (text only) keep their meaning, bad
message fields are named by pointer, and LINE's 5-message limit counts the question text."""

from __future__ import annotations

from typing import Any

from engine.catalog import catalog
from engine.graph import strict_definition_model
from engine.nodes.question import QuestionConfig
from engine.validation import AccountContext, validate

IMG = "https://cdn.example.com/size-chart.png"
IMAGE = {"type": "image", "originalContentUrl": IMG, "previewImageUrl": IMG}
CTX = AccountContext(account_ids={1}, tag_ids=set(), auto_message_ids=set(),
                     rich_menu_ids=set(), qr_code_ids=set())


def _schema(node_type: str) -> dict[str, Any]:
    entry = next(e for e in catalog()["node_types"] if e["type"] == node_type)
    return entry["schema"]


def _flow(config: dict[str, Any]) -> dict[str, Any]:
    return {"nodes": [{"id": "start", "type": "start", "config": {"account_ids": [1]}},
                      {"id": "t", "type": "trigger.friend_add", "config": {}},
                      {"id": "q", "type": "action.question", "config": config}],
            "edges": [{"source": "start", "target": "t", "source_handle": "out"},
                      {"source": "t", "target": "q", "source_handle": "out"}]}


def _message_types(schema: dict[str, Any], prop: dict[str, Any]) -> set[str]:
    defs = schema.get("$defs", {})
    items = prop["items"]
    refs = [o["$ref"] for o in items.get("oneOf") or items.get("anyOf") or [items]]
    return {defs[r.rsplit("/", 1)[-1]]["properties"]["type"]["const"] for r in refs}


def test_the_catalog_offers_the_send_message_types_for_the_question_prompt() -> None:
    question, send = _schema("action.question"), _schema("action.send_message")
    prop = question["properties"]["messages"]
    assert "messages" not in question.get("required", [])  # old questions have none
    assert prop["maxItems"] == 4  # + the question text = LINE's 5
    assert _message_types(question, prop) == _message_types(send, send["properties"]["messages"])
    assert {"image", "flex", "template", "video"} <= _message_types(question, prop)


def test_an_old_question_keeps_asking_its_text_alone() -> None:
    old = QuestionConfig.model_validate({"text": "Size?", "options": ["S", "M"],
                                         "attribute": "size"})
    assert old.prompt() == [{"type": "text", "text": "Size?"}]
    new = QuestionConfig.model_validate({"text": "Size?", "messages": [IMAGE],
                                         "attribute": "size"})
    assert new.prompt() == [IMAGE, {"type": "text", "text": "Size?"}]


def test_bad_prompt_messages_are_named_by_pointer() -> None:
    bad = {"type": "image", "originalContentUrl": "http://insecure.example/a.png",
           "previewImageUrl": IMG}
    report = validate(_flow({"text": "Size?", "messages": [IMAGE, bad], "attribute": "size"}),
                      CTX)
    assert [e.field for e in report.errors] == ["/nodes/2/config/messages/1/originalContentUrl"]
    assert "https" in report.errors[0].message
    report = validate(_flow({"text": "Size?", "messages": [IMAGE] * 5, "attribute": "size"}),
                      CTX)
    assert [e.field for e in report.errors] == ["/nodes/2/config/messages"]
    ok = validate(_flow({"text": "Size?", "messages": [IMAGE] * 4, "attribute": "size"}), CTX)
    assert ok.errors == []


def test_the_agents_strict_schema_accepts_a_question_with_an_image() -> None:
    model = strict_definition_model()
    flow = _flow({"text": "Size?", "messages": [IMAGE], "options": ["S", "M"],
                  "attribute": "size"})
    model.model_validate(flow)
