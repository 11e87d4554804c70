"""LINE action objects (buttons, quick replies, rich menu areas) in LINE's own field names."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from engine.messages.limits import (
    MAX_DATA,
    MAX_LABEL,
    MAX_QUICK_REPLY_ITEMS,
    ActionUri,
    HttpsUrl,
    Text,
)

Label = Text(MAX_LABEL, description="Button label (LINE shows up to 20 characters).")


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PostbackAction(_Action):
    model_config = ConfigDict(extra="forbid", title="Postback")
    type: Literal["postback"]
    label: Label | None = None
    data: Text(MAX_DATA, description="Sent back to Lumo in a postback event; "
                                     "a Postback trigger can match it.")
    displayText: Text(MAX_DATA) | None = None
    inputOption: Literal["closeRichMenu", "openRichMenu", "openKeyboard",
                         "openVoice"] | None = None
    fillInText: Text(MAX_DATA) | None = None


class MessageAction(_Action):
    model_config = ConfigDict(extra="forbid", title="Message")
    type: Literal["message"]
    label: Label | None = None
    text: Text(MAX_DATA, description="Text the friend sends by tapping.")


class AltUri(BaseModel):
    model_config = ConfigDict(extra="forbid")
    desktop: ActionUri


class UriAction(_Action):
    model_config = ConfigDict(extra="forbid", title="Open link")
    type: Literal["uri"]
    label: Label | None = None
    uri: ActionUri
    altUri: AltUri | None = None


class DatetimePickerAction(_Action):
    model_config = ConfigDict(extra="forbid", title="Date picker")
    type: Literal["datetimepicker"]
    label: Label | None = None
    data: Text(MAX_DATA)
    mode: Literal["date", "time", "datetime"] = "date"
    initial: str | None = Field(default=None, max_length=16)
    max: str | None = Field(default=None, max_length=16)
    min: str | None = Field(default=None, max_length=16)


class CameraAction(_Action):
    model_config = ConfigDict(extra="forbid", title="Camera")
    type: Literal["camera"]
    label: Label


class CameraRollAction(_Action):
    model_config = ConfigDict(extra="forbid", title="Camera roll")
    type: Literal["cameraRoll"]
    label: Label


class LocationAction(_Action):
    model_config = ConfigDict(extra="forbid", title="Location")
    type: Literal["location"]
    label: Label


class RichMenuSwitchAction(_Action):
    model_config = ConfigDict(extra="forbid", title="Switch rich menu")
    type: Literal["richmenuswitch"]
    label: Label | None = None
    richMenuAliasId: str = Field(min_length=1, max_length=32, pattern=r"^[a-z0-9_-]+$")
    data: Text(MAX_DATA)


class ClipboardAction(_Action):
    model_config = ConfigDict(extra="forbid", title="Copy to clipboard")
    type: Literal["clipboard"]
    label: Label
    clipboardText: Text(1000)


# Buttons in templates and Flex, and rich menu areas.
Action = Annotated[PostbackAction | MessageAction | UriAction | DatetimePickerAction
                   | CameraAction | CameraRollAction | LocationAction | ClipboardAction,
                   Field(discriminator="type")]
RichMenuAction = Annotated[PostbackAction | MessageAction | UriAction | DatetimePickerAction
                           | RichMenuSwitchAction | ClipboardAction,
                           Field(discriminator="type")]
QuickReplyAction = Annotated[PostbackAction | MessageAction | UriAction | DatetimePickerAction
                             | CameraAction | CameraRollAction | LocationAction | ClipboardAction,
                             Field(discriminator="type")]

ACTION_TYPES = ("postback", "message", "uri", "datetimepicker", "camera", "cameraRoll",
                "location", "richmenuswitch", "clipboard")


class QuickReplyItem(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Quick reply button")
    type: Literal["action"] = "action"
    imageUrl: HttpsUrl | None = None
    action: QuickReplyAction

    @model_validator(mode="after")
    def _labelled(self) -> QuickReplyItem:
        if getattr(self.action, "label", None) is None:
            raise ValueError("a quick reply button needs a label")
        return self


class QuickReply(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Quick replies")
    items: list[QuickReplyItem] = Field(min_length=1, max_length=MAX_QUICK_REPLY_ITEMS)
