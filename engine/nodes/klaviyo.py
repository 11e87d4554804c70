"""Action: add the friend to a Klaviyo list or track an event."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from engine.nodes.base import NodeConfig, NodeSpec, StepFailed, StepResult
from engine.nodes.hubspot import FRIEND_FIELD

if TYPE_CHECKING:
    from engine.runtime.context import StepContext


class KlaviyoConfig(NodeConfig):
    operation: Literal["add_to_list", "track_event"] = "add_to_list"
    list_id: str | None = Field(default=None, max_length=100)
    event_name: str | None = Field(default=None, max_length=100)
    properties: dict[str, str] = Field(
        default_factory=dict, max_length=30,
        description="Event property → friend field (display_name, line_user_id, language, "
                    "attributes.<name>); tracked events only.")

    def problems(self) -> list[tuple[str, str]]:
        out = [(f"properties/{k}", f"unknown friend field “{v}”")
               for k, v in self.properties.items() if not re.match(FRIEND_FIELD, v)]
        if self.operation == "add_to_list" and not self.list_id:
            out.insert(0, ("list_id", "choose the Klaviyo list"))
        if self.operation == "track_event" and not self.event_name:
            out.insert(0, ("event_name", "name the event to track"))
        return out

    def summary(self) -> str:
        return f"Klaviyo: {self.operation.replace('_', ' ')}"


def execute(ctx: StepContext, config: KlaviyoConfig) -> StepResult:
    # Imported here: engine.integrations imports engine.nodes.base (package import cycle).
    from engine.integrations import IntegrationError, connection, endpoint_for, mapped
    from engine.integrations.klaviyo import KlaviyoClient, Person

    friend = ctx.require_friend()
    api_key, _ = connection(ctx, "klaviyo")
    client = KlaviyoClient(api_key, endpoint_for(ctx.services, "klaviyo"))
    person = Person(line_user_id=friend.line_user_id, first_name=friend.display_name or None,
                    properties={"line_user_id": friend.line_user_id,
                                **({"language": friend.language} if friend.language else {})})
    try:
        if config.operation == "add_to_list":
            done = client.add_to_list(str(config.list_id), person)
            output = {"list_id": config.list_id, "profile_id": done.profile_id}
        else:
            # Same run, node and visit → same unique_id: Klaviyo keeps one event however
            # often the step is retried.
            unique_id = ctx.retry_key("klaviyo-event")
            properties = {**mapped(friend, config.properties),
                          "workflow_id": ctx.run.workflow_id}
            done = client.track_event(str(config.event_name), person, properties, unique_id,
                                      ctx.now)
            output = {"event": config.event_name, "unique_id": unique_id}
    except IntegrationError as exc:
        raise StepFailed(str(exc), attempts=exc.attempts) from None
    ctx.attempts = max(ctx.attempts, done.attempts)
    return StepResult(output=output)


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="Klaviyo", short_label_ja="Klaviyo",
    type="action.klaviyo", category="action", label="Klaviyo", label_ja="Klaviyo連携",
    description="Adds the friend to a Klaviyo list or tracks an event.",
    integration="klaviyo",
    config_model=KlaviyoConfig,
    execute=execute,
)
