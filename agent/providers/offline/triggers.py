"""Trigger configs from the goal: keywords and match type, postback data, QR code, amounts."""

from __future__ import annotations

import re
from typing import Any

from agent.providers.offline import values
from agent.providers.offline.goal import Goal
from agent.providers.offline.lexicon import match_type
from agent.providers.offline.resources import find_by_name
from agent.providers.offline.text import Quote

_WORD_KEYWORD = re.compile(r"\b(?:keywords?|the word|words?)\s+(?:is\s+|of\s+)?"
                           r"([^\s,.;:!?\ue000]+)", re.I)
_JA_KEYWORD = re.compile(r"キーワード(?:は|が|の|:)?\s*([^\s、。,「」\ue000]+?)"
                         r"(?:と|を|で|に|の|$)")
_DATA = re.compile(r"(?:\bdata|データ|\bpostback)\s*(?:is\s+|は|が|で)?[:=]?\s*"
                   r"(?P<v>\ue000+|(?!comes|is|arrives|data)[A-Za-z0-9_][A-Za-z0-9_=.\-]*|"
                   r"[^\s,;()\ue000、。のがをにはで]+(?=の|が|を|$))", re.I)
BARE_KEYWORD_AFTER_VERB = re.compile(
    r"\b(?:sends?|types?|says?|texts?|writes?|messages? us(?: with)?|messages?|messaging|"
    r"texting)\s+(?:only\s+|just\s+|exactly\s+)?"
    r"(?!a\b|an\b|the\b|us\b|"
    r"any\b|me\b|something\b|anything\b|message\b|messages\b|text\b|in\b|to\b)"
    r"((?:[A-Za-z0-9#_\-]{2,30}|[\u3040-\u30ff\u4e00-\u9fff]{1,20})(?:(?:\s*,\s*|\s+or\s+|\s*/\s*)"
    r"(?:[A-Za-z0-9#_\-]{2,30}|[\u3040-\u30ff\u4e00-\u9fff]{1,20}))*)(?![\w])"
    r"(?=\s*(?:,|then|$|\.|;|:|\?|!|\(|we|to|and|→|->|=>|should\b|will\b|gets?\b|"
    r"receives?\b|,? ?(?:(?:just|please|pls|simply)\s+)?"
    r"(?:send|reply|respond|answer|tag|ask|show|give|start|launch|open|connect|hand|pass|"
    r"route|switch|link|add|remove|wait|let|put|move)\b))", re.I)


_BARE_AFTER_MATCH = re.compile(
    r"\b(?:contains?|containing|includes?|including|starts? with|starting with|begins? with|"
    r"beginning with|ends? with|ending with|equals?|is exactly|(?:whole|entire) message is|"
    r"(?:message|text) has|exact match(?: on)?|asks? (?:for|about) (?:the|our|their)|"
    r"with the (?:key)?word|for the (?:key)?word|the (?:key)?word|keywords?|the keyword)\b"
    r"\s*(?:[(（][^()（）\ue000]{0,30}[)）])?\s*[:：]?\s*(?:just\s+|only\s+|exactly\s+)?"
    r"(?P<k>(?!the\b|a\b|an\b|any\b|our\b|their\b|just\b|only\b|exactly\b)"
    r"(?:[A-Za-z0-9#_\-]{2,30}|[\u3040-\u30ff\u4e00-\u9fff]{1,20})"
    r"(?:\s*(?:,|\bor\b|/|\(or\b)\s*(?:[A-Za-z0-9#_\-]{2,30}|[\u3040-\u30ff\u4e00-\u9fff]{1,20}))*)"
    r"(?![\w])", re.I)
VIDEO_PLACEHOLDER = "VIDEO_TRACKING_ID"
POSTBACK_PLACEHOLDER = "POSTBACK_DATA"
# A postback's data as LINE marketers write it ("action=coupon"), not inside a URL.
KEY_VALUE = re.compile(r"(?<![A-Za-z0-9_=?&/.%-])(?<!://)[A-Za-z][A-Za-z0-9_\-.]*=[A-Za-z0-9_\-.]+"
                       r"(?![\w=])")
_IDENT = r"[A-Za-z0-9][A-Za-z0-9.\-]*[_\-.0-9][A-Za-z0-9_.\-]*|[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+"
_BUTTON_DATA = re.compile(r"(?:\bbutton|ボタン)\s*[（(]\s*(?:(?:postback\s*)?data\s*[:=]?\s*)?"
                          r"(?P<v>" + _IDENT + r")\s*[)）]", re.I)
_VIDEO_NAME = [
    re.compile(r"\b(?:the\s+|our\s+)?(?P<v>" + _IDENT + r")\s+(?:video|movie|clip)s?\b", re.I),
    re.compile(r"\b(?:video|movie|clip)\s+(?:called\s+|named\s+)?(?P<v>" + _IDENT + r")\b", re.I),
    re.compile(r"\b(?:video|movie|clip)\b[^.;→\n]{0,40}?\(\s*(?:tracking(?:\s*id)?\s*[:=]?\s*)?"
               r"(?P<v>" + _IDENT + r")\s*\)", re.I),
    re.compile(r"(?:動画|ムービー)\s*[（(]\s*(?P<v>[A-Za-z0-9][A-Za-z0-9_.\-]*)\s*[)）]|"
               r"(?P<w>[A-Za-z0-9][A-Za-z0-9_.\-]+)\s*(?:の)?(?:動画|ムービー)"),
]


def _video_name(goal: Goal, lo: int, hi: int) -> str | None:
    """"the latte_art video", 「ラテアート動画（latte_art）」: the video's tracking id."""
    for p in _VIDEO_NAME:
        m = p.search(goal.masked, lo, hi) or p.search(goal.masked)
        if m:
            return m.group("v") or m.groupdict().get("w")
    return None


_LIST_GAP = re.compile(r"^\s*(?:,|/|、|・|や|か|\bor\b|\band\b|または|もしくは|,\s*or|,\s*and)?"
                       r"\s*$", re.I)


def _listed(goal: Goal, quotes: list[Quote]) -> list[Quote]:
    """The first quote and those listed right after it ('price', 'cost' or 'fee'): a later
    quote ("… as 'Coupon used'") belongs to something else."""
    out = quotes[:1]
    for q in quotes[1:]:
        if not _LIST_GAP.match(goal.masked[out[-1].end:q.start]):
            break
        out.append(q)
    return out


# 「お正月って送ってきた人」, 「質問って送ってきたら」: an unquoted keyword right before って/と.
_JA_BARE_KEYWORD = re.compile(r"(?P<k>[^\s、。,「」\ue000をにがはでもの]{1,15}?)(?:って|と)"
                              r"(?:だけ)?"
                              r"(?:送|打|入力|言|書|来|メッセージ|聞かれ|質問され|尋ねられ)")


def trigger_config(kind: str, goal: Goal, start: int, end: int,
                   chain: bool = False) -> dict[str, Any]:
    masked_window = goal.masked[start:end]
    if kind == "trigger.message_received":
        # A message's unquoted text is never a keyword.
        quotes = _listed(goal, [q for q in goal.quotes_in(start, end, take=False)
                                if not q.implicit])
        for q in quotes:
            goal.take_quote(q)
        keywords = [q.text[:200] for q in quotes]
        if not keywords:
            m = _BARE_AFTER_MATCH.search(goal.masked, *values.sentence(goal, start, end))
            if m:
                keywords = [k for k in re.split(r"\s*,\s*|\s+or\s+|\s*/\s*|\s*\(or\s+",
                                                m.group("k"), flags=re.I) if k]
        if not keywords:
            bare = BARE_KEYWORD_AFTER_VERB.search(goal.masked, start)  # sees what follows
            m = _WORD_KEYWORD.search(masked_window) or _JA_KEYWORD.search(masked_window) or (
                bare if bare and bare.start() < end and bare.end() <= end + 40 else None)
            if m:
                keywords = [k for k in re.split(r"\s*,\s*|\s+or\s+|\s*/\s*", m.group(1), flags=re.I)
                            if k]
        if not keywords:
            # "any thank-you message (thanks, ありがとう)": the words listed in brackets
            listed = re.search(r"\b(?:messages?|texts?|words?)\s*[(（]\s*(?:e\.g\.\s*|like\s+|"
                               r"keywords?\s*:?\s*)?(?P<k>[^()（）\ue000]{1,80}?)\s*[)）]",
                               masked_window, re.I)
            if listed:
                keywords = [k.strip(" '\"") for k in re.split(r"\s*(?:,|、|/|\bor\b)\s*",
                                                              listed.group("k")) if k.strip()]
        if not keywords and goal.ja:
            found = list(_JA_BARE_KEYWORD.finditer(masked_window))
            if found:  # 「営業時間・hours・openって聞かれたら」: several, listed with ・
                # 「再入荷とかrestockって」: とか lists them too
                keywords = [k for k in re.split(r"[・/／]|とか", found[-1].group("k")) if k]
        if not keywords and chain:
            # "subscribe (exact match) → …": a chain that starts on its keyword
            alone = re.fullmatch(r"\s*(?:keywords?\s*:?\s*)?(?:exact(?:ly)?(?: match)?\s+)?"
                                 r"(?P<k>(?:[A-Za-z0-9#_\-]{2,30}|[\u3040-\u30ff\u4e00-\u9fff]{1,20})"
                                 r"(?:\s*(?:,|\bor\b|/)\s*(?:[A-Za-z0-9#_\-]{2,30}|"
                                 r"[\u3040-\u30ff\u4e00-\u9fff]{1,20}))*)\s*(?:\([^)]*\))?\s*",
                                 masked_window)
            if alone:
                keywords = [k for k in re.split(r"\s*,\s*|\s+or\s+|\s*/\s*", alone.group("k"))
                            if k]
        if not keywords and goal.answers.get("keyword"):
            keywords = [goal.answers["keyword"]]
        config: dict[str, Any] = {"keywords": keywords[:50]}
        lo, hi = values.sentence(goal, start, end)
        mt = match_type(masked_window) or match_type(goal.masked[lo:hi])
        config["match_type"] = mt or "contains"
        return config
    if kind == "trigger.postback":
        # "the 'Join VIP' button (postback data join_vip)": data said as such beats a label.
        m = _DATA.search(goal.masked, start, end)
        data: str | None = None
        if m and m.group("v").startswith("\ue000"):
            q = next((q for q in goal.quotes if q.start == m.start("v")), None)
            data = goal.take_quote(q) if q else None
        elif m:
            data = m.group("v").rstrip(".")
        if data is None:
            # "postback subscribe=news", "the button that sends membership=cancel"
            kv = KEY_VALUE.search(goal.masked, *values.sentence(goal, start, end)) or \
                KEY_VALUE.search(goal.masked)
            data = kv.group(0) if kv else None
        if data is None:
            # 「通常に戻る」ボタン（sale_end）, "the 'Back' button (sale_end)": the data in brackets
            b = _BUTTON_DATA.search(goal.masked)
            data = b.group("v") if b else None
        if data is None:
            quotes = goal.quotes_in(start, end, take=False)
            data = goal.take_quote(quotes[0]) if quotes else goal.answers.get("postback_data")
        if not data:
            label = re.search(r"\b(?:the\s+)?([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*)?)\s+button\b",
                              goal.masked)
            data = ("action=" + re.sub(r"\W+", "_", label.group(1).lower()).strip("_")) if label \
                and label.group(1).lower() not in ("a", "the", "our", "any") else \
                POSTBACK_PLACEHOLDER
            goal.note(f"I assumed the postback data “{data}”: tell me the data your button or "
                      "rich-menu area sends.",
                      f"ポストバックデータは「{data}」と仮定しました。ボタンやリッチメニューが送るdataを教えてください。")
        return {"data": str(data)[:300], "match_type": match_type(masked_window) or "equals"}
    if kind == "trigger.qr_scan":
        quotes = goal.quotes_in(start, end, take=False)
        for q in quotes:
            hit = find_by_name(goal.snapshot, "qr_codes", q.text)
            if hit:
                goal.take_quote(q)
                return {"qr_code_id": hit["id"]}
        named = goal.links_of("qr_codes")
        if named:
            return {"qr_code_id": named[0].id}
        answer = goal.answers.get("qr_code")
        hit = find_by_name(goal.snapshot, "qr_codes", answer) if answer else None
        if hit is None and goal.snapshot["qr_codes"]:
            # Draft first: the account's first QR code, said in the reply.
            rows = goal.snapshot["qr_codes"]
            hit = rows[0]
            others = ", ".join(f"“{r['name']}”" for r in rows[1:6])
            goal.note(f"I assumed the QR code “{hit['name']}”"
                      + (f"; tell me if it should be another ({others})." if others else "."),
                      f"QRコードは「{hit['name']}」を仮に選びました。"
                      + (f"別のもの（{others}）なら教えてください。" if others else ""))
        return {"qr_code_id": hit["id"] if hit else None}
    lo, hi = values.sentence(goal, start, end)
    if kind == "trigger.video_viewed":
        tracking = values.tracking_id(goal, lo, hi) or _video_name(goal, lo, hi)
        if tracking is None:
            quotes = goal.quotes_in(start, end, take=False)
            tracking = goal.take_quote(quotes[0]) if quotes else goal.answers.get("tracking_id")
        if tracking:
            tracking = re.sub(r"[^A-Za-z0-9_\-.]+", "-", tracking.strip()).strip("-")[:100]
        if not tracking:
            # Draft first: a placeholder id, said in the reply.
            tracking = VIDEO_PLACEHOLDER
            goal.note("The video's tracking ID is a placeholder (VIDEO_TRACKING_ID): tell me the "
                      "trackingId of the video message.",
                      "動画のトラッキングIDは仮のもの（VIDEO_TRACKING_ID）です。動画メッセージのtrackingIdを"
                      "教えてください。")
        return {"tracking_id": tracking}
    if kind == "trigger.purchase_completed":
        config = {}
        amount = values.min_amount(goal, lo, hi)
        if amount is not None:
            config["min_amount"] = amount
        sku = values.sku(goal, lo, hi)
        if sku:
            config["product_sku"] = sku[:100]
        return config
    if kind == "trigger.cart_abandoned":
        amount = values.min_amount(goal, lo, hi)
        return {"min_cart_value": amount} if amount is not None else {}
    return {}
