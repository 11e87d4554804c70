"""Action: create or update the friend as a HubSpot contact."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from engine.nodes.base import NodeConfig, NodeSpec, StepFailed, StepResult

if TYPE_CHECKING:
    from engine.runtime.context import StepContext

FRIEND_FIELD = r"^(display_name|line_user_id|language|attributes\.[a-z][a-z0-9_]{0,39})$"


class HubSpotConfig(NodeConfig):
    operation: Literal["upsert_contact"] = "upsert_contact"
    properties: dict[str, str] = Field(
        default_factory=lambda: {"firstname": "display_name"}, max_length=30,
        description="HubSpot property → friend field (display_name, line_user_id, language, "
                    "attributes.<name>).")

    def problems(self) -> list[tuple[str, str]]:
        return [(f"properties/{k}", f"unknown friend field “{v}”")
                for k, v in self.properties.items() if not re.match(FRIEND_FIELD, v)]

    def summary(self) -> str:
        return "Create or update HubSpot contact"


def execute(ctx: StepContext, config: HubSpotConfig) -> StepResult:
    # Imported here: engine.integrations imports engine.nodes.base (package import cycle).
    from engine.integrations import IntegrationError, connection, endpoint_for, mapped
    from engine.integrations.hubspot import DEFAULT_ID_PROPERTY, HubSpotClient

    friend = ctx.require_friend()
    api_key, settings = connection(ctx, "hubspot")
    client = HubSpotClient(api_key, endpoint_for(ctx.services, "hubspot"),
                           id_property=settings.get("id_property") or DEFAULT_ID_PROPERTY)
    properties = mapped(friend, config.properties)
    try:
        result = client.upsert_contact(friend.line_user_id, properties)
    except IntegrationError as exc:
        raise StepFailed(str(exc), attempts=exc.attempts) from None
    ctx.attempts = max(ctx.attempts, result.attempts)
    return StepResult(output={"contact_id": result.contact_id, "created": result.created,
                              "properties": sorted(properties)})


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="HubSpot", short_label_ja="HubSpot",
    type="action.hubspot", category="action", label="HubSpot", label_ja="HubSpot連携",
    description="Creates or updates a HubSpot contact keyed by the LINE user id.",
    integration="hubspot",
    config_model=HubSpotConfig,
    execute=execute,
)
