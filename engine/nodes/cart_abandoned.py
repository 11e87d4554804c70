"""Trigger: the shop reports an abandoned cart (signed commerce webhook)."""

from pydantic import Field

from engine.events import CART_ABANDONED, NormalisedEvent
from engine.nodes.base import NodeConfig, NodeSpec


class CartAbandonedConfig(NodeConfig):
    min_cart_value: float | None = Field(default=None, ge=0, le=1e9,
                                         description="Only carts worth at least this much.")

    def summary(self) -> str:
        return "When a cart is abandoned"


def match(config: CartAbandonedConfig, event: NormalisedEvent) -> bool:
    return config.min_cart_value is None or (event.cart_value or 0) >= config.min_cart_value


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="Abandoned cart", short_label_ja="カゴ落ち",
    type="trigger.cart_abandoned", category="trigger", label="Cart abandoned",
    label_ja="カゴ落ち",
    description="Starts when the shop sends a cart-abandoned event for the friend.",
    config_model=CartAbandonedConfig,
    event_kind=CART_ABANDONED, match=match,
)
