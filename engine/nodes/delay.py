"""Action: wait a duration (durably), optionally only waking inside a send window."""

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.nodes.base import NodeConfig, NodeSpec

UNIT_SECONDS = {"minutes": 60, "hours": 3600, "days": 86_400, "weeks": 7 * 86_400}
MAX_DELAY_SECONDS = 365 * 86_400
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class SendWindow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: str = Field(default="09:00", pattern=_HHMM.pattern, description="HH:MM")
    end: str = Field(default="21:00", pattern=_HHMM.pattern, description="HH:MM")


class DelayConfig(NodeConfig):
    amount: int = Field(ge=1, le=525_600, description="How many units to wait.")
    unit: Literal["minutes", "hours", "days", "weeks"] = "days"
    send_window: SendWindow | None = Field(
        default=None, description="Only wake inside this window of the account's time zone.")

    @property
    def seconds(self) -> int:
        return self.amount * UNIT_SECONDS[self.unit]

    def problems(self) -> list[tuple[str, str]]:
        out = []
        if self.seconds > MAX_DELAY_SECONDS:
            out.append(("amount", "a delay can be at most 365 days"))
        if self.send_window and self.send_window.start == self.send_window.end:
            out.append(("send_window/end", "the send window must not be empty"))
        return out

    def summary(self) -> str:
        return f"Wait {self.amount} {self.unit}"


SPEC = NodeSpec(
    type="action.delay", category="action", label="Delay", label_ja="待機",
    description="Waits from 1 minute to 365 days before the next step.",
    config_model=DelayConfig,
)
