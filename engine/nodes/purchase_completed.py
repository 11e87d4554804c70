"""Trigger: the shop reports a completed purchase (signed commerce webhook)."""

from pydantic import Field

from engine.events import PURCHASE, NormalisedEvent
from engine.nodes.base import NodeConfig, NodeSpec


class PurchaseCompletedConfig(NodeConfig):
    min_amount: float | None = Field(default=None, ge=0, le=1e9,
                                     description="Only orders of at least this amount.")
    product_sku: str | None = Field(default=None, max_length=100,
                                    description="Only orders containing this SKU.")

    def summary(self) -> str:
        return "When a purchase is completed"


def match(config: PurchaseCompletedConfig, event: NormalisedEvent) -> bool:
    if config.min_amount is not None and (event.amount or 0) < config.min_amount:
        return False
    return config.product_sku is None or config.product_sku in event.skus


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="Purchase", short_label_ja="購入完了",
    type="trigger.purchase_completed", category="trigger", label="Purchase completed",
    label_ja="購入完了",
    description="Starts when the shop sends a purchase-completed event for the friend.",
    config_model=PurchaseCompletedConfig,
    event_kind=PURCHASE, match=match,
)
