"""Workflow templates: starting structures for the Create Workflow dialog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.graph import WorkflowDefinition, parse_definition

Chain = list[tuple[str, str, dict[str, Any]]]  # (node id, type, config)


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    name_ja: str
    description: str
    nodes: tuple[tuple[str, str, dict[str, Any]], ...]
    edges: tuple[tuple[str, str, str], ...]  # (source, handle, target)

    def definition(self) -> WorkflowDefinition:
        depth: dict[str, int] = {"start": 0}
        for src, _, dst in self.edges:
            depth[dst] = depth.get(src, 0) + 1
        column: dict[int, int] = {}
        nodes = []
        for node_id, type_, config in self.nodes:
            level = depth.get(node_id, 0)
            col = column.get(level, 0)
            column[level] = col + 1
            nodes.append({"id": node_id, "type": type_, "config": config,
                          "position": {"x": col * 280, "y": level * 160}})
        edges = [{"id": f"e-{s}-{h}-{t}", "source": s, "source_handle": h, "target": t}
                 for s, h, t in self.edges]
        return parse_definition({"nodes": nodes, "edges": edges})


def _text(text: str) -> dict[str, Any]:
    return {"messages": [{"type": "text", "text": text}]}


START = ("start", "start", {"account_ids": []})

TEMPLATES: dict[str, Template] = {t.id: t for t in (
    Template(
        id="friend_add_flow", name="Flow after friend add", name_ja="友だち追加後のフロー",
        description="Welcome new friends, wait three days, then send a coupon.",
        nodes=(START, ("trigger", "trigger.friend_add", {}),
               ("welcome", "action.send_message",
                _text("Thanks for adding us, {{friend.display_name}}! 🎉")),
               ("wait", "action.delay", {"amount": 3, "unit": "days"}),
               ("coupon", "action.send_message",
                _text("Here is your 10% coupon: WELCOME10"))),
        edges=(("start", "out", "trigger"), ("trigger", "out", "welcome"),
               ("welcome", "out", "wait"), ("wait", "out", "coupon")),
    ),
    Template(
        id="keyword_auto_reply", name="Keyword auto-reply", name_ja="キーワード自動応答",
        description="Reply automatically when a friend's message contains a keyword.",
        nodes=(START, ("trigger", "trigger.message_received",
                       {"keywords": ["hours"], "match_type": "contains"}),
               ("reply", "action.send_message",
                _text("We are open every day from 10:00 to 20:00."))),
        edges=(("start", "out", "trigger"), ("trigger", "out", "reply")),
    ),
    Template(
        id="survey_and_tag", name="Survey and tag", name_ja="アンケートとタグ付け",
        description="Ask new friends a question, save the answer and tag them by it.",
        nodes=(START, ("trigger", "trigger.friend_add", {}),
               ("ask", "action.question",
                {"text": "What are you most interested in?",
                 "options": ["Sale", "New arrivals"], "attribute": "interest",
                 "timeout_seconds": 86_400}),
               ("route", "action.branch",
                {"branches": [{"label": "Sale", "match": "all", "conditions": [
                    {"kind": "attribute", "attribute": "interest", "op": "equals",
                     "value": "Sale"}]}]}),
               ("tag_sale", "action.tag", {"operation": "add"}),
               ("tag_new", "action.tag", {"operation": "add"})),
        edges=(("start", "out", "trigger"), ("trigger", "out", "ask"),
               ("ask", "answered", "route"), ("route", "branch-1", "tag_sale"),
               ("route", "else", "tag_new")),
    ),
    Template(
        id="cart_abandonment", name="Cart abandonment reminder", name_ja="カゴ落ちリマインド",
        description="Remind a friend about their cart an hour after they leave it.",
        nodes=(START, ("trigger", "trigger.cart_abandoned", {}),
               ("wait", "action.delay", {"amount": 1, "unit": "hours"}),
               ("remind", "action.send_message",
                _text("You left something in your cart, {{friend.display_name}}. "
                      "It is still waiting for you!"))),
        edges=(("start", "out", "trigger"), ("trigger", "out", "wait"),
               ("wait", "out", "remind")),
    ),
    Template(
        id="purchase_thanks", name="Thank you after purchase", name_ja="購入お礼",
        description="Thank the friend after a purchase and ask for a review a week later.",
        nodes=(START, ("trigger", "trigger.purchase_completed", {}),
               ("thanks", "action.send_message", _text("Thank you for your order!")),
               ("wait", "action.delay", {"amount": 1, "unit": "weeks"}),
               ("review", "action.send_message",
                _text("How do you like it? We would love your review."))),
        edges=(("start", "out", "trigger"), ("trigger", "out", "thanks"),
               ("thanks", "out", "wait"), ("wait", "out", "review")),
    ),
)}
