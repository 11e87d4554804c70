"""The shape of a LINE webhook body: the fields Lumo reads, with their types.

LINE's own parser (linebot.v3.webhook.WebhookParser) lets through events whose fields have the
wrong type (a text that is a number, a numeric userId, a postback whose data is an object);
those crashed the dispatcher later, on every retry. Here each event's fields that Lumo reads
are checked once, at the door: a body that can never be processed is refused (400, naming the
field) and stored nowhere. Fields Lumo does not read are kept as LINE sent them.

The same model is applied again when a stored event is dispatched, so an event stored before
this check existed is recognised as poison instead of crashing its handler.
"""

from __future__ import annotations

from typing import Annotated, Any

import pydantic_core
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

# Lengths: what fits the columns the fields end up in (e.g. line_user_id is 64 characters),
# with room above LINE's own limits (text 5,000 characters, postback data 300).
Id = Annotated[str, Field(min_length=1, max_length=64)]
Short = Annotated[str, Field(max_length=100)]
Text = Annotated[str, Field(max_length=20_000)]


class _Part(BaseModel):
    # strict: a number is not a string, 1 is not true; extra fields are LINE's, kept as sent.
    model_config = ConfigDict(strict=True, extra="allow")


class Source(_Part):
    type: Short = "user"  # user | group | room
    userId: Id | None = None
    groupId: Id | None = None
    roomId: Id | None = None


class Message(_Part):
    type: Short
    id: Short | None = None
    text: Text | None = None

    @model_validator(mode="after")
    def _text_for_text(self) -> Message:
        if self.type == "text" and self.text is None:
            raise ValueError("a text message needs its text")
        return self


class Postback(_Part):
    data: Text
    params: dict[str, Any] | None = None


class VideoPlayComplete(_Part):
    trackingId: Short


class Follow(_Part):
    isUnblocked: bool = False


class DeliveryContext(_Part):
    isRedelivery: bool = False


class LineEvent(_Part):
    type: Annotated[str, Field(min_length=1, max_length=40)]
    mode: Short = "active"
    timestamp: int | None = None
    webhookEventId: Annotated[str, Field(min_length=1, max_length=1000)] | None = None
    replyToken: Short | None = None
    source: Source | None = None
    message: Message | None = None
    postback: Postback | None = None
    videoPlayComplete: VideoPlayComplete | None = None
    follow: Follow | None = None
    deliveryContext: DeliveryContext | None = None

    @model_validator(mode="after")
    def _part_for_type(self) -> LineEvent:
        # The part an event of this type is about must be there (what LINE always sends).
        for kind, part in (("message", self.message), ("postback", self.postback),
                           ("videoPlayComplete", self.videoPlayComplete)):
            if self.type == kind and part is None:
                raise ValueError(f"a {kind} event needs its {kind!r} object")
        return self


class WebhookBody(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow")
    destination: Short | None = None
    events: list[dict[str, Any]] = Field(max_length=5000)


_EVENTS = TypeAdapter(list[LineEvent])


class BodyError(ValueError):
    """A body that can never be processed; `field` points at the culprit (events[3].source)."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _first(exc: ValidationError, prefix: tuple[int | str, ...] = ()) -> BodyError:
    err = exc.errors(include_url=False, include_input=False)[0]
    loc = tuple(err["loc"])
    # A model_validator's complaint has no field of its own: name the event.
    return BodyError(_field(prefix + loc), err["msg"].removeprefix("Value error, "))


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def parse_body(raw: bytes) -> tuple[str | None, list[dict[str, Any]]]:
    """The body's destination and its events (as sent), each event's fields checked.

    Parsed once, by a parser with a nesting limit (Python's json module raises RecursionError
    on `[` × 50,000) that also refuses lone surrogates (which no database can store).
    """
    try:
        data = pydantic_core.from_json(raw)
    except ValueError as exc:
        raise BodyError("", f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise BodyError("", "a webhook body is a JSON object")
    # PostgreSQL's JSON cannot hold U+0000; only escaped NULs can hide in valid JSON.
    if b"\\u0000" in raw and _has_nul(data):
        raise BodyError("", "U+0000 is not allowed in a webhook body")
    try:
        body = WebhookBody.model_validate(data)
    except ValidationError as exc:
        raise _first(exc) from None
    try:
        _EVENTS.validate_python(body.events)
    except ValidationError as exc:
        raise _first(exc, ("events",)) from None
    return body.destination, body.events


def read_event(event: Any) -> LineEvent:
    """A stored event's fields, checked (raises BodyError: such an event can never run)."""
    try:
        return LineEvent.model_validate(event)
    except ValidationError as exc:
        raise _first(exc) from None
