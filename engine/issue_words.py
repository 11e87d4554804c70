"""Validation issues in plain words, in English and Japanese, for the people in the editor.

`Issue.message` stays precise for the agent's repair loop and the API (node id, field path);
`text` / `text_ja` say the same to a marketer: the step's name, what to do, where ("branch 2,
condition 1"), no ids or JSON paths. The editor highlights the node itself.
"""

from __future__ import annotations

from typing import Any

from engine.nodes import NODE_TYPES

# field name → (English, Japanese), as the thing to give
FIELDS: dict[str, tuple[str, str]] = {
    "tag_id": ("a tag", "タグ"),
    "keywords": ("at least one keyword", "キーワード"),
    "text": ("the text", "テキスト"),
    "messages": ("a message", "メッセージ"),
    "amount": ("how long to wait", "待つ時間"),
    "unit": ("the unit of time", "時間の単位"),
    "auto_message_id": ("an auto-send message", "自動送信メッセージ"),
    "rich_menu_id": ("a rich menu", "リッチメニュー"),
    "qr_code_id": ("a QR code", "QRコード"),
    "data": ("the postback data", "ポストバックデータ"),
    "tracking_id": ("the video's tracking id", "動画のトラッキングID"),
    "list_id": ("the Klaviyo list", "Klaviyoリスト"),
    "question": ("the question", "質問"),
    "attribute": ("the friend attribute", "友だち属性"),
    "value": ("the value", "値"),
    "branches": ("the branches", "分岐"),
    "account_ids": ("a LINE account", "LINEアカウント"),
    "event_name": ("the event name", "イベント名"),
    "percent": ("the percentage", "割合"),
}
# list field → (English, Japanese) word for one of its items
ITEMS: dict[str, tuple[str, str]] = {
    "branches": ("branch", "分岐"), "conditions": ("condition", "条件"),
    "messages": ("message", "メッセージ"), "options": ("option", "選択肢"),
    "variants": ("variant", "パターン"), "keywords": ("keyword", "キーワード"),
    "actions": ("button", "ボタン"), "items": ("item", "項目"),
}
RESOURCES = {"account": ("LINE account", "LINEアカウント"), "tag": ("tag", "タグ"),
             "auto_message": ("auto-send message", "自動送信メッセージ"),
             "rich_menu": ("rich menu", "リッチメニュー"), "qr_code": ("QR code", "QRコード")}


def _labels(node_type: str | None) -> tuple[str, str]:
    spec = NODE_TYPES.get(node_type or "")
    if spec is None:
        return ("This step", "このステップ")
    return (f"“{spec.label}”", f"「{spec.label_ja}」")


def _config_path(pointer: str | None) -> list[str]:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in (pointer or "").split("/")[1:]]
    return parts[3:] if len(parts) > 3 and parts[0] == "nodes" and parts[2] == "config" else []


def _where(path: list[str]) -> tuple[str, str]:
    """'branch 2, condition 1' from branches/1/conditions/0/tag_id."""
    en, ja = [], []
    for key, idx in zip(path, path[1:], strict=False):
        if idx.isdigit() and key in ITEMS:
            en.append(f"{ITEMS[key][0]} {int(idx) + 1}")
            ja.append(f"{ITEMS[key][1]} {int(idx) + 1}")
    return ", ".join(en), "・".join(ja)


def _field(path: list[str]) -> tuple[str, str]:
    name = next((p for p in reversed(path) if not p.isdigit()), "")
    if name in FIELDS:
        return FIELDS[name]
    words = name.removesuffix("_id").replace("_", " ") or "a setting"
    return (words, words)


def explain(code: str, message: str, node_type: str | None, field: str | None,
            extra: dict[str, Any] | None = None) -> tuple[str, str]:
    label, label_ja = _labels(node_type)
    path = _config_path(field)
    where, where_ja = _where(path)
    at = f" ({where})" if where else ""
    at_ja = f"（{where_ja}）" if where_ja else ""
    what, what_ja = _field(path)
    if code == "missing_field":
        name = next((p for p in reversed(path) if not p.isdigit()), "")
        if name.endswith(("_id", "_ids")):
            return (f"{label}: choose {what}{at}.",
                    f"{label_ja}：{what_ja}を選んでください{at_ja}。")
        return (f"{label}: fill in {what}{at}.",
                f"{label_ja}：{what_ja}を入力してください{at_ja}。")
    if code == "invalid_field":
        detail = message.split(": ", 1)[-1].rstrip(".")
        return (f"{label}: check {what}{at}: {detail}.",
                f"{label_ja}：{what_ja}の値を確認してください{at_ja}。")
    if code.startswith("unknown_"):
        kind = code.removeprefix("unknown_")
        res, res_ja = RESOURCES.get(kind, (kind, kind))
        return (f"{label}: the {res} it uses no longer exists; choose another{at}.",
                f"{label_ja}：使っている{res_ja}が見つかりません。選び直してください{at_ja}。")
    simple: dict[str, tuple[str, str]] = {
        "unconnected": (f"{label} is not connected to the flow, so it will never run.",
                        f"{label_ja}がフローにつながっていないため、実行されません。"),
        "no_trigger": ("Add a trigger under Start: nothing starts this workflow yet.",
                       "開始の下にトリガーを追加してください。"
                       "まだ何もこのワークフローを開始しません。"),
        "no_account": ("Choose at least one LINE account on the Start step.",
                       "開始ステップでLINEアカウントを1つ以上選んでください。"),
        "no_start": ("The workflow needs a Start step.",
                     "ワークフローには開始ステップが必要です。"),
        "multiple_starts": ("Keep only one Start step.", "開始ステップは1つだけにしてください。"),
        "edge_into_start": ("Nothing can connect into Start.",
                            "開始ステップには何もつなげられません。"),
        "start_needs_trigger": (f"Start can only lead to triggers; {label} is an action.",
                                f"開始の次にはトリガーだけを置けます。{label_ja}はアクションです。"),
        "trigger_not_after_start": (f"{label} is a trigger: connect it directly below Start.",
                                    f"{label_ja}はトリガーです。開始のすぐ下につないでください。"),
        "integration_not_connected": (f"{label}: connect it under Integrations first.",
                                      f"{label_ja}：先に「外部連携」で接続してください。"),
        "cycle": ("The flow loops back on itself; a loop would run forever.",
                  "フローが元に戻るループになっています。ループは終わりません。"),
        "unknown_handle": (f"{label}: a connection leaves from an output it does not have.",
                           f"{label_ja}：存在しない出力から接続が出ています。"),
        "duplicate_id": ("Two steps have the same id.", "同じIDのステップが2つあります。"),
    }
    if code in simple:
        return simple[code]
    return (message, message)
