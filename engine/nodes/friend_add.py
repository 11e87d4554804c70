"""Trigger: a user adds the account as a friend (LINE `follow`)."""

from pydantic import Field

from engine.events import FOLLOW, NormalisedEvent
from engine.nodes.base import NodeConfig, NodeSpec


class FriendAddConfig(NodeConfig):
    include_unblocked: bool = Field(
        default=True, description="Also fire when a friend who had blocked the account adds it "
                                  "again.")

    def summary(self) -> str:
        return "When someone adds the account as a friend"


def match(config: FriendAddConfig, event: NormalisedEvent) -> bool:
    return config.include_unblocked or not event.is_unblocked


SPEC = NodeSpec(
    type="trigger.friend_add", category="trigger", label="Friend added", label_ja="友だち追加",
    description="Starts when a user adds the LINE account as a friend.",
    config_model=FriendAddConfig,
    event_kind=FOLLOW, match=match,
)
