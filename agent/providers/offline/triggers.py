"""Trigger configs from the goal: keywords and match type, postback data, QR code, amounts."""

from __future__ import annotations

import re
from typing import Any

from agent.providers.offline.goal import Goal
from agent.providers.offline.lexicon import match_type
from agent.providers.offline.resources import find_by_name, mentioned

LABELS = {
    "trigger.friend_add": ("Friend added", "友だち追加"),
    "trigger.message_received": ("Keyword", "キーワード受信"),
    "trigger.postback": ("Postback", "ポストバック"),
    "trigger.qr_scan": ("QR scan", "QR読み取り"),
    "trigger.video_viewed": ("Video watched", "動画視聴"),
    "trigger.block": ("Blocked", "ブロック"),
    "trigger.purchase_completed": ("Purchase", "購入完了"),
    "trigger.cart_abandoned": ("Abandoned cart", "カゴ落ち"),
}
_AMOUNT = re.compile(r"(?:over|above|at least|more than|min(?:imum)?(?: of)?|>=|≥|worth)\s*"
                     r"[¥$€£]?\s*(?P<a>[\d,]+(?:\.\d+)?)|(?P<b>[\d,]+(?:\.\d+)?)\s*(?:円|yen)"
                     r"\s*(?:以上|超|から)?", re.I)
_SKU = re.compile(r"\bSKU\s*[:#]?\s*([A-Za-z0-9_\-]+)", re.I)
_WORD_KEYWORD = re.compile(r"\b(?:keywords?|the word|words?)\s+(?:is\s+|of\s+)?"
                           r"([^\s,.;:!?\ue000]+)", re.I)
_JA_KEYWORD = re.compile(r"キーワード(?:は|が|の|:)?\s*([^\s、。,「」\ue000]+?)"
                         r"(?:と|を|で|に|の|$)")
_TRACKING = re.compile(r"tracking[ _-]?id\s*[:=]?\s*([A-Za-z0-9_.\-]+)", re.I)
_DATA = re.compile(r"\bdata\s*[:=]?\s*([^\s,;\ue000]+)", re.I)
_BARE_KEYWORD_AFTER_VERB = re.compile(
    r"\b(?:sends?|types?|says?|texts?|writes?|messages? us(?: with)?)\s+(?!a\b|an\b|the\b|us\b|"
    r"any\b|me\b|something\b|anything\b|message\b|messages\b|text\b|in\b|to\b)"
    r"([A-Za-z0-9#_\-]{2,30})\b(?=\s*(?:,|then|$|\.|;|we|to|and|,? ?(?:send|reply|tag|ask)))",
    re.I)


def _amount(text: str) -> float | None:
    m = _AMOUNT.search(text)
    if not m:
        return None
    raw = (m.group("a") or m.group("b") or "").replace(",", "")
    try:
        return float(raw)
    except ValueError:
        return None


def trigger_config(kind: str, goal: Goal, start: int, end: int) -> dict[str, Any]:
    window = goal.text[start:end]
    masked_window = goal.masked[start:end]
    if kind == "trigger.message_received":
        quotes = goal.quotes_in(start, end)
        keywords = [q.text[:200] for q in quotes]
        if not keywords:
            m = _WORD_KEYWORD.search(masked_window) or _JA_KEYWORD.search(masked_window) or \
                _BARE_KEYWORD_AFTER_VERB.search(masked_window)
            if m:
                keywords = [m.group(1)]
        if not keywords and goal.answers.get("keyword"):
            keywords = [goal.answers["keyword"]]
        config: dict[str, Any] = {"keywords": keywords[:50]}
        mt = match_type(masked_window)
        config["match_type"] = mt or "contains"
        return config
    if kind == "trigger.postback":
        quotes = goal.quotes_in(start, end)
        data = quotes[0].text if quotes else None
        if data is None:
            m = _DATA.search(masked_window)
            data = m.group(1) if m else goal.answers.get("postback_data")
        if not data:
            goal.ask("postback_data", "Which postback data should start it? (the `data` of the "
                     "button or rich-menu area)", "どのポストバックデータで開始しますか？"
                     "（ボタンやリッチメニューの data の値）")
        return {"data": str(data)[:300], "match_type": match_type(masked_window) or "equals"}
    if kind == "trigger.qr_scan":
        quotes = goal.quotes_in(start, end, take=False)
        for q in quotes:
            hit = find_by_name(goal.snapshot, "qr_codes", q.text)
            if hit:
                goal.take_quote(q)
                return {"qr_code_id": hit["id"]}
        named = mentioned(goal.snapshot, "qr_codes", goal.masked)
        if named:
            return {"qr_code_id": named[0]["id"]}
        answer = goal.answers.get("qr_code")
        hit = find_by_name(goal.snapshot, "qr_codes", answer) if answer else None
        return {"qr_code_id": hit["id"] if hit else None}
    if kind == "trigger.video_viewed":
        quotes = goal.quotes_in(start, end)
        tracking = quotes[0].text if quotes else None
        if tracking is None:
            m = _TRACKING.search(window)
            tracking = m.group(1) if m else goal.answers.get("tracking_id")
        if tracking:
            tracking = re.sub(r"[^A-Za-z0-9_\-.]+", "-", tracking.strip()).strip("-")[:100]
        if not tracking:
            goal.ask("tracking_id", "Which video? Give me the video message's tracking ID.",
                     "どの動画ですか？動画メッセージのトラッキングIDを教えてください。")
        return {"tracking_id": tracking}
    if kind == "trigger.purchase_completed":
        config = {}
        amount = _amount(masked_window)
        if amount is not None:
            config["min_amount"] = amount
        sku = _SKU.search(window)
        if sku:
            config["product_sku"] = sku.group(1)
        return config
    if kind == "trigger.cart_abandoned":
        amount = _amount(masked_window)
        return {"min_cart_value": amount} if amount is not None else {}
    return {}
