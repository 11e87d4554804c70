"""Action: wait a duration (durably), optionally only waking inside a send window."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from engine.nodes.base import NodeConfig, NodeSpec, StepResult, WaitSpec
from engine.plural import counted

if TYPE_CHECKING:
    from engine.runtime.context import StepContext

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
        return f"Wait {counted(self.amount, self.unit[:-1])}"


def _hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def next_in_window(moment: datetime, window: SendWindow, tz: str) -> datetime:
    """The first instant at or after `moment` inside the daily window (account time zone)."""
    local = moment.astimezone(ZoneInfo(tz))
    start, end = _hhmm(window.start), _hhmm(window.end)
    t = local.time()
    inside = (start <= t < end) if start < end else (t >= start or t < end)  # overnight window
    if inside:
        return moment
    opening = local.replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
    if opening <= local:
        opening += timedelta(days=1)
    return opening.astimezone(moment.tzinfo)


def wake_time(config: DelayConfig, now: datetime, tz: str) -> datetime:
    wake = now + timedelta(seconds=config.seconds)
    return next_in_window(wake, config.send_window, tz) if config.send_window else wake


def execute(ctx: StepContext, config: DelayConfig) -> StepResult:
    wake = wake_time(config, ctx.now, ctx.account.timezone)
    return StepResult(wait=WaitSpec(kind="delay", wake_at=wake),
                      output={"wake_at": wake.isoformat()})


SPEC = NodeSpec(
    type="action.delay", category="action", label="Delay", label_ja="待機",
    description="Waits from 1 minute to 365 days before the next step.",
    config_model=DelayConfig,
    execute=execute,
)
