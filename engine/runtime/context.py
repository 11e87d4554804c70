"""What a node's executor can use while it runs one step of one run."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from engine.line.gateway import CallResult, LineError, LineGateway
from engine.metrics import LINE_MESSAGES
from engine.nodes.base import StepFailed
from engine.render import to_line_message
from engine.runtime.accounts import AccountCache, AccountView
from engine.runtime.attempts import EventRetryPolicy, ProfileMemo
from engine.settings import Settings
from engine.storage.db import Database
from engine.storage.models import Friend, Run

RETRY_KEY_NAMESPACE = uuid.UUID("6f1c2b9e-3a51-4c1e-9d7a-5b0f4f1e2a77")


@dataclass
class AgentRequest:
    """One friend message for the Customer Agent to answer (plain data: no ORM objects)."""

    organisation_id: int
    account_id: int
    session_id: int
    text: str
    language: str  # "ja" | "en": the language to answer in
    friend_name: str = ""
    instructions: str = ""
    handoff_keyword: str = ""
    # Earlier turns of this session, oldest first: {"role": "friend" | "agent", "text": ...}.
    history: list[dict[str, str]] = field(default_factory=list)


@dataclass
class AgentReply:
    text: str
    known: bool = True  # False: the agent said it does not know
    sources: list[int] = field(default_factory=list)  # FAQ entry ids the answer came from
    provider: str = "offline"
    usage: dict[str, int] = field(default_factory=dict)


class CustomerAgentPort(Protocol):
    """Declared by the engine, implemented in agent/ and wired by api/ at start-up.

    The engine owns sessions, the transcript and delivery (engine.customer_sessions); the
    agent only composes the answer, so a slow or failing model never corrupts session state.
    """

    def reply(self, request: AgentRequest) -> AgentReply: ...


@dataclass
class Services:
    db: Database
    gateway: LineGateway
    customer_agent: CustomerAgentPort | None = None
    integrations: dict[str, Any] = field(default_factory=dict)
    accounts: AccountCache = field(default_factory=AccountCache)
    event_policy: EventRetryPolicy = field(default_factory=EventRetryPolicy)
    profiles: ProfileMemo = field(default_factory=ProfileMemo)
    reply_window: float = 50.0  # seconds a triggering event's reply token is used

    @classmethod
    def from_settings(cls, settings: Settings, db: Database | None = None) -> Services:
        gateway = LineGateway(settings.line_api_host, timeout=settings.line_timeout,
                              max_attempts=settings.line_max_attempts,
                              backoff_initial=settings.line_backoff_initial,
                              backoff_max=settings.line_backoff_max,
                              blob_host=settings.line_blob_host)
        policy = EventRetryPolicy(max_attempts=settings.event_max_attempts,
                                  backoff_initial=settings.event_backoff_initial,
                                  backoff_max=settings.event_backoff_max)
        return cls(db=db or Database(settings.database_url), gateway=gateway,
                   event_policy=policy, reply_window=settings.line_reply_window)


@dataclass
class StepContext:
    session: Session
    services: Services
    run: Run
    account: AccountView
    friend: Friend | None
    node_id: str
    visit: int
    now: datetime
    attempts: int = 0

    def access_token(self) -> str:
        return self.account.access_token

    def retry_key(self, part: str = "") -> str:
        """Same run, node and visit → same key, so a re-executed step is not sent twice."""
        return str(uuid.uuid5(RETRY_KEY_NAMESPACE,
                              f"{self.run.id}:{self.node_id}:{self.visit}:{part}"))

    def require_friend(self) -> Friend:
        if self.friend is None:
            raise StepFailed("this run has no friend to act on")
        return self.friend

    def _reply_token(self) -> str | None:
        """The triggering event's reply token while it is unused and young enough."""
        context = self.run.context or {}
        token, at = context.get("reply_token"), context.get("event_at")
        if not token or context.get("reply_used") or not at:
            return None
        try:
            age = (self.now - datetime.fromisoformat(at)).total_seconds()
        except (TypeError, ValueError):
            return None
        return token if abs(age) < self.services.reply_window else None  # (clock skew)

    def send(self, messages: list[dict[str, Any]], part: str = "",
             extra: dict[str, Any] | None = None) -> CallResult:
        """Reply before push: reply with the triggering event's token while it is valid (free
        for the account); otherwise, or when LINE refuses the reply, push with the retry key.
        `result.delivery` says which was used."""
        friend = self.require_friend()
        if friend.status != "active":  # blocked (unfollowed): never pushed to
            raise StepFailed("the friend has blocked the account; LINE would refuse the message")
        line_messages = [to_line_message(m, friend) for m in messages]
        if extra:
            line_messages[-1] = {**line_messages[-1], **extra}
        token = self._reply_token()
        reply_error: str | None = None
        if token is not None:
            # Single use, whatever LINE answers: a later step of this run pushes.
            self.run.context = {**(self.run.context or {}), "reply_used": True}
            try:
                result = self.services.gateway.reply(self.access_token(), token,
                                                     line_messages)
            except LineError as exc:
                LINE_MESSAGES.labels("reply", "refused").inc()
                reply_error = str(exc)
            else:
                LINE_MESSAGES.labels("reply", "sent").inc()
                self.attempts = max(self.attempts, result.attempts)
                result.delivery = "reply"
                return result
        try:
            result = self.services.gateway.push(self.access_token(), friend.line_user_id,
                                                line_messages, self.retry_key(part))
        except LineError as exc:
            LINE_MESSAGES.labels("push", "failed").inc()
            raise StepFailed(str(exc), attempts=exc.attempts) from None
        LINE_MESSAGES.labels("push", "already_sent" if result.already_sent else "sent").inc()
        self.attempts = max(self.attempts, result.attempts)
        result.delivery, result.reply_error = "push", reply_error
        return result

    push = send  # (older name: every send replies first when it can)
