"""Action: send up to 5 LINE message objects (any type, LINE's own shape) to the friend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from engine.messages import MessageList, TextMessage
from engine.nodes.base import NodeConfig, NodeSpec, StepResult

if TYPE_CHECKING:
    from engine.runtime.context import StepContext

_NAMES = {"sticker": "sticker", "image": "image", "video": "video", "audio": "audio",
          "location": "location", "imagemap": "imagemap", "template": "buttons",
          "flex": "Flex Message", "coupon": "coupon"}


class SendMessageConfig(NodeConfig):
    messages: MessageList = Field(description="1 to 5 LINE message objects sent together "
                                              "(text, sticker, image, video, audio, location, "
                                              "imagemap, template, Flex, coupon).")

    def summary(self) -> str:
        first = self.messages[0]
        more = f" (+{len(self.messages) - 1})" if len(self.messages) > 1 else ""
        if isinstance(first, TextMessage):
            text = first.text if len(first.text) <= 40 else first.text[:39] + "…"
            return f"Send “{text}”" + more
        name = _NAMES.get(first.type, first.type)
        if first.type == "template":
            name = {"buttons": "buttons", "confirm": "confirm", "carousel": "carousel",
                    "image_carousel": "image carousel"}[first.template.type]  # type: ignore
        return f"Send {name}{more}"


def line_messages(config: SendMessageConfig) -> list[dict[str, Any]]:
    return [m.model_dump(mode="json", exclude_none=True) for m in config.messages]


def execute(ctx: StepContext, config: SendMessageConfig) -> StepResult:
    result = ctx.send(line_messages(config))
    output: dict[str, Any] = {"messages": len(config.messages), "delivery": result.delivery,
                              "already_sent": result.already_sent}
    if result.reply_error:
        output["reply_error"] = result.reply_error[:300]
    return StepResult(output=output)


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="send message", short_label_ja="メッセージ送信",
    type="action.send_message", category="action", label="Send message",
    label_ja="メッセージ送信",
    description="Sends up to 5 LINE messages: text, sticker, image, video, audio, location, "
                "imagemap, buttons / confirm / carousel, Flex Message or coupon.",
    config_model=SendMessageConfig,
    execute=execute,
)
