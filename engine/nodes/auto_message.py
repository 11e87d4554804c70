"""Action: send a saved auto-send message by reference."""

from pydantic import Field

from engine.nodes.base import NodeConfig, NodeSpec


class AutoMessageConfig(NodeConfig):
    references = {"auto_message_id": "auto_message"}
    auto_message_id: int = Field(description="The saved auto-send message to send.")

    def summary(self) -> str:
        return f"Send auto-send message #{self.auto_message_id}"


SPEC = NodeSpec(
    type="action.auto_message", category="action", label="Auto-send message",
    label_ja="自動送信メッセージ",
    description="Sends one of the account's saved auto-send messages.",
    config_model=AutoMessageConfig,
)
