"""LINE message objects shared by Send Message nodes, saved auto-send messages and Questions.

Everything is in LINE's own shape and field names (`type`, `originalContentUrl`, …):
- `models`: one pydantic model per message type and `MessageList` (1 to 5 messages);
- `actions`: buttons / quick reply actions; `limits`: LINE's limits, counted in UTF-16 units;
- `builders`: small functions that make messages (`text(...)`, `buttons(...)`, …);
- `legacy`: our old shape (`kind`, `original_url`) → LINE's.
"""

from engine.messages.limits import MAX_MESSAGES, utf16_len
from engine.messages.models import (
    MESSAGE_TYPES,
    ImageMessage,
    Message,
    MessageList,
    TextMessage,
    VideoMessage,
)

__all__ = ["MAX_MESSAGES", "MESSAGE_TYPES", "ImageMessage", "Message", "MessageList",
           "TextMessage", "VideoMessage", "utf16_len"]
