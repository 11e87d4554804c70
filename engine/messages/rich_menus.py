"""A rich menu object in LINE's shape: size, chat bar text, tap areas with actions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from engine.messages.actions import RichMenuAction
from engine.messages.limits import Text

ALIAS_PATTERN = r"^[a-z0-9_-]{1,32}$"
# LINE's rich menu templates (width × height): full and half height, large to small.
STANDARD_SIZES = ((2500, 1686), (2500, 843), (1200, 810), (1200, 405), (800, 540), (800, 270))


def field_errors(title: str, errors: list[tuple[tuple[str | int, ...], str, Any]]) -> \
        ValidationError:
    """A ValidationError located at the fields concerned (loc, message, input): raised from a
    model validator, so a form can show each message under its own field, not the model's."""
    return ValidationError.from_exception_data(title, [
        InitErrorDetails(type=PydanticCustomError("value_error", "{problem}",
                                                  {"problem": msg}),
                         loc=loc, input=value) for loc, msg, value in errors])


class RichMenuSize(BaseModel):
    model_config = ConfigDict(extra="forbid")
    width: int = Field(default=2500, ge=800, le=2500)
    height: int = Field(default=1686, ge=250, le=1686)

    @model_validator(mode="after")
    def _ratio(self) -> RichMenuSize:
        if self.width / self.height < 1.45:
            raise ValueError("width / height must be at least 1.45 (e.g. 2500×1686, 2500×843)")
        return self


class Bounds(BaseModel):
    model_config = ConfigDict(extra="forbid")
    x: int = Field(ge=0)
    y: int = Field(ge=0)
    width: int = Field(ge=1)
    height: int = Field(ge=1)


class RichMenuArea(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Tap area")
    bounds: Bounds
    action: RichMenuAction


class RichMenuObject(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Rich menu")
    size: RichMenuSize = Field(
        default_factory=RichMenuSize,
        description="Image size in pixels; LINE's templates use the sizes listed in examples.",
        json_schema_extra={"examples": [{"width": w, "height": h} for w, h in STANDARD_SIZES]})
    selected: bool = Field(default=False, description="Open the menu when the chat opens.")
    name: Text(300)
    chatBarText: Text(14, description="Text of the chat bar that opens the menu.")
    areas: list[RichMenuArea] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _inside(self) -> RichMenuObject:
        # Named at the bound that sticks out (width or height), for the form to show it there.
        errors: list[tuple[tuple[str | int, ...], str, Any]] = []
        for i, a in enumerate(self.areas):
            b = a.bounds
            for key, start, extent, limit in (("width", b.x, b.width, self.size.width),
                                              ("height", b.y, b.height, self.size.height)):
                if start + extent > limit:
                    errors.append((("areas", i, "bounds", key),
                                   f"areas[{i}] reaches outside the {self.size.width}×"
                                   f"{self.size.height} menu ({'x' if key == 'width' else 'y'}"
                                   f" + {key} = {start + extent} > {limit})", extent))
        if errors:
            raise field_errors("RichMenuObject", errors)
        return self
