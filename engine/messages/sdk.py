"""The second opinion: line-bot-sdk's own models must accept what we send."""

from __future__ import annotations

from typing import Any

from linebot.v3.messaging import models as sdk
from pydantic.v1 import ValidationError as SdkValidationError


def sdk_problem(message: dict[str, Any]) -> str | None:
    """None when `linebot.v3.messaging.Message.from_dict` accepts the message, else why not."""
    try:
        sdk.Message.from_dict(message)
    except SdkValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"line-bot-sdk refuses it: {where}: {first.get('msg')}"
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        return f"line-bot-sdk refuses it: {exc}"[:300]
    return None
