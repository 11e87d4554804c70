"""Small functions that make LINE message objects (plain dicts in LINE's shape).

For code that composes messages (the Marketing Agent, templates, tests):

    buttons("Coming on Saturday?", [postback("Yes", "rsvp=yes"), postback("No", "rsvp=no")])
    video("https://…/intro.mp4", "https://…/intro.jpg", tracking_id="intro-1")

Each result validates as `engine.messages.Message`; `validated(...)` checks a list.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from engine.messages.models import MessageList

_LIST = TypeAdapter(MessageList)


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


# -- actions -------------------------------------------------------------------------------------

def postback(label: str, data: str, display_text: str | None = None) -> dict[str, Any]:
    """A button that sends `data` back to Lumo (a Postback trigger can match it)."""
    return _drop_none({"type": "postback", "label": label, "data": data,
                       "displayText": display_text})


def message_action(label: str, text: str | None = None) -> dict[str, Any]:
    """A button that makes the friend send `text` (the label when omitted)."""
    return {"type": "message", "label": label, "text": text or label}


def uri(label: str, link: str) -> dict[str, Any]:
    return {"type": "uri", "label": label, "uri": link}


def datetime_picker(label: str, data: str, mode: str = "date") -> dict[str, Any]:
    return {"type": "datetimepicker", "label": label, "data": data, "mode": mode}


def quick_replies(message: dict[str, Any], actions: list[dict[str, Any]]) -> dict[str, Any]:
    """The message with tappable quick reply buttons under it (≤13)."""
    return {**message, "quickReply": {"items": [{"type": "action", "action": a}
                                                for a in actions]}}


# -- messages ------------------------------------------------------------------------------------

def text(body: str, emojis: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A text message; `emojis`: [{"index": <UTF-16 position of a $>, "productId", "emojiId"}]."""
    return _drop_none({"type": "text", "text": body, "emojis": emojis})


def sticker(package_id: str | int, sticker_id: str | int) -> dict[str, Any]:
    return {"type": "sticker", "packageId": str(package_id), "stickerId": str(sticker_id)}


def image(url: str, preview_url: str | None = None) -> dict[str, Any]:
    return {"type": "image", "originalContentUrl": url, "previewImageUrl": preview_url or url}


def video(url: str, preview_url: str, tracking_id: str | None = None) -> dict[str, Any]:
    """A video; with `tracking_id`, LINE reports a complete view (Video watched trigger)."""
    return _drop_none({"type": "video", "originalContentUrl": url,
                       "previewImageUrl": preview_url, "trackingId": tracking_id})


def audio(url: str, duration_ms: int) -> dict[str, Any]:
    return {"type": "audio", "originalContentUrl": url, "duration": duration_ms}


def location(title: str, address: str, latitude: float, longitude: float) -> dict[str, Any]:
    return {"type": "location", "title": title, "address": address, "latitude": latitude,
            "longitude": longitude}


def buttons(body: str, actions: list[dict[str, Any] | str], *, title: str | None = None,
            image_url: str | None = None, alt_text: str | None = None) -> dict[str, Any]:
    """A buttons template (≤4 buttons). A plain string becomes a postback with that label as
    its data, so `buttons("Join?", ["Yes", "No"])` works with a Postback trigger on "Yes"."""
    acts = [postback(a, a) if isinstance(a, str) else a for a in actions]
    template = _drop_none({"type": "buttons", "thumbnailImageUrl": image_url, "title": title,
                           "text": body, "actions": acts})
    return {"type": "template", "altText": alt_text or body[:400], "template": template}


def confirm(body: str, yes: dict[str, Any] | str = "Yes", no: dict[str, Any] | str = "No",
            alt_text: str | None = None) -> dict[str, Any]:
    acts = [postback(a, a) if isinstance(a, str) else a for a in (yes, no)]
    return {"type": "template", "altText": alt_text or body[:400],
            "template": {"type": "confirm", "text": body, "actions": acts}}


def carousel(columns: list[dict[str, Any]], alt_text: str = "Carousel") -> dict[str, Any]:
    """columns: [{"text", "actions", optional "title", "thumbnailImageUrl"}] (≤10)."""
    return {"type": "template", "altText": alt_text,
            "template": {"type": "carousel", "columns": columns}}


def image_carousel(columns: list[tuple[str, dict[str, Any]]],
                   alt_text: str = "Images") -> dict[str, Any]:
    """columns: (image URL, action) pairs (≤10)."""
    return {"type": "template", "altText": alt_text,
            "template": {"type": "image_carousel",
                         "columns": [{"imageUrl": u, "action": a} for u, a in columns]}}


def imagemap(base_url: str, alt_text: str, height: int,
             actions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "imagemap", "baseUrl": base_url, "altText": alt_text,
            "baseSize": {"width": 1040, "height": height}, "actions": actions}


def flex(alt_text: str, contents: dict[str, Any]) -> dict[str, Any]:
    return {"type": "flex", "altText": alt_text, "contents": contents}


def coupon(coupon_id: str) -> dict[str, Any]:
    return {"type": "coupon", "couponId": coupon_id}


def validated(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check messages as a Send Message node would; returns them in LINE's JSON (no nulls)."""
    return [m.model_dump(mode="json", exclude_none=True) for m in _LIST.validate_python(messages)]


BUILDERS = ("text", "sticker", "image", "video", "audio", "location", "buttons", "confirm",
            "carousel", "image_carousel", "imagemap", "flex", "coupon", "postback",
            "message_action", "uri", "datetime_picker", "quick_replies", "validated")
