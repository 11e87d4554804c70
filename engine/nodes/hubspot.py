"""Action: create or update the friend as a HubSpot contact."""

from typing import Literal

from pydantic import Field

from engine.nodes.base import NodeConfig, NodeSpec

FRIEND_FIELD = r"^(display_name|line_user_id|language|attributes\.[a-z][a-z0-9_]{0,39})$"


class HubSpotConfig(NodeConfig):
    operation: Literal["upsert_contact"] = "upsert_contact"
    properties: dict[str, str] = Field(
        default_factory=lambda: {"firstname": "display_name"}, max_length=30,
        description="HubSpot property → friend field (display_name, line_user_id, language, "
                    "attributes.<name>).")

    def problems(self) -> list[tuple[str, str]]:
        import re

        return [(f"properties/{k}", f"unknown friend field “{v}”")
                for k, v in self.properties.items() if not re.match(FRIEND_FIELD, v)]

    def summary(self) -> str:
        return "Create or update HubSpot contact"


SPEC = NodeSpec(
    type="action.hubspot", category="action", label="HubSpot", label_ja="HubSpot連携",
    description="Creates or updates a HubSpot contact keyed by the LINE user id.",
    integration="hubspot",
    config_model=HubSpotConfig,
)
