"""Action: push up to 5 messages (text, image) to the friend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from engine.messages import MessageList, TextMessage
from engine.nodes.base import NodeConfig, NodeSpec, StepResult

if TYPE_CHECKING:
    from engine.runtime.context import StepContext


class SendMessageConfig(NodeConfig):
    messages: MessageList = Field(description="1 to 5 messages sent together.")

    def summary(self) -> str:
        first = self.messages[0]
        if isinstance(first, TextMessage):
            text = first.text if len(first.text) <= 40 else first.text[:39] + "…"
            return f"Send “{text}”" + (f" (+{len(self.messages) - 1})"
                                       if len(self.messages) > 1 else "")
        return f"Send {len(self.messages)} message(s)"


def execute(ctx: StepContext, config: SendMessageConfig) -> StepResult:
    result = ctx.push([m.model_dump(mode="json") for m in config.messages])
    return StepResult(output={"messages": len(config.messages),
                              "already_sent": result.already_sent})


SPEC = NodeSpec(
    type="action.send_message", category="action", label="Send message",
    label_ja="メッセージ送信",
    description="Sends text or image messages to the friend.",
    config_model=SendMessageConfig,
    execute=execute,
)
