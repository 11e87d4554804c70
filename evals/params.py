"""Parameter checks: does the produced draft carry the values the marketer asked for?

Each check looks at the draft's node configs (the real field names of engine/nodes/*) and
resolves resource ids back to names through the account (and the draft's new tags). Texts are
compared after NFKC folding and case folding, so 「ＶＩＰ」 and "vip" are the same tag name.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from agent.marketing.account import Snapshot
from engine.nodes.delay import UNIT_SECONDS
from evals.suite import Params


@dataclass
class ParamCheck:
    name: str  # e.g. delay_seconds, tags.add
    expected: Any
    found: Any
    ok: bool

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "expected": self.expected, "found": self.found, "ok": self.ok}


def fold(text: Any) -> str:
    return unicodedata.normalize("NFKC", str(text)).casefold().strip()


class DraftView:
    """The parts of a draft the checks read."""

    def __init__(self, draft: dict[str, Any], snapshot: Snapshot):
        definition = draft.get("definition") or {}
        self.nodes = [n for n in definition.get("nodes") or [] if isinstance(n, dict)]
        self.snapshot = snapshot
        self.new_tags = {t["placeholder_id"]: t["name"] for t in draft.get("new_tags") or []}

    def configs(self, node_type: str) -> list[dict[str, Any]]:
        return [n.get("config") or {} for n in self.nodes if n.get("type") == node_type]

    def name(self, kind: str, ref: Any) -> str | None:
        if kind == "tags" and ref in self.new_tags:
            return str(self.new_tags[ref])
        return next((str(r["name"]) for r in self.snapshot.get(kind, []) if r["id"] == ref),
                    None)

    def texts(self) -> list[str]:
        """Everything a friend may read: message texts, questions, greetings, hand-off."""
        out: list[str] = []
        for c in self.configs("action.send_message"):
            for m in c.get("messages") or []:
                out += _message_texts(m)
        for c in self.configs("action.question"):
            out += [str(c.get("text", "")), *map(str, c.get("options") or [])]
        for c in self.configs("action.customer_agent"):
            out += [str(c.get("greeting") or ""), str(c.get("handoff_message") or "")]
        return [t for t in out if t]

    def messages(self) -> list[dict[str, Any]]:
        return [m for c in self.configs("action.send_message") for m in c.get("messages") or []
                if isinstance(m, dict)]

    def urls(self) -> list[str]:
        out = []
        for c in self.configs("action.send_message"):
            for m in c.get("messages") or []:
                out += _message_urls(m)
        return out + self.texts()


# LINE's message objects (and the older {kind, original_url} shape of stored reports).
_TEXT_KEYS = ("text", "title", "altText", "label", "displayText")
_URL_KEYS = ("originalContentUrl", "previewImageUrl", "thumbnailImageUrl", "imageUrl",
             "baseUrl", "linkUri", "uri", "original_url", "preview_url")


def _walk(value: Any, keys: tuple[str, ...]) -> list[str]:
    """Every string under one of `keys`, at any depth of a message object."""
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in keys and isinstance(item, str) and item:
                out.append(item)
            else:
                out += _walk(item, keys)
    elif isinstance(value, list):
        for item in value:
            out += _walk(item, keys)
    return out


def _message_texts(message: Any) -> list[str]:
    return _walk(message, _TEXT_KEYS)


def _message_urls(message: Any) -> list[str]:
    return _walk(message, _URL_KEYS)


def _seconds(config: dict[str, Any]) -> int | None:
    try:
        return int(config["amount"]) * UNIT_SECONDS[str(config.get("unit") or "days")]
    except (KeyError, TypeError, ValueError):
        return None


def _first(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def check_params(params: Params, draft: dict[str, Any] | None,
                 snapshot: Snapshot) -> list[ParamCheck]:
    view = DraftView(draft or {}, snapshot)
    checks: list[ParamCheck] = []

    def check(name: str, expected: Any, found: Any, ok: bool) -> None:
        checks.append(ParamCheck(name, expected, found, bool(ok)))

    if params.delay_seconds:
        found = [s for s in map(_seconds, view.configs("action.delay")) if s is not None]
        left = Counter(found)
        for seconds in params.delay_seconds:
            check("delay_seconds", seconds, found, left[seconds] > 0)
            left[seconds] -= 1
    if params.tags:
        for op, names in (("add", params.tags.add), ("remove", params.tags.remove)):
            found = [view.name("tags", c.get("tag_id")) for c in view.configs("action.tag")
                     if (c.get("operation") or "add") == op]
            for name in names:
                check(f"tags.{op}", name, found, fold(name) in {fold(f) for f in found if f})
    if params.keyword:
        configs = view.configs("trigger.message_received")
        words = [str(k) for c in configs for k in c.get("keywords") or []]
        for word in params.keyword.keywords:
            check("keyword", word, words, fold(word) in {fold(w) for w in words})
        if params.keyword.match_type:
            types = [c.get("match_type") or "contains" for c in configs]
            check("keyword.match_type", params.keyword.match_type, _first(types),
                  params.keyword.match_type in types)
    texts = view.texts()
    for needle in params.message_contains:
        check("message_contains", needle, texts, any(fold(needle) in fold(t) for t in texts))
    urls = view.urls()
    for url in params.urls:
        check("urls", url, [u for u in urls if "://" in u], any(url in u for u in urls))
    if params.rich_menu:
        want = params.rich_menu
        found = [(c.get("operation") or "link", view.name("rich_menus", c.get("rich_menu_id")))
                 for c in view.configs("action.rich_menu")]
        check("rich_menu", want.model_dump(exclude_none=True), found,
              any(op == want.operation and (want.name is None or fold(want.name) == fold(n or ""))
                  for op, n in found))
    if params.auto_message:
        found = [view.name("auto_messages", c.get("auto_message_id"))
                 for c in view.configs("action.auto_message")]
        check("auto_message", params.auto_message, found,
              fold(params.auto_message) in {fold(f) for f in found if f})
    if params.qr_code:
        found = [view.name("qr_codes", c.get("qr_code_id"))
                 for c in view.configs("trigger.qr_scan")]
        check("qr_code", params.qr_code, found,
              fold(params.qr_code) in {fold(f) for f in found if f})
    if params.postback:
        configs = view.configs("trigger.postback")
        if params.postback.data is not None:
            data = [str(c.get("data", "")) for c in configs]
            check("postback.data", params.postback.data, _first(data),
                  params.postback.data in data)
        if params.postback.match_type:
            types = [c.get("match_type") or "equals" for c in configs]
            check("postback.match_type", params.postback.match_type, _first(types),
                  params.postback.match_type in types)
    if params.tracking_id:
        found = [str(c.get("tracking_id", "")) for c in view.configs("trigger.video_viewed")]
        check("tracking_id", params.tracking_id, _first(found), params.tracking_id in found)
    if params.question:
        configs = view.configs("action.question")
        if params.question.text_contains:
            qtexts = [str(c.get("text", "")) for c in configs]
            check("question.text", params.question.text_contains, _first(qtexts),
                  any(fold(params.question.text_contains) in fold(t) for t in qtexts))
        options = [fold(o) for c in configs for o in c.get("options") or []]
        for option in params.question.options:
            check("question.options", option, options, fold(option) in options)
    if params.branch_conditions:
        values: list[str] = []
        for c in view.configs("action.branch"):
            for arm in c.get("branches") or []:
                for cond in arm.get("conditions") or []:
                    if cond.get("kind") == "tag":
                        values.append(view.name("tags", cond.get("tag_id")) or "")
                    elif cond.get("value") is not None:
                        values.append(str(cond["value"]))
        for value in params.branch_conditions:
            check("branch_conditions", value, values, fold(value) in {fold(v) for v in values})
    if params.ab_split_percents:
        found = [sorted(int(v.get("percent", 0)) for v in c.get("variants") or [])
                 for c in view.configs("action.ab_split")]
        check("ab_split_percents", params.ab_split_percents, _first(found),
              sorted(params.ab_split_percents) in found)
    if params.klaviyo:
        configs = view.configs("action.klaviyo")
        for key, value in params.klaviyo.model_dump(exclude_none=True).items():
            found = [c.get(key) or ("add_to_list" if key == "operation" else None)
                     for c in configs]
            check(f"klaviyo.{key}", value, _first(found), value in found)
    if params.purchase:
        configs = view.configs("trigger.purchase_completed")
        for key, value in params.purchase.model_dump(exclude_none=True).items():
            found = [c.get(key) for c in configs]
            check(f"purchase.{key}", value, _first(found), value in found)
    if params.cart and params.cart.min_cart_value is not None:
        found = [c.get("min_cart_value") for c in view.configs("trigger.cart_abandoned")]
        check("cart.min_cart_value", params.cart.min_cart_value, _first(found),
              params.cart.min_cart_value in found)
    if params.customer_agent:
        configs = view.configs("action.customer_agent")
        if params.customer_agent.handoff_keyword:
            found = [str(c.get("handoff_keyword") or "staff") for c in configs]
            check("customer_agent.handoff_keyword", params.customer_agent.handoff_keyword,
                  _first(found), fold(params.customer_agent.handoff_keyword) in map(fold, found))
        if params.customer_agent.instructions_contains:
            found = [str(c.get("instructions") or "") for c in configs]
            needle = fold(params.customer_agent.instructions_contains)
            check("customer_agent.instructions", params.customer_agent.instructions_contains,
                  _first(found), any(needle in fold(f) for f in found))
    for want in params.messages:
        _check_message(want, view.messages(), check)
    return checks


def _kind(message: dict[str, Any]) -> str:
    template = message.get("template")
    sub = template.get("type") if isinstance(template, dict) else None
    return f"{message.get('type')}.{sub}" if sub else str(message.get("type"))


def _actions(message: dict[str, Any]) -> list[dict[str, Any]]:
    template = message.get("template") if isinstance(message.get("template"), dict) else {}
    acts = list(template.get("actions") or [])
    for column in template.get("columns") or []:
        acts += column.get("actions") or ([column["action"]] if column.get("action") else [])
    return [a for a in acts if isinstance(a, dict)]


def _check_message(want: Any, messages: list[dict[str, Any]], check: Any) -> None:
    """The expected message's type, then each of its fields against the messages of that type
    (any of them may carry it: a step may send two videos)."""
    kind = f"{want.type}.{want.template}" if want.template else want.type
    kinds = [_kind(m) for m in messages]
    same = [m for m, k in zip(messages, kinds, strict=True)
            if k == kind or (not want.template and k.split(".")[0] == want.type)]
    check("messages.type", kind, kinds, bool(same))
    for key in ("packageId", "stickerId", "originalContentUrl", "previewImageUrl",
                "trackingId"):
        value = getattr(want, key)
        if value is not None:
            found = [str(m.get(key)) for m in same if m.get(key) is not None]
            check(f"messages.{key}", value, _first(found), value in found)
    if want.text_contains:
        found = [t for m in same for t in _message_texts(m)]
        check("messages.text", want.text_contains, found,
              any(fold(want.text_contains) in fold(t) for t in found))
    actions = [a for m in same for a in _actions(m)]
    labels = [fold(str(a.get("label") or "")) for a in actions]
    for label in want.buttons:
        check("messages.buttons", label, labels, fold(label) in labels)
    data = [str(a.get("data")) for a in actions if a.get("type") == "postback"]
    for value in want.postback_data:
        check("messages.postback_data", value, data, value in data)
    uris = [str(a.get("uri")) for a in actions if a.get("type") == "uri"]
    for value in want.uris:
        check("messages.uris", value, uris, value in uris)
