"""Customer Agent sessions: start, route the friend's messages, deliver answers, end.

The engine owns the session rows, the transcript and delivery over LINE; composing an answer
is the agent's job, reached only through `Services.customer_agent` (CustomerAgentPort, wired by
api/). A session belongs to the step that opened it: that step waits (wait kind "agent") with
`wake_at` = the idle deadline, pushed forward whenever the friend writes. Ending a session for
any reason (hand-off keyword, idle, block, a newer session) sets that wait due now, so the
scheduler resumes the run down "handoff" or "out" without new machinery.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine import clock, metrics
from engine.crypto import decrypt
from engine.line.gateway import LineError
from engine.matching import text_matches
from engine.runtime.context import AgentReply, AgentRequest, Services
from engine.storage.models import (
    AgentMessage,
    AgentSession,
    Friend,
    LineAccount,
    Run,
    Wait,
    Workflow,
)

if TYPE_CHECKING:
    from engine.nodes.customer_agent import CustomerAgentConfig
    from engine.runtime.context import StepContext

log = logging.getLogger("lumo.customer_agent")

WAIT_KIND = "agent"
# LINE asks for replies within about a minute of the event; older tokens go by push.
REPLY_TOKEN_MAX_AGE = timedelta(seconds=50)
LOADING_SECONDS = 20  # LINE: a multiple of 5 from 5 to 60; cleared by our reply
HISTORY_TURNS = 20
_AGENT_KEY_NAMESPACE = uuid.UUID("0b7a4f0e-6c3d-4f4b-9a51-2d8e7c1f3a90")
_RUN_OVER = ("completed", "failed", "cancelled")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")

HANDOFF_DEFAULT = {
    "ja": "担当者におつなぎします。スタッフからの返信をお待ちください。",
    "en": "Thanks — a member of our staff will reply to you here soon.",
}
UNAVAILABLE = {
    "ja": "申し訳ありません、ただいま自動応答ができません。"
          "「{kw}」と送ると担当者におつなぎします。",
    "en": "Sorry, I can't answer right now. Send “{kw}” to talk to our staff.",
}


@dataclass
class AgentTurn:
    """What the dispatcher hands over once its transaction has committed."""

    session_id: int
    kind: Literal["answer", "handoff", "recorded"]  # recorded: already handled, send nothing
    text: str
    message_id: int = 0
    reply_token: str | None = None
    event_time: datetime | None = None


def language_of(text: str, friend: Friend | None) -> str:
    """Answer in the language the friend writes in; their LINE language otherwise."""
    if _JAPANESE.search(text):
        return "ja"
    if re.search(r"[A-Za-z]", text):
        return "en"
    return "ja" if friend is not None and (friend.language or "").startswith("ja") else "en"


def _idle(config: dict[str, Any]) -> timedelta:
    return timedelta(minutes=int(config.get("idle_timeout_minutes") or 30))


def _note(session: Session, s: AgentSession, text: str, **meta: Any) -> None:
    session.add(AgentMessage(session_id=s.id, friend_id=s.friend_id, role="system", text=text,
                             meta=meta, created_at=clock.now()))


# -- lifecycle -------------------------------------------------------------------------------

def start_session(ctx: StepContext, config: CustomerAgentConfig) -> tuple[AgentSession, bool]:
    """Open the friend's session for this step; (session, created). Idempotent per step."""
    friend = ctx.require_friend()
    session = ctx.session
    key = ctx.retry_key("agent-session")
    existing = session.scalar(select(AgentSession).where(AgentSession.origin_key == key))
    if existing is not None:  # the step is being re-executed after a crash
        return existing, False
    # One session per friend: a newer one replaces the old (whose run then moves on).
    for old in session.scalars(select(AgentSession).where(
            AgentSession.friend_id == friend.id, AgentSession.status == "active")):
        end_session(session, old, "replaced", ctx.now)
    data = config.model_dump(mode="json")
    s = AgentSession(organisation_id=ctx.account.organisation_id, account_id=ctx.account.id,
                     friend_id=friend.id, run_id=ctx.run.id, node_id=ctx.node_id,
                     origin_key=key, status="active", config=data, started_at=ctx.now,
                     last_activity_at=ctx.now, expires_at=ctx.now + _idle(data))
    session.add(s)
    session.flush()
    _note(session, s, "Session started", event="started", run_id=ctx.run.id,
          node_id=ctx.node_id)
    return s, True


def end_session(session: Session, s: AgentSession, reason: str, now: datetime) -> None:
    if s.status != "active":
        return
    s.status, s.end_reason, s.ended_at = "ended", reason, now
    _note(session, s, f"Session ended: {reason.replace('_', ' ')}", event="ended",
          reason=reason)
    if s.run_id is not None:
        # Due now: the scheduler resumes the waiting step, which takes its exit.
        session.execute(update(Wait).where(
            Wait.run_id == s.run_id, Wait.node_id == s.node_id, Wait.kind == WAIT_KIND,
            Wait.status == "pending").values(wake_at=now))
    session.flush()


def end_friend_sessions(session: Session, friend_id: int, reason: str, now: datetime) -> int:
    ended = 0
    for s in session.scalars(select(AgentSession).where(
            AgentSession.friend_id == friend_id, AgentSession.status == "active")):
        end_session(session, s, reason, now)
        ended += 1
    return ended


def active_session(session: Session, friend_id: int, now: datetime) -> AgentSession | None:
    """The friend's live session; stale ones (idle, run or workflow stopped) are ended here."""
    # FOR UPDATE (PostgreSQL): serialises with the step that re-arms the idle wait, so a
    # hand-off never misses the wait it must wake. SQLite writers are serial already.
    s = session.scalar(select(AgentSession).where(
        AgentSession.friend_id == friend_id, AgentSession.status == "active")
        .order_by(AgentSession.id.desc()).limit(1).with_for_update())
    if s is None:
        return None
    if s.expires_at <= now:
        end_session(session, s, "idle_timeout", now)
        return None
    if s.run_id is not None:
        run = session.get(Run, s.run_id)
        wf = session.get(Workflow, run.workflow_id) if run is not None else None
        # A paused or deleted workflow stops answering at once, like its runs stop.
        if (run is None or run.status in _RUN_OVER or wf is None or wf.status != "active"
                or wf.deleted_at is not None):
            end_session(session, s, "workflow_stopped", now)
            return None
    return s


def route_message(session: Session, friend: Friend, event_key: str, text: str,
                  reply_token: str | None, event_time: datetime | None,
                  now: datetime) -> AgentTurn | None:
    """Take a friend's text for their live session (None: no session, route as usual)."""
    s = active_session(session, friend.id, now)
    if s is None:
        return None
    seen = session.scalar(select(AgentMessage.id).where(AgentMessage.session_id == s.id,
                                                        AgentMessage.event_key == event_key))
    if seen is not None:  # the same event processed again: it was routed already
        return AgentTurn(session_id=s.id, kind="recorded", text=text)
    msg = AgentMessage(session_id=s.id, friend_id=friend.id, role="friend", text=text,
                       event_key=event_key, meta={}, created_at=now)
    session.add(msg)
    session.flush()
    keyword = str(s.config.get("handoff_keyword") or "")
    if keyword and text_matches(text, keyword, "contains"):
        end_session(session, s, "handoff", now)
        return AgentTurn(session_id=s.id, kind="handoff", text=text, message_id=msg.id,
                         reply_token=reply_token, event_time=event_time)
    s.last_activity_at = now
    s.expires_at = now + _idle(s.config)
    if s.run_id is not None:
        session.execute(update(Wait).where(
            Wait.run_id == s.run_id, Wait.node_id == s.node_id, Wait.kind == WAIT_KIND,
            Wait.status == "pending").values(wake_at=s.expires_at))
    return AgentTurn(session_id=s.id, kind="answer", text=text, message_id=msg.id,
                     reply_token=reply_token, event_time=event_time)


def counts(session: Session, session_id: int) -> dict[str, int]:
    rows = session.execute(select(AgentMessage.role, func.count()).where(
        AgentMessage.session_id == session_id).group_by(AgentMessage.role)).all()
    by_role = {role: n for role, n in rows}
    return {"friend_messages": by_role.get("friend", 0), "answers": by_role.get("agent", 0)}


def event_time(payload: dict[str, Any]) -> datetime | None:
    ms = payload.get("timestamp")
    if not isinstance(ms, int | float):
        return None
    return datetime.fromtimestamp(ms / 1000, UTC)


# -- answering (outside the dispatcher's transaction: HTTP to LINE and maybe a model) --------

@dataclass
class _Prepared:
    request: AgentRequest
    access_token: str
    line_user_id: str
    handoff_text: str


def _prepare(services: Services, turn: AgentTurn) -> _Prepared | None:
    with services.db.session() as session:
        s = session.get(AgentSession, turn.session_id)
        if s is None:
            return None
        account = session.get(LineAccount, s.account_id)
        friend = session.get(Friend, s.friend_id)
        if account is None or friend is None:
            return None
        earlier = list(session.scalars(select(AgentMessage).where(
            AgentMessage.session_id == s.id, AgentMessage.role.in_(("friend", "agent")),
            AgentMessage.id < turn.message_id).order_by(AgentMessage.id.desc())
            .limit(HISTORY_TURNS)))
        lang = language_of(turn.text, friend)
        config = s.config or {}
        request = AgentRequest(
            organisation_id=s.organisation_id, account_id=s.account_id, session_id=s.id,
            text=turn.text, language=lang, friend_name=friend.display_name or "",
            instructions=str(config.get("instructions") or ""),
            handoff_keyword=str(config.get("handoff_keyword") or ""),
            history=[{"role": m.role, "text": m.text} for m in reversed(earlier)])
        handoff = str(config.get("handoff_message") or "") or HANDOFF_DEFAULT[lang]
        return _Prepared(request, decrypt(account.access_token_enc), friend.line_user_id,
                         handoff)


def _compose(services: Services, p: _Prepared) -> tuple[str, dict[str, Any]]:
    port = services.customer_agent
    fallback = UNAVAILABLE[p.request.language].format(kw=p.request.handoff_keyword or "staff")
    if port is None:
        log.warning("a Customer Agent session is active but no agent is wired in this process")
        return fallback, {"known": False, "error": "no Customer Agent in this worker"}
    try:
        reply: AgentReply = port.reply(p.request)
    except Exception as exc:  # noqa: BLE001 - the friend still gets an answer; we log why
        log.exception("the Customer Agent failed to answer session %s", p.request.session_id)
        return fallback, {"known": False, "error": f"{type(exc).__name__}: {exc}"[:500]}
    text = (reply.text or "").strip()[:5000] or fallback
    return text, {"known": reply.known, "sources": reply.sources, "provider": reply.provider,
                  "usage": reply.usage}


def _deliver(services: Services, p: _Prepared, turn: AgentTurn,
             text: str) -> dict[str, Any]:
    gateway = services.gateway
    messages = [{"type": "text", "text": text}]
    age = clock.now() - turn.event_time if turn.event_time else None
    reply_error: str | None = None
    if turn.reply_token and age is not None and age < REPLY_TOKEN_MAX_AGE:
        try:
            gateway.reply(p.access_token, turn.reply_token, messages)
            return {"delivery": "reply"}
        except LineError as exc:
            # Reply tokens are single-use and short-lived: fall back to a push (with a
            # retry key) rather than leave the friend without an answer.
            reply_error = str(exc)
    key = str(uuid.uuid5(_AGENT_KEY_NAMESPACE, f"{turn.session_id}:{turn.message_id}"))
    out: dict[str, Any] = {"delivery": "push", "retry_key": key}
    if reply_error:
        out["reply_error"] = reply_error
    try:
        result = gateway.push(p.access_token, p.line_user_id, messages, key)
        out["attempts"] = result.attempts
    except LineError as exc:
        out |= {"delivery": "failed", "error": str(exc), "attempts": exc.attempts}
    return out


def answer_turn(services: Services, turn: AgentTurn) -> None:
    """Show the loading indicator, get the agent's answer, deliver it, keep the transcript."""
    if turn.kind == "recorded":
        return
    try:
        prepared = _prepare(services, turn)
        if prepared is None:
            return
        if turn.kind == "handoff":
            text, meta = prepared.handoff_text, {"handoff": True}
        else:
            try:
                services.gateway.show_loading(prepared.access_token, prepared.line_user_id,
                                              LOADING_SECONDS)
            except LineError as exc:  # cosmetic: never blocks the answer
                log.info("loading indicator refused: %s", exc)
            with metrics.timed_turn("customer"):
                text, meta = _compose(services, prepared)
        meta |= _deliver(services, prepared, turn, text)
        with services.db.session() as session:
            s = session.get(AgentSession, turn.session_id)
            if s is not None:
                session.add(AgentMessage(session_id=s.id, friend_id=s.friend_id, role="agent",
                                         text=text, meta=meta, created_at=clock.now()))
    except Exception:  # noqa: BLE001 - the event is processed; never crash the worker
        log.exception("answering Customer Agent session %s failed", turn.session_id)
