"""Trigger: the friend sends a message, optionally matching keywords."""

from typing import Literal

from pydantic import Field

from engine.events import MESSAGE, NormalisedEvent
from engine.matching import text_matches
from engine.nodes.base import NodeConfig, NodeSpec

MatchType = Literal["equals", "contains", "starts_with", "ends_with"]


class MessageReceivedConfig(NodeConfig):
    keywords: list[str] = Field(
        default_factory=list, max_length=50,
        description="Any of these keywords fires the trigger. Empty means any text message.")
    match_type: MatchType = Field(default="contains",
                                  description="How a keyword is compared with the message.")

    def problems(self) -> list[tuple[str, str]]:
        return [(f"keywords/{i}", "keyword must not be empty")
                for i, k in enumerate(self.keywords) if not k.strip()] + [
                (f"keywords/{i}", "keyword is longer than 200 characters")
                for i, k in enumerate(self.keywords) if len(k) > 200]

    def summary(self) -> str:
        if not self.keywords:
            return "When the friend sends any message"
        return f"When a message {self.match_type.replace('_', ' ')} " + " / ".join(
            f"“{k}”" for k in self.keywords)


def match(config: MessageReceivedConfig, event: NormalisedEvent) -> bool:
    if event.text is None:
        return False
    if not config.keywords:
        return True
    return any(text_matches(event.text, k, config.match_type) for k in config.keywords)


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="Keyword", short_label_ja="キーワード受信",
    type="trigger.message_received", category="trigger", label="Message received",
    label_ja="メッセージ受信",
    description="Starts when the friend sends a text message matching a keyword.",
    config_model=MessageReceivedConfig,
    event_kind=MESSAGE, match=match,
)
