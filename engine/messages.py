"""LINE message content shared by Send Message nodes and saved auto-send messages."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

MAX_MESSAGES = 5  # LINE accepts at most 5 message objects per push/reply


class TextMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Text")
    kind: Literal["text"] = "text"
    text: str = Field(min_length=1, max_length=5000,
                      description="Message text. Placeholders: {{friend.display_name}}, "
                                  "{{friend.<attribute>}}.")


class ImageMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Image")
    kind: Literal["image"] = "image"
    original_url: HttpUrl = Field(description="HTTPS URL of the image (JPEG/PNG, ≤10 MB).")
    preview_url: HttpUrl = Field(description="HTTPS URL of the preview image (≤1 MB).")

    @field_validator("original_url", "preview_url")
    @classmethod
    def _https(cls, v: HttpUrl) -> HttpUrl:
        if v.scheme != "https":
            raise ValueError("LINE only accepts https image URLs")
        return v


Message = Annotated[TextMessage | ImageMessage, Field(discriminator="kind")]
MessageList = Annotated[list[Message], Field(min_length=1, max_length=MAX_MESSAGES)]
