"""Trigger: the friend blocks the account (LINE `unfollow`)."""

from engine.events import UNFOLLOW, NormalisedEvent
from engine.nodes.base import NodeConfig, NodeSpec


class BlockConfig(NodeConfig):
    def summary(self) -> str:
        return "When the friend blocks the account"


def match(config: BlockConfig, event: NormalisedEvent) -> bool:
    return True


SPEC = NodeSpec(
    type="trigger.block", category="trigger", label="Blocked", label_ja="ブロック",
    description="Starts when the friend blocks the account. Messages can no longer be sent; "
                "use it for tags and integrations.",
    config_model=BlockConfig,
    event_kind=UNFOLLOW, match=match,
)
