"""Turn a stored event into effects: friend state, answers to questions, and new runs."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from engine import clock
from engine.crypto import decrypt
from engine.customer_sessions import (
    AgentTurn,
    answer_turn,
    end_friend_sessions,
    event_time,
    route_message,
)
from engine.events import (
    FOLLOW,
    MESSAGE,
    QR_SCAN,
    UNFOLLOW,
    NormalisedEvent,
    from_commerce,
    from_line,
)
from engine.friends import get_friend, upsert_friend
from engine.line.gateway import LineError
from engine.matching import normalise
from engine.runtime.context import Services
from engine.runtime.interpreter import start_run
from engine.storage.models import LineAccount, QrCode, WebhookEvent
from engine.timers import CLAIM_TIMEOUT, claim_answer
from engine.triggers import TriggerIndex

log = logging.getLogger("lumo.events")


@dataclass
class Dispatched:
    run_ids: list[str] = field(default_factory=list)
    answered_wait: int | None = None
    status: str = "processed"
    # A message for the friend's Customer Agent session, answered after the commit.
    agent_turn: AgentTurn | None = None


def process_event(services: Services, index: TriggerIndex, event_id: int) -> Dispatched:
    now = clock.now()
    with services.db.session() as session:
        ev = session.get(WebhookEvent, event_id)
        if ev is None or ev.status not in ("pending", "processing"):
            return Dispatched(status="skipped")
        account = session.get(LineAccount, ev.account_id)
        assert account is not None
        norm = from_line(ev.payload) if ev.source == "line" else from_commerce(ev.payload)
        friend = get_friend(session, account, norm.user_id) if norm.user_id else None
        wants_profile = (norm.user_id is not None and ev.source == "line"
                         and norm.mode == "active"
                         and (norm.kind == FOLLOW or friend is None or not friend.display_name))
        token = decrypt(account.access_token_enc) if wants_profile else None

    # The profile is fetched outside the transaction: no database lock is held over HTTP.
    profile = None
    if wants_profile and token and norm.user_id:
        try:
            profile = services.gateway.get_profile(token, norm.user_id)
        except LineError as exc:
            log.warning("profile of a friend could not be fetched: %s", exc)

    out = Dispatched()
    with services.db.session() as session:
        claimed = session.execute(
            update(WebhookEvent).where(WebhookEvent.id == event_id, or_(
                WebhookEvent.status == "pending",
                and_(WebhookEvent.status == "processing",
                     WebhookEvent.claimed_at < now - CLAIM_TIMEOUT)))
            .values(status="processing", claimed_at=now,
                    attempts=WebhookEvent.attempts + 1))
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return Dispatched(status="skipped")
        ev = session.get(WebhookEvent, event_id)
        account = session.get(LineAccount, ev.account_id)  # type: ignore[union-attr]
        assert ev is not None and account is not None
        out.status = _dispatch(session, index, ev, account, norm, profile, out, now)
        ev.status = out.status
        ev.processed_at = now
    if out.agent_turn is not None:
        # After the commit: the agent's answer means HTTP calls (LINE, maybe a model), which
        # must not hold the event's transaction open.
        answer_turn(services, out.agent_turn)
    return out


def _dispatch(session: Session, index: TriggerIndex, ev: WebhookEvent, account: LineAccount,
              norm: NormalisedEvent, profile: dict[str, Any] | None, out: Dispatched,
              now: datetime) -> str:
    if norm.mode == "standby":
        return "ignored"  # another channel owns the chat: we must not act
    if norm.user_id is None:
        return "ignored"
    if ev.source == "commerce":
        friend = get_friend(session, account, norm.user_id)
        if friend is None:
            return "ignored"  # the shop knows a LINE user we have never seen
    else:
        friend = upsert_friend(session, account, norm.user_id, now, profile)
    if norm.kind == FOLLOW:
        friend.status, friend.followed_at, friend.blocked_at = "active", now, None
    elif norm.kind == UNFOLLOW:
        friend.status, friend.blocked_at = "blocked", now
        end_friend_sessions(session, friend.id, "blocked", now)
    if norm.kind == MESSAGE and norm.text is not None:
        # An answer to a pending Question is consumed: it starts no keyword workflow.
        wait_id = claim_answer(session, friend.id, norm.text, now)
        if wait_id is not None:
            out.answered_wait = wait_id
            return "processed"
        # A friend in a Customer Agent session talks to the agent: no keyword workflow starts.
        turn = route_message(session, friend, ev.event_key, norm.text, norm.reply_token,
                             event_time(ev.payload), now)
        if turn is not None:
            out.agent_turn = turn
            return "processed"
        qr = _qr_for_text(session, account.id, norm.text)
        if qr is not None:
            norm.kind, norm.qr_code_id = QR_SCAN, qr.id
    if norm.kind not in _TRIGGER_KINDS:
        return "ignored"
    for trig in index.match(session, account.id, norm):
        run = start_run(session, trig, account, friend, ev.event_key, now)
        if run is not None:
            out.run_ids.append(run.id)
    return "processed"


_TRIGGER_KINDS = {FOLLOW, UNFOLLOW, MESSAGE, "postback", "video_complete", QR_SCAN,
                  "purchase_completed", "cart_abandoned"}


def _qr_for_text(session: Session, account_id: int, text: str) -> QrCode | None:
    wanted = normalise(text)
    if len(wanted) > 300:  # longer than any prefilled text
        return None
    for qr in session.scalars(select(QrCode).where(QrCode.account_id == account_id)):
        if normalise(qr.prefill_text) == wanted:
            return qr
    return None

