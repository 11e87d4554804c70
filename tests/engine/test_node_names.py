"""Each node module owns its names: the strings the agent's replies and workflow names show."""

from __future__ import annotations

from engine.nodes import NODE_TYPES, short_names, trigger_kinds

# What agent/providers/offline showed before the names moved into the node modules.
SHORT_NAMES = {
    "trigger.friend_add": ("Friend added", "友だち追加"),
    "trigger.message_received": ("Keyword", "キーワード受信"),
    "trigger.postback": ("Postback", "ポストバック"),
    "trigger.qr_scan": ("QR scan", "QR読み取り"),
    "trigger.video_viewed": ("Video watched", "動画視聴"),
    "trigger.block": ("Blocked", "ブロック"),
    "trigger.purchase_completed": ("Purchase", "購入完了"),
    "trigger.cart_abandoned": ("Abandoned cart", "カゴ落ち"),
    "action.send_message": ("send message", "メッセージ送信"),
    "action.auto_message": ("send saved message", "自動送信メッセージ"),
    "action.question": ("question", "質問"),
    "action.branch": ("branch", "分岐"),
    "action.ab_split": ("A/B split", "A/Bテスト"),
    "action.rich_menu": ("rich menu", "リッチメニュー"),
    "action.customer_agent": ("AI agent", "AI応答"),
    "action.hubspot": ("HubSpot", "HubSpot"),
    "action.klaviyo": ("Klaviyo", "Klaviyo"),
}


def test_short_names_keep_the_strings_users_see() -> None:
    assert {t: short_names(t) for t in SHORT_NAMES} == SHORT_NAMES
    assert short_names("action.nope") is None


def test_every_node_has_names_in_both_languages() -> None:
    for spec in NODE_TYPES.values():
        assert spec.label and spec.label_ja, spec.type
        assert all(spec.short_names()), spec.type


def test_trigger_kinds_come_from_the_trigger_nodes() -> None:
    assert trigger_kinds() == {"follow", "unfollow", "message", "postback", "video_complete",
                               "qr_scan", "purchase_completed", "cart_abandoned"}
    assert all(s.event_kind for s in NODE_TYPES.values() if s.category == "trigger")
