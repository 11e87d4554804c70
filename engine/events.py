"""Normalised events: LINE webhook events and commerce events reduced to what triggers need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Our event kinds, which trigger node types listen for.
FOLLOW, UNFOLLOW, MESSAGE, POSTBACK = "follow", "unfollow", "message", "postback"
VIDEO_COMPLETE, QR_SCAN = "video_complete", "qr_scan"
PURCHASE, CART_ABANDONED = "purchase_completed", "cart_abandoned"

_LINE_KINDS = {"follow": FOLLOW, "unfollow": UNFOLLOW, "message": MESSAGE,
               "postback": POSTBACK, "videoPlayComplete": VIDEO_COMPLETE}


@dataclass
class NormalisedEvent:
    kind: str
    user_id: str | None
    raw: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    postback_data: str | None = None
    tracking_id: str | None = None
    reply_token: str | None = None
    mode: str = "active"
    is_unblocked: bool = False
    amount: float | None = None
    cart_value: float | None = None
    skus: list[str] = field(default_factory=list)
    qr_code_id: int | None = None


def from_line(event: dict[str, Any]) -> NormalisedEvent:
    kind = _LINE_KINDS.get(event.get("type", ""), "other")
    source = event.get("source") or {}
    out = NormalisedEvent(kind=kind, user_id=source.get("userId"), raw=event,
                          reply_token=event.get("replyToken"),
                          mode=event.get("mode", "active"))
    if kind == MESSAGE:
        message = event.get("message") or {}
        if message.get("type") == "text":
            out.text = message.get("text", "")
        else:
            out.kind = "message_other"  # stickers, images…: stored, not keyword-matched
    elif kind == POSTBACK:
        out.postback_data = (event.get("postback") or {}).get("data", "")
    elif kind == VIDEO_COMPLETE:
        out.tracking_id = (event.get("videoPlayComplete") or {}).get("trackingId")
    elif kind == FOLLOW:
        out.is_unblocked = bool((event.get("follow") or {}).get("isUnblocked"))
    return out


def from_commerce(payload: dict[str, Any]) -> NormalisedEvent:
    items = payload.get("items") or []
    return NormalisedEvent(
        kind=payload["type"], user_id=payload.get("line_user_id"), raw=payload,
        amount=payload.get("amount"), cart_value=payload.get("cart_value"),
        skus=[str(i.get("sku")) for i in items if isinstance(i, dict) and i.get("sku")])
