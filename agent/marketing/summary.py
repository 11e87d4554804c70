"""Plain-language summary of a definition, written from the graph (never from the model).

English or Japanese. Resources are named from the account snapshot; tags the draft would
create are marked as new.
"""

from __future__ import annotations

from typing import Any

from agent.marketing.account import Snapshot, name_of

UNIT_JA = {"minutes": "分", "hours": "時間", "days": "日", "weeks": "週間"}
MATCH_EN = {"equals": "exactly", "contains": "containing", "starts_with": "starting with",
            "ends_with": "ending with"}
MATCH_JA = {"equals": "と完全一致する", "contains": "を含む", "starts_with": "で始まる",
            "ends_with": "で終わる"}


class Names:
    def __init__(self, snapshot: Snapshot, new_tags: list[dict[str, Any]] | None = None):
        self.snapshot = snapshot
        self.new_tags = {t["placeholder_id"]: t["name"] for t in new_tags or []}

    def tag(self, ref: Any, lang: str) -> str:
        if ref in self.new_tags:
            return f"“{self.new_tags[ref]}”" + ("（新規作成）" if lang == "ja" else " (new)")
        found = name_of(self.snapshot, "tags", ref)
        return f"“{found}”" if found else f"#{ref}"

    def of(self, kind: str, ref: Any) -> str:
        found = name_of(self.snapshot, kind, ref)
        return f"“{found}”" if found else f"#{ref}"


def _q(text: Any, limit: int = 60) -> str:
    text = str(text)
    return "“" + (text if len(text) <= limit else text[:limit - 1] + "…") + "”"


def _duration(amount: Any, unit: str, lang: str) -> str:
    if lang == "ja":
        return f"{amount}{UNIT_JA.get(unit, unit)}"
    word = unit[:-1] if amount == 1 else unit
    return f"{amount} {word}"


def _seconds(seconds: int, lang: str) -> str:
    for unit, size in (("weeks", 604_800), ("days", 86_400), ("hours", 3600)):
        if seconds % size == 0 and seconds >= size:
            return _duration(seconds // size, unit, lang)
    return _duration(max(1, seconds // 60), "minutes", lang)


def _condition(c: dict[str, Any], names: Names, lang: str) -> str:
    ja = lang == "ja"
    if c.get("kind") == "tag":
        tag = names.tag(c.get("tag_id"), lang)
        if c.get("op") == "has_not":
            return f"タグ{tag}がない" if ja else f"the friend does not have the tag {tag}"
        return f"タグ{tag}がある" if ja else f"the friend has the tag {tag}"
    attr, op, value = c.get("attribute", "?"), c.get("op", "equals"), c.get("value")
    if ja:
        return {"equals": f"{attr}が{_q(value)}", "not_equals": f"{attr}が{_q(value)}以外",
                "contains": f"{attr}に{_q(value)}を含む", "is_set": f"{attr}が登録済み",
                "is_not_set": f"{attr}が未登録"}.get(op, f"{attr} {op} {value}")
    return {"equals": f"{attr} is {_q(value)}", "not_equals": f"{attr} is not {_q(value)}",
            "contains": f"{attr} contains {_q(value)}", "is_set": f"{attr} is set",
            "is_not_set": f"{attr} is not set"}.get(op, f"{attr} {op} {value}")


def arm_text(arm: dict[str, Any], names: Names, lang: str) -> str:
    joiner = (" かつ " if arm.get("match", "all") == "all" else " または ") if lang == "ja" \
        else (" and " if arm.get("match", "all") == "all" else " or ")
    return joiner.join(_condition(c, names, lang) for c in arm.get("conditions") or [])


_KIND_NAMES = {  # message type (template: its template type) -> (en, ja)
    "image": ("an image", "画像"), "video": ("a video", "動画"), "audio": ("an audio clip", "音声"),
    "sticker": ("a sticker", "スタンプ"), "location": ("a location", "位置情報"),
    "imagemap": ("an imagemap", "イメージマップ"), "flex": ("a Flex Message", "Flexメッセージ"),
    "coupon": ("a coupon", "クーポン"), "buttons": ("buttons", "ボタン"),
    "confirm": ("a confirm message", "確認メッセージ"), "carousel": ("a carousel", "カルーセル"),
    "image_carousel": ("an image carousel", "画像カルーセル"),
}


def _message(m: Any, lang: str) -> str:
    ja = lang == "ja"
    if not isinstance(m, dict):
        return "メッセージ" if ja else "a message"
    kind = m.get("type") or m.get("kind")
    if kind == "text":
        return _q(m.get("text", ""))
    template = m.get("template") if isinstance(m.get("template"), dict) else {}
    if kind == "template":
        kind = template.get("type")
    en, jp = _KIND_NAMES.get(str(kind), ("a message", "メッセージ"))
    if kind in ("buttons", "confirm"):
        labels = " / ".join(str(a.get("label", "")) for a in template.get("actions") or []
                            if isinstance(a, dict))
        said = _q(template.get("text", ""))
        return f"{said}（{labels}）の{jp}" if ja else f"{en} {said} ({labels})"
    if kind == "video" and m.get("trackingId"):
        return (f"{jp}（トラッキングID {m['trackingId']}）" if ja
                else f"{en} (tracking id {m['trackingId']})")
    return jp if ja else en


def _messages(messages: list[Any], lang: str) -> str:
    parts = [_message(m, lang) for m in messages]
    if lang == "ja":
        return "、".join(parts) + "を送信"
    return "Send " + ", ".join(parts)


def describe(node: dict[str, Any], names: Names, lang: str = "en") -> str:  # noqa: C901
    """One sentence for a node."""
    t, c = node.get("type", ""), node.get("config") or {}
    ja = lang == "ja"
    if t == "start":
        ids = c.get("account_ids") or []
        if not ids:
            return "LINEアカウント未選択" if ja else "No LINE account selected yet"
        accounts = ", ".join(names.of("accounts", i) for i in ids)
        return f"実行するアカウント: {accounts}" if ja else f"Runs on {accounts}"
    if t == "trigger.friend_add":
        return "友だち追加されたとき" if ja else "When someone adds the account as a friend"
    if t == "trigger.message_received":
        kws = c.get("keywords") or []
        if not kws:
            return "メッセージを受信したとき" if ja else "When a friend sends any message"
        mt = c.get("match_type", "contains")
        if ja:
            return "または".join(_q(k) for k in kws) + \
                f"{MATCH_JA.get(mt, mt)}メッセージを受信したとき"
        return (f"When a friend sends a message {MATCH_EN.get(mt, mt)} "
                + " or ".join(_q(k) for k in kws))
    if t == "trigger.postback":
        mt = c.get("match_type", "equals")
        if ja:
            return f"ポストバックデータが{_q(c.get('data', ''))}{MATCH_JA.get(mt, mt)}とき"
        return f"When a friend taps a button with postback data {MATCH_EN.get(mt, mt)} " \
               f"{_q(c.get('data', ''))}"
    if t == "trigger.qr_scan":
        ref = c.get("qr_code_id")
        if ref is None:
            return "QRコードが読み取られたとき" if ja else "When someone scans any QR code"
        qr = names.of("qr_codes", ref)
        return f"QRコード{qr}が読み取られたとき" if ja else f"When someone scans the QR code {qr}"
    if t == "trigger.video_viewed":
        vid = _q(c.get("tracking_id", ""))
        return f"動画{vid}が最後まで視聴されたとき" if ja else \
            f"When a friend finishes watching the video {vid}"
    if t == "trigger.block":
        return "ブロックされたとき" if ja else "When a friend blocks the account"
    if t == "trigger.purchase_completed":
        extra = []
        if c.get("min_amount") is not None:
            extra.append(f"{c['min_amount']:g}円以上" if ja else f"of at least {c['min_amount']:g}")
        if c.get("product_sku"):
            extra.append(f"SKU {c['product_sku']}を含む" if ja else
                         f"including SKU {c['product_sku']}")
        if ja:
            return ("、".join(extra) + "の" if extra else "") + "購入が完了したとき"
        return "When a purchase " + (" ".join(extra) + " " if extra else "") + "is completed"
    if t == "trigger.cart_abandoned":
        v = c.get("min_cart_value")
        if ja:
            return (f"{v:g}円以上の" if v is not None else "") + "カゴ落ちが発生したとき"
        return "When a cart " + (f"worth at least {v:g} " if v is not None else "") + \
            "is abandoned"
    if t == "action.send_message":
        return _messages(c.get("messages") or [], lang)
    if t == "action.auto_message":
        msg = names.of("auto_messages", c.get("auto_message_id"))
        return f"自動送信メッセージ{msg}を送信" if ja else f"Send the auto-send message {msg}"
    if t == "action.question":
        opts = c.get("options") or []
        wait = _seconds(int(c.get("timeout_seconds", 86_400)), lang)
        attr = c.get("attribute", "?")
        # A question may open with LINE messages (an image, a Flex bubble…) before its text.
        shown = [*(_message(m, lang) for m in c.get("messages") or []), _q(c.get("text", ""))]
        if ja:
            o = f"（選択肢: {' / '.join(opts)}）" if opts else ""
            return f"{'、'.join(shown)}と質問{o}し、回答を「{attr}」に保存（最大{wait}待つ）"
        o = f" (options: {' / '.join(opts)})" if opts else ""
        return f"Ask {' + '.join(shown)}{o}, save the answer as “{attr}”, wait up to {wait}"
    if t == "action.branch":
        return "条件で分岐" if ja else "Check conditions"
    if t == "action.delay":
        d = _duration(c.get("amount", "?"), c.get("unit", "days"), lang)
        w = c.get("send_window")
        if ja:
            return f"{d}待つ" + (f"（{w['start']}〜{w['end']}の間に再開）" if w else "")
        return f"Wait {d}" + (f", then continue between {w['start']} and {w['end']}" if w else "")
    if t == "action.tag":
        tag = names.tag(c.get("tag_id"), lang) if c.get("tag_id") is not None else "?"
        if c.get("operation", "add") == "remove":
            return f"タグ{tag}を外す" if ja else f"Remove the tag {tag}"
        return f"タグ{tag}を付ける" if ja else f"Add the tag {tag}"
    if t == "action.rich_menu":
        if c.get("operation") == "unlink":
            return "リッチメニューをデフォルトに戻す" if ja else \
                "Reset the rich menu to the default"
        menu = names.of("rich_menus", c.get("rich_menu_id"))
        return f"リッチメニュー{menu}に切り替え" if ja else f"Show the rich menu {menu}"
    if t == "action.customer_agent":
        return "カスタマーエージェントが応答" if ja else "Let the Customer Agent answer the friend"
    if t == "action.hubspot":
        return "HubSpotのコンタクトを作成・更新" if ja else \
            "Create or update the friend as a HubSpot contact"
    if t == "action.klaviyo":
        if c.get("operation") == "track_event":
            ev = _q(c.get("event_name", ""))
            return f"Klaviyoイベント{ev}を記録" if ja else f"Track the Klaviyo event {ev}"
        lst = _q(c.get("list_id", ""))
        return f"Klaviyoリスト{lst}に追加" if ja else f"Add the friend to the Klaviyo list {lst}"
    return t


def _handle_label(node: dict[str, Any], handle: str, names: Names, lang: str) -> str | None:
    ja = lang == "ja"
    c = node.get("config") or {}
    if handle == "answered":
        return "回答があったら" if ja else "If they answer"
    if handle == "timeout":
        wait = _seconds(int(c.get("timeout_seconds", 86_400)), lang)
        return f"{wait}以内に回答がなければ" if ja else f"If no answer within {wait}"
    if handle.startswith("branch-"):
        arms = c.get("branches") or []
        try:
            arm = arms[int(handle.split("-", 1)[1]) - 1]
        except (ValueError, IndexError):
            return handle
        return (arm_text(arm, names, lang) + "なら") if ja else "If " + arm_text(arm, names, lang)
    if handle == "else":
        return "それ以外" if ja else "Otherwise"
    return None


def summarise(definition: dict[str, Any], snapshot: Snapshot,
              new_tags: list[dict[str, Any]] | None = None, lang: str = "en") -> str:
    names = Names(snapshot, new_tags)
    nodes = {n.get("id"): n for n in definition.get("nodes") or [] if isinstance(n, dict)}
    out_edges: dict[Any, list[tuple[str, Any]]] = {}
    for e in definition.get("edges") or []:
        if isinstance(e, dict):
            out_edges.setdefault(e.get("source"), []).append(
                (e.get("source_handle", "out"), e.get("target")))
    start = next((n for n in nodes.values() if n.get("type") == "start"), None)
    if start is None:
        return "開始ノードがありません。" if lang == "ja" else "The draft has no Start node."
    lines = [describe(start, names, lang) + ("。" if lang == "ja" else ".")]
    seen: set[Any] = set()
    step = [0]

    def walk(node_id: Any, indent: int) -> None:
        node = nodes.get(node_id)
        if node is None:
            return
        pad = "   " * indent
        if node_id in seen:
            joined = "（上と同じ手順に合流）" if lang == "ja" else "(joins the steps above)"
            lines.append(pad + joined)
            return
        seen.add(node_id)
        step[0] += 1
        lines.append(f"{pad}{step[0]}. {describe(node, names, lang)}")
        for handle, target in out_edges.get(node_id, []):
            label = _handle_label(node, handle, names, lang)
            if label:
                lines.append(f"{pad}   • {label}:")
                walk(target, indent + 2)
            else:
                walk(target, indent)

    for _handle, trigger_id in out_edges.get(start.get("id"), []):
        trigger = nodes.get(trigger_id)
        if trigger is None:
            continue
        lines.append(describe(trigger, names, lang) + ("：" if lang == "ja" else ":"))
        seen.add(trigger_id)
        for _h, target in out_edges.get(trigger_id, []):
            walk(target, 1)
        if not out_edges.get(trigger_id):
            lines.append("   " + ("（アクションなし）" if lang == "ja" else "(no actions yet)"))
    if len(lines) == 1:
        lines.append("トリガーがまだありません。" if lang == "ja" else "No trigger yet.")
    return "\n".join(lines)
