"""Action: hand the friend's next messages to the Customer Agent for a while.

The step opens a session (engine.customer_sessions) and waits while it lasts; the friend's
messages go to the agent instead of keyword workflows. The run continues down “handoff” when
the friend sends the hand-off keyword, otherwise down “out” when the session ends (idle
timeout, a newer session, the friend blocked the account).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from engine.nodes.base import Handle, NodeConfig, NodeSpec, StepFailed, StepResult, WaitSpec

if TYPE_CHECKING:
    from engine.runtime.context import StepContext

HANDOFF = "handoff"


class CustomerAgentConfig(NodeConfig):
    greeting: str | None = Field(default=None, max_length=1000,
                                 description="Sent when the session starts.")
    instructions: str = Field(default="", max_length=4000,
                              description="Extra guidance for the agent (tone, scope).")
    handoff_keyword: str = Field(default="staff", min_length=1, max_length=50,
                                 description="Ends the session and asks a human to reply.")
    handoff_message: str | None = Field(
        default=None, max_length=1000,
        description="Sent when the friend asks for a human (a default in their language "
                    "when empty).")
    idle_timeout_minutes: int = Field(default=30, ge=1, le=7 * 24 * 60)

    def summary(self) -> str:
        return "Customer Agent answers the friend"


def _wait(session_id: int, wake_at: Any) -> WaitSpec:
    # "agent" is a wait kind of its own: not claimed by answers (questions) nor bulk delays.
    return WaitSpec(kind="agent", wake_at=wake_at,  # type: ignore[arg-type]
                    data={"session_id": session_id})


def execute(ctx: StepContext, config: CustomerAgentConfig) -> StepResult:
    from engine.customer_sessions import start_session

    if ctx.services.customer_agent is None:
        raise StepFailed("the Customer Agent is not available in this worker")
    friend = ctx.require_friend()
    s, created = start_session(ctx, config)
    greeted = False
    if config.greeting and created:
        sent = ctx.send([{"type": "text", "text": config.greeting}], part="greeting")
        from engine.storage.models import AgentMessage

        ctx.session.add(AgentMessage(session_id=s.id, friend_id=friend.id, role="agent",
                                     text=config.greeting, created_at=ctx.now,
                                     meta={"delivery": sent.delivery, "greeting": True}))
        greeted = True
    return StepResult(wait=_wait(s.id, s.expires_at),
                      output={"session_id": s.id, "greeting_sent": greeted,
                              "idle_timeout_minutes": config.idle_timeout_minutes})


def resume(ctx: StepContext, config: CustomerAgentConfig, data: dict[str, Any],
           outcome: str) -> StepResult:
    from engine.customer_sessions import counts, end_session
    from engine.storage.models import AgentSession

    # Locked: a hand-off committed meanwhile is seen here rather than missed.
    s = ctx.session.get(AgentSession, data.get("session_id"), with_for_update=True)
    if s is None:
        return StepResult(output={"ended": "session_missing"})
    if s.status == "active":
        if s.expires_at > ctx.now:  # the friend wrote since this wait was set: keep going
            return StepResult(wait=_wait(s.id, s.expires_at), output={"session_id": s.id})
        end_session(ctx.session, s, "idle_timeout", ctx.now)
    handle = HANDOFF if s.end_reason == "handoff" else "out"
    return StepResult(handle=handle, output={"session_id": s.id, "ended": s.end_reason,
                                             **counts(ctx.session, s.id)})


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="AI agent", short_label_ja="AI応答",
    type="action.customer_agent", category="action", label="Customer Agent",
    label_ja="カスタマーエージェント",
    description="Starts an automated-response session: the friend's messages are answered by "
                "the Customer Agent until hand-off or idle timeout.",
    config_model=CustomerAgentConfig,
    outputs=(Handle(id="out", label="Session ended", label_ja="セッション終了"),
             Handle(id=HANDOFF, label="Handed off to staff", label_ja="有人対応へ")),
    execute=execute, resume=resume,
)
