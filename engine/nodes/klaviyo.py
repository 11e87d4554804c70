"""Action: add the friend to a Klaviyo list or track an event."""

from typing import Literal

from pydantic import Field

from engine.nodes.base import NodeConfig, NodeSpec


class KlaviyoConfig(NodeConfig):
    operation: Literal["add_to_list", "track_event"] = "add_to_list"
    list_id: str | None = Field(default=None, max_length=100)
    event_name: str | None = Field(default=None, max_length=100)

    def problems(self) -> list[tuple[str, str]]:
        if self.operation == "add_to_list" and not self.list_id:
            return [("list_id", "choose the Klaviyo list")]
        if self.operation == "track_event" and not self.event_name:
            return [("event_name", "name the event to track")]
        return []

    def summary(self) -> str:
        return f"Klaviyo: {self.operation.replace('_', ' ')}"


SPEC = NodeSpec(
    type="action.klaviyo", category="action", label="Klaviyo", label_ja="Klaviyo連携",
    description="Adds the friend to a Klaviyo list or tracks an event.",
    integration="klaviyo",
    config_model=KlaviyoConfig,
)
