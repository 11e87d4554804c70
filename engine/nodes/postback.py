"""Trigger: the friend taps a button or rich-menu area that sends postback data."""

from typing import Literal

from pydantic import Field

from engine.events import POSTBACK, NormalisedEvent
from engine.matching import text_matches
from engine.nodes.base import NodeConfig, NodeSpec


class PostbackConfig(NodeConfig):
    data: str = Field(min_length=1, max_length=300, description="Postback data to match.")
    match_type: Literal["equals", "contains", "starts_with", "ends_with"] = "equals"

    def summary(self) -> str:
        return f"When a postback {self.match_type.replace('_', ' ')} “{self.data}”"


def match(config: PostbackConfig, event: NormalisedEvent) -> bool:
    return event.postback_data is not None and text_matches(event.postback_data, config.data,
                                                            config.match_type)


SPEC = NodeSpec(
    type="trigger.postback", category="trigger", label="Postback", label_ja="ポストバック",
    description="Starts when the friend taps a button whose postback data matches.",
    config_model=PostbackConfig,
    event_kind=POSTBACK, match=match,
)
