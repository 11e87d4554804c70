"""Action: send a saved auto-send message by reference."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from engine.nodes.base import NodeConfig, NodeSpec, StepFailed, StepResult
from engine.storage.models import AutoMessage

if TYPE_CHECKING:
    from engine.runtime.context import StepContext


class AutoMessageConfig(NodeConfig):
    references = {"auto_message_id": "auto_message"}
    auto_message_id: int = Field(description="The saved auto-send message to send.")

    def summary(self) -> str:
        return f"Send auto-send message #{self.auto_message_id}"


def execute(ctx: StepContext, config: AutoMessageConfig) -> StepResult:
    saved = ctx.session.get(AutoMessage, config.auto_message_id)
    if saved is None or saved.organisation_id != ctx.account.organisation_id:
        raise StepFailed(f"auto-send message #{config.auto_message_id} no longer exists")
    result = ctx.send(list(saved.messages))
    return StepResult(output={"auto_message": saved.name, "messages": len(saved.messages),
                              "delivery": result.delivery,
                              "already_sent": result.already_sent})


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="send saved message", short_label_ja="自動送信メッセージ",
    type="action.auto_message", category="action", label="Auto-send message",
    label_ja="自動送信メッセージ",
    description="Sends one of the account's saved auto-send messages.",
    config_model=AutoMessageConfig,
    execute=execute,
)
