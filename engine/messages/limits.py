"""LINE's limits on message objects, counted the way LINE counts them (UTF-16 code units)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, Field

MAX_MESSAGES = 5  # message objects per push / reply
MAX_TEXT = 5000
MAX_ALT_TEXT = 1500
MAX_TEMPLATE_ALT_TEXT = 400
MAX_URL = 2000
MAX_LABEL = 20
MAX_DATA = 300
MAX_QUICK_REPLY_ITEMS = 13
MAX_EMOJIS = 20
MAX_FLEX_BYTES = 50_000
MAX_CAROUSEL_COLUMNS = 10
MAX_FLEX_BUBBLES = 12
# LINE: half-width alphanumerics and -.=,+*()%$&;:@{}!?<>[] (up to 100 characters).
TRACKING_ID_PATTERN = r"^[A-Za-z0-9\-.=,+*()%$&;:@{}!?<>\[\]]{1,100}$"


def utf16_len(text: str) -> int:
    """Length as LINE counts it: characters outside the BMP (most emoji) count twice."""
    return len(text.encode("utf-16-le")) // 2


def _max_utf16(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        n = utf16_len(value)
        if n > limit:
            raise ValueError(f"is {n} characters long as LINE counts them (UTF-16); "
                             f"LINE allows {limit}")
        return value
    return check


def Text(limit: int, *, min_length: int = 1, **kw: Any) -> Any:  # noqa: N802 - a type factory
    """A string limited in UTF-16 code units (`maxLength` in the JSON Schema too)."""
    return Annotated[str, Field(min_length=min_length, max_length=limit, **kw),
                     AfterValidator(_max_utf16(limit))]


HttpsUrl = Annotated[str, Field(max_length=MAX_URL, pattern=r"^https://\S+$",
                                description="HTTPS URL (LINE refuses http).")]
ActionUri = Annotated[str, Field(max_length=1000, pattern=r"^(https?|line|tel):\S+$",
                                 description="http(s)://, line:// or tel: URI.")]
