"""Trigger: the friend scanned one of the account's tracked QR codes."""

from pydantic import Field

from engine.events import QR_SCAN, NormalisedEvent
from engine.nodes.base import NodeConfig, NodeSpec


class QrScanConfig(NodeConfig):
    references = {"qr_code_id": "qr_code"}
    qr_code_id: int | None = Field(default=None,
                                   description="The QR code; empty means any of the account's.")

    def summary(self) -> str:
        return "When a QR code is scanned" if self.qr_code_id is None else \
            f"When QR code #{self.qr_code_id} is scanned"


def match(config: QrScanConfig, event: NormalisedEvent) -> bool:
    return config.qr_code_id is None or config.qr_code_id == event.qr_code_id


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="QR scan", short_label_ja="QR読み取り",
    type="trigger.qr_scan", category="trigger", label="QR code scanned",
    label_ja="QRコード読み取り",
    description="Starts when the friend scans a tracked QR code (matched on the prefilled text "
                "it sends, or on the follow that follows it).",
    config_model=QrScanConfig,
    event_kind=QR_SCAN, match=match,
)
