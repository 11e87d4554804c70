"""LINE message objects in LINE's own shape and field names.

One model per message type, discriminated on `type`, exactly as the Messaging API takes them,
so JSON from LINE's tools (Flex Message Simulator, the API reference) can be pasted in. Each is
checked against our limits (UTF-16 lengths, as LINE counts) and then by line-bot-sdk's own model
(`linebot.v3.messaging.Message.from_dict`). Send Message nodes and saved auto-send messages use
`MessageList`; the catalog's JSON Schema comes from it.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from engine.messages.actions import ACTION_TYPES, Action, QuickReply
from engine.messages.limits import (
    MAX_ALT_TEXT,
    MAX_CAROUSEL_COLUMNS,
    MAX_EMOJIS,
    MAX_FLEX_BUBBLES,
    MAX_FLEX_BYTES,
    MAX_MESSAGES,
    MAX_TEMPLATE_ALT_TEXT,
    MAX_TEXT,
    TRACKING_ID_PATTERN,
    HttpsUrl,
    Text,
    utf16_len,
)
from engine.messages.sdk import sdk_problem

AltText = Text(MAX_ALT_TEXT, description="Shown in notifications and the chat list.")


class Sender(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Sender")
    name: Text(20) | None = None
    iconUrl: HttpsUrl | None = None


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quickReply: QuickReply | None = None
    sender: Sender | None = None

    @model_validator(mode="after")
    def _line_accepts(self) -> Any:
        problem = sdk_problem(self.model_dump(mode="json", exclude_none=True))
        if problem:
            raise ValueError(problem)
        return self


class Emoji(BaseModel):
    model_config = ConfigDict(extra="forbid", title="LINE emoji")
    index: int = Field(ge=0, description="UTF-16 position of the `$` it replaces in the text.")
    productId: str = Field(min_length=1, max_length=24)
    emojiId: str = Field(min_length=1, max_length=3)


class TextMessage(_Message):
    model_config = ConfigDict(extra="forbid", title="Text")
    type: Literal["text"]
    text: Text(MAX_TEXT, description="Message text. Placeholders: {{friend.display_name}}, "
                                     "{{friend.<attribute>}}. `$` marks a LINE emoji.")
    emojis: list[Emoji] | None = Field(default=None, max_length=MAX_EMOJIS)
    quoteToken: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _emojis_on_dollars(self) -> TextMessage:
        units = self.text.encode("utf-16-le")
        for i, e in enumerate(self.emojis or []):
            at = e.index * 2
            if units[at:at + 2] != b"$\x00":
                raise ValueError(f"emojis[{i}].index {e.index} does not point at a `$` in "
                                 "the text")
        return self


class StickerMessage(_Message):
    model_config = ConfigDict(extra="forbid", title="Sticker")
    type: Literal["sticker"]
    packageId: str = Field(min_length=1, max_length=20, pattern=r"^[0-9]+$",
                           description="Sticker package id (see LINE's sticker list).")
    stickerId: str = Field(min_length=1, max_length=20, pattern=r"^[0-9]+$")


class ImageMessage(_Message):
    model_config = ConfigDict(extra="forbid", title="Image")
    type: Literal["image"]
    originalContentUrl: HttpsUrl = Field(description="HTTPS URL of the image "
                                                     "(JPEG/PNG, ≤10 MB).")
    previewImageUrl: HttpsUrl = Field(description="HTTPS URL of the preview (≤1 MB).")


class VideoMessage(_Message):
    model_config = ConfigDict(extra="forbid", title="Video")
    type: Literal["video"]
    originalContentUrl: HttpsUrl = Field(description="HTTPS URL of the MP4 (≤200 MB).")
    previewImageUrl: HttpsUrl = Field(description="HTTPS URL of the preview image.")
    trackingId: str | None = Field(
        default=None, pattern=TRACKING_ID_PATTERN,
        description="Set it so LINE reports when the friend watched to the end "
                    "(a Video watched trigger matches it).")


class AudioMessage(_Message):
    model_config = ConfigDict(extra="forbid", title="Audio")
    type: Literal["audio"]
    originalContentUrl: HttpsUrl = Field(description="HTTPS URL of the M4A/MP3.")
    duration: int = Field(ge=1, le=3_600_000, description="Length in milliseconds.")


class LocationMessage(_Message):
    model_config = ConfigDict(extra="forbid", title="Location")
    type: Literal["location"]
    title: Text(100)
    address: Text(100)
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class ImagemapArea(BaseModel):
    model_config = ConfigDict(extra="forbid")
    x: int = Field(ge=0)
    y: int = Field(ge=0)
    width: int = Field(ge=1)
    height: int = Field(ge=1)


class ImagemapUriAction(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Open link")
    type: Literal["uri"]
    label: Text(100) | None = None
    linkUri: Annotated[str, Field(max_length=1000, pattern=r"^(https?|line|tel):\S+$")]
    area: ImagemapArea


class ImagemapMessageAction(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Send message")
    type: Literal["message"]
    label: Text(100) | None = None
    text: Text(400)
    area: ImagemapArea


class ImagemapBaseSize(BaseModel):
    model_config = ConfigDict(extra="forbid")
    width: Literal[1040] = 1040
    height: int = Field(ge=1, le=2080)


class ImagemapExternalLink(BaseModel):
    model_config = ConfigDict(extra="forbid")
    linkUri: Annotated[str, Field(max_length=1000, pattern=r"^(https?|line|tel):\S+$")]
    label: Text(30)


class ImagemapVideo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    originalContentUrl: HttpsUrl
    previewImageUrl: HttpsUrl
    area: ImagemapArea
    externalLink: ImagemapExternalLink | None = None


class ImagemapMessage(_Message):
    model_config = ConfigDict(extra="forbid", title="Imagemap")
    type: Literal["imagemap"]
    baseUrl: HttpsUrl = Field(description="Base URL of the image; LINE appends /1040, "
                                          "/700, /460, /300, /240 for each width.")
    altText: AltText
    baseSize: ImagemapBaseSize
    actions: list[Annotated[ImagemapUriAction | ImagemapMessageAction,
                            Field(discriminator="type")]] = Field(min_length=1, max_length=50)
    video: ImagemapVideo | None = None


# -- templates ---------------------------------------------------------------------------------

class ButtonsTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Buttons")
    type: Literal["buttons"]
    thumbnailImageUrl: HttpsUrl | None = None
    imageAspectRatio: Literal["rectangle", "square"] | None = None
    imageSize: Literal["cover", "contain"] | None = None
    imageBackgroundColor: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{6}$")
    title: Text(40) | None = None
    text: Text(160, description="Up to 160 characters (60 with an image or a title).")
    defaultAction: Action | None = None
    actions: list[Action] = Field(min_length=1, max_length=4)

    @model_validator(mode="after")
    def _short_with_title(self) -> ButtonsTemplate:
        if (self.thumbnailImageUrl or self.title) and utf16_len(self.text) > 60:
            raise ValueError("text may be at most 60 characters with an image or a title")
        _labelled(self.actions)
        return self


class ConfirmTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Confirm")
    type: Literal["confirm"]
    text: Text(240)
    actions: list[Action] = Field(min_length=2, max_length=2,
                                  description="Exactly two buttons (e.g. Yes / No).")

    @model_validator(mode="after")
    def _labels(self) -> ConfirmTemplate:
        _labelled(self.actions)
        return self


class CarouselColumn(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Column")
    thumbnailImageUrl: HttpsUrl | None = None
    imageBackgroundColor: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{6}$")
    title: Text(40) | None = None
    text: Text(120, description="Up to 120 characters (60 with an image or a title).")
    defaultAction: Action | None = None
    actions: list[Action] = Field(min_length=1, max_length=3)

    @model_validator(mode="after")
    def _short_with_title(self) -> CarouselColumn:
        if (self.thumbnailImageUrl or self.title) and utf16_len(self.text) > 60:
            raise ValueError("text may be at most 60 characters with an image or a title")
        _labelled(self.actions)
        return self


class CarouselTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Carousel")
    type: Literal["carousel"]
    columns: list[CarouselColumn] = Field(min_length=1, max_length=MAX_CAROUSEL_COLUMNS)
    imageAspectRatio: Literal["rectangle", "square"] | None = None
    imageSize: Literal["cover", "contain"] | None = None

    @model_validator(mode="after")
    def _same_shape(self) -> CarouselTemplate:
        if len({len(c.actions) for c in self.columns}) > 1:
            raise ValueError("every column needs the same number of actions")
        if len({c.thumbnailImageUrl is None for c in self.columns}) > 1 or \
                len({c.title is None for c in self.columns}) > 1:
            raise ValueError("either every column has an image (and a title) or none has")
        return self


class ImageCarouselColumn(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Image column")
    imageUrl: HttpsUrl
    action: Action


class ImageCarouselTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Image carousel")
    type: Literal["image_carousel"]
    columns: list[ImageCarouselColumn] = Field(min_length=1, max_length=MAX_CAROUSEL_COLUMNS)


def _labelled(actions: list[Any]) -> None:
    for i, a in enumerate(actions):
        if getattr(a, "label", None) is None:
            raise ValueError(f"actions[{i}] needs a label (it is shown on the button)")


Template = Annotated[ButtonsTemplate | ConfirmTemplate | CarouselTemplate
                     | ImageCarouselTemplate, Field(discriminator="type")]


class TemplateMessage(_Message):
    model_config = ConfigDict(extra="forbid", title="Template (buttons, confirm, carousel)")
    type: Literal["template"]
    altText: Text(MAX_TEMPLATE_ALT_TEXT, description="Shown in notifications and on "
                                                    "devices that cannot show templates.")
    template: Template


class FlexMessage(_Message):
    model_config = ConfigDict(extra="forbid", title="Flex Message")
    type: Literal["flex"]
    altText: AltText
    contents: dict[str, Any] = Field(
        description="A Flex container (bubble or carousel), as LINE's Flex Message "
                    "Simulator exports it.",
        json_schema_extra={"format": "flex"})

    @model_validator(mode="after")
    def _container(self) -> FlexMessage:
        kind = self.contents.get("type")
        if kind not in ("bubble", "carousel"):
            raise ValueError("contents.type must be “bubble” or “carousel”")
        if kind == "carousel":
            bubbles = self.contents.get("contents")
            if not isinstance(bubbles, list) or not 1 <= len(bubbles) <= MAX_FLEX_BUBBLES:
                raise ValueError(f"a carousel holds 1 to {MAX_FLEX_BUBBLES} bubbles")
        size = len(json.dumps(self.contents, ensure_ascii=False).encode())
        if size > MAX_FLEX_BYTES:
            raise ValueError(f"contents is {size} bytes; LINE allows {MAX_FLEX_BYTES}")
        return self


class CouponMessage(_Message):
    model_config = ConfigDict(extra="forbid", title="Coupon")
    type: Literal["coupon"]
    couponId: str = Field(min_length=1, max_length=100,
                          description="A coupon made in LINE Official Account Manager.")
    deliveryTag: str | None = Field(default=None, max_length=30)


MESSAGE_MODELS: tuple[type[_Message], ...] = (
    TextMessage, StickerMessage, ImageMessage, VideoMessage, AudioMessage, LocationMessage,
    ImagemapMessage, TemplateMessage, FlexMessage, CouponMessage)
MESSAGE_TYPES = tuple(m.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
                      for m in MESSAGE_MODELS)

# Values pydantic puts in error locations of these tagged unions (dropped from JSON pointers).
MESSAGE_UNION_TAGS = frozenset({*MESSAGE_TYPES, *ACTION_TYPES, "buttons", "confirm",
                                "carousel", "image_carousel"})

Message = Annotated[TextMessage | StickerMessage | ImageMessage | VideoMessage | AudioMessage
                    | LocationMessage | ImagemapMessage | TemplateMessage | FlexMessage
                    | CouponMessage, Field(discriminator="type")]
MessageList = Annotated[list[Message], Field(min_length=1, max_length=MAX_MESSAGES)]
