"""Action: hand the friend's next messages to the Customer Agent for a while."""

from pydantic import Field

from engine.nodes.base import NodeConfig, NodeSpec


class CustomerAgentConfig(NodeConfig):
    greeting: str | None = Field(default=None, max_length=1000,
                                 description="Sent when the session starts.")
    instructions: str = Field(default="", max_length=4000,
                              description="Extra guidance for the agent (tone, scope).")
    handoff_keyword: str = Field(default="staff", min_length=1, max_length=50,
                                 description="Ends the session and asks a human to reply.")
    idle_timeout_minutes: int = Field(default=30, ge=1, le=7 * 24 * 60)

    def summary(self) -> str:
        return "Customer Agent answers the friend"


SPEC = NodeSpec(
    type="action.customer_agent", category="action", label="Customer Agent",
    label_ja="カスタマーエージェント",
    description="Starts an automated-response session: the friend's messages are answered by "
                "the Customer Agent until hand-off or idle timeout.",
    config_model=CustomerAgentConfig,
)
