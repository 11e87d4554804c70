"""Normalised events: LINE webhook events and commerce events reduced to what triggers need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.line.webhook_body import read_event

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
    # user (a one-to-one chat) | group | room; chat_id: the group's or room's id.
    source_type: str = "user"
    chat_id: str | None = None

    @property
    def one_to_one(self) -> bool:
        return self.source_type == "user"


def from_line(event: dict[str, Any]) -> NormalisedEvent:
    """Raises BodyError when the event's fields have the wrong shape (it can never run)."""
    ev = read_event(event)
    kind = _LINE_KINDS.get(ev.type, "other")
    source = ev.source
    out = NormalisedEvent(kind=kind, user_id=source.userId if source else None, raw=event,
                          reply_token=ev.replyToken, mode=ev.mode,
                          source_type=source.type if source else "user",
                          chat_id=(source.groupId or source.roomId) if source else None)
    if kind == MESSAGE:
        assert ev.message is not None  # (checked by the model)
        if ev.message.type == "text":
            out.text = ev.message.text or ""
        else:
            out.kind = "message_other"  # stickers, images…: stored, not keyword-matched
    elif kind == POSTBACK:
        out.postback_data = ev.postback.data if ev.postback else ""
    elif kind == VIDEO_COMPLETE:
        out.tracking_id = ev.videoPlayComplete.trackingId if ev.videoPlayComplete else None
    elif kind == FOLLOW:
        out.is_unblocked = bool(ev.follow and ev.follow.isUnblocked)
    return out


def from_commerce(payload: dict[str, Any]) -> NormalisedEvent:
    items = payload.get("items") or []
    return NormalisedEvent(
        kind=payload["type"], user_id=payload.get("line_user_id"), raw=payload,
        amount=payload.get("amount"), cart_value=payload.get("cart_value"),
        skus=[str(i.get("sku")) for i in items if isinstance(i, dict) and i.get("sku")])
