"""Turn a stored event into effects: friend state, answers to questions, and new runs."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, bindparam, or_, select, update
from sqlalchemy.orm import Session

from engine import clock
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
    POSTBACK,
    QR_SCAN,
    UNFOLLOW,
    NormalisedEvent,
    from_commerce,
    from_line,
)
from engine.line.gateway import LineError
from engine.line.webhook_body import BodyError
from engine.matching import normalise
from engine.nodes import trigger_kinds
from engine.nodes.question import answer_from_postback
from engine.runtime.accounts import AccountView
from engine.runtime.attempts import PoisonEvent
from engine.runtime.context import Services
from engine.runtime.interpreter import WarmStart, start_run
from engine.storage.models import Friend, QrCode, WebhookEvent
from engine.timers import CLAIM_TIMEOUT, claim_answer
from engine.triggers import TriggerIndex

log = logging.getLogger("lumo.events")


@dataclass
class Dispatched:
    run_ids: list[str] = field(default_factory=list)
    # What the event's transaction wrote for each new run, so its first step reads nothing.
    warm: dict[str, WarmStart] = field(default_factory=dict)
    answered_wait: int | None = None
    status: str = "processed"
    # A message for the friend's Customer Agent session, answered after the commit.
    agent_turn: AgentTurn | None = None


_EVENTS = WebhookEvent.__table__
# Built once (its cache key and compiled form are memoised): claims the event and settles its
# final status in one statement ("ignored" is corrected later in the same transaction).
_CLAIM = update(_EVENTS).where(_EVENTS.c.id == bindparam("event_id"), or_(
    _EVENTS.c.status == "pending",
    and_(_EVENTS.c.status == "processing", _EVENTS.c.claimed_at < bindparam("stale_before")))
).values(status="processed", claimed_at=bindparam("now"), processed_at=bindparam("now"),
         attempts=_EVENTS.c.attempts + 1)


# The columns the dispatch reads, as a row (an ORM load cost more than the statement).
_EVENT = select(_EVENTS.c.id, _EVENTS.c.account_id, _EVENTS.c.status, _EVENTS.c.source,
                _EVENTS.c.payload, _EVENTS.c.event_key).where(_EVENTS.c.id == bindparam("event_id"))

_FRIEND = select(Friend).where(Friend.account_id == bindparam("account_id"),
                               Friend.line_user_id == bindparam("user_id"))


def _friend(session: Session, account_id: int, user_id: str) -> Friend | None:
    """engine.friends.get_friend with a prebuilt statement (twice per new friend's event)."""
    return session.scalar(_FRIEND, {"account_id": account_id, "user_id": user_id})


def process_event(services: Services, index: TriggerIndex, event_id: int) -> Dispatched:
    """One transaction: read the event, claim it, apply it (friend, answers, new runs).

    The friend's profile is fetched over HTTP before the transaction writes anything, so no
    write lock (SQLite) or row lock (PostgreSQL) is held over the call.
    """
    now = clock.now()
    out = Dispatched()
    with services.db.session() as session:
        ev = session.execute(_EVENT, {"event_id": event_id}).first()
        if ev is None or ev.status not in ("pending", "processing"):
            return Dispatched(status="skipped")
        account = services.accounts.get(session, ev.account_id)
        if account is None:  # deleted meanwhile (its events go with it)
            return Dispatched(status="skipped")
        try:
            norm = from_line(ev.payload) if ev.source == "line" else from_commerce(ev.payload)
        except (BodyError, KeyError, TypeError, ValueError) as exc:
            # Stored before the door checked the fields: it can never be processed.
            raise PoisonEvent(f"the event cannot be read: {exc}") from None
        friend = _friend(session, account.id, norm.user_id) if norm.user_id else None
        wants_profile = (norm.user_id is not None and ev.source == "line"
                         and norm.mode == "active" and norm.one_to_one
                         and (norm.kind == FOLLOW or friend is None or not friend.display_name))
        profile = None
        if wants_profile and norm.user_id:
            # A retry after a failed transaction reuses the profile fetched for it.
            kept, profile = services.profiles.take(event_id)
            if not kept:
                try:
                    profile = services.gateway.get_profile(account.access_token,
                                                           norm.user_id)
                except LineError as exc:
                    log.warning("profile of a friend could not be fetched: %s", exc)
        try:
            _apply(session, index, ev, account, norm, friend, profile, out, now, event_id)
        except Exception:
            if wants_profile:
                services.profiles.keep(event_id, profile)
            raise
    if out.agent_turn is not None:
        # After the commit: the agent's answer means HTTP calls (LINE, maybe a model), which
        # must not hold the event's transaction open.
        answer_turn(services, out.agent_turn)
    return out


def _apply(session: Session, index: TriggerIndex, ev: Row[Any], account: AccountView,
           norm: NormalisedEvent, friend: Friend | None, profile: dict[str, Any] | None,
           out: Dispatched, now: datetime, event_id: int) -> None:
    """The event's writes, in the caller's transaction (rolled back together on failure)."""
    # The claim is the transaction's first write; it settles the event's final status
    # with it (only "ignored" differs), as nobody sees the row before the commit anyway.
    claimed = session.execute(_CLAIM, {"event_id": event_id, "now": now,
                                       "stale_before": now - CLAIM_TIMEOUT})
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        out.status = "skipped"
        return
    if friend is None and norm.user_id:
        # Look again now that we write (SQLite: we hold the write lock): another event of
        # the same new friend may have created them meanwhile.
        friend = _friend(session, account.id, norm.user_id)
    out.status = _dispatch(session, index, ev, account, norm, friend, profile, out, now)
    if out.status != "processed":
        session.execute(update(WebhookEvent).where(WebhookEvent.id == event_id)
                        .values(status=out.status)
                        .execution_options(synchronize_session=False))


def _dispatch(session: Session, index: TriggerIndex, ev: Row[Any], account: AccountView,
              norm: NormalisedEvent, known: Friend | None, profile: dict[str, Any] | None,
              out: Dispatched, now: datetime) -> str:
    if norm.mode == "standby":
        return "ignored"  # another channel owns the chat: we must not act
    if norm.user_id is None:
        return "ignored"
    if not norm.one_to_one:
        # A group or room: stored, but it starts no one-to-one workflow, makes nobody a
        # friend, and so never leads to a private push to someone who did not add us.
        return "ignored"
    if ev.source == "commerce":
        friend = known  # (looked up at the start of this transaction, again after the claim)
        if friend is None:
            return "ignored"  # the shop knows a LINE user we have never seen
    elif known is None:  # (the look-up above found none: upsert_friend would look again)
        friend = Friend(organisation_id=account.organisation_id, account_id=account.id,
                        line_user_id=norm.user_id, status="active", attributes={},
                        followed_at=now, created_at=now)
        session.add(friend)
        _touch(friend, profile, now)
        session.flush()  # its id, for the runs
    else:  # read at the start of this transaction: no second look-up
        friend = _touch(known, profile, now)
    if norm.kind == FOLLOW:
        friend.status, friend.followed_at, friend.blocked_at = "active", now, None
    elif norm.kind == UNFOLLOW:
        friend.status, friend.blocked_at = "blocked", now
        end_friend_sessions(session, friend.id, "blocked", now)
    tapped = answer_from_postback(norm.postback_data) if norm.kind == POSTBACK else None
    if tapped is not None:  # a Question's quick reply: the answer, if a question waits
        wait_id = claim_answer(session, friend.id, tapped, now, via="postback")
        if wait_id is not None:
            out.answered_wait = wait_id
            return "processed"
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
    if norm.kind not in trigger_kinds():
        return "ignored"
    for trig in index.match(session, account.id, norm):
        # A friend created by this very event has no runs yet: no re-entry check needed.
        warm = start_run(session, trig, account, friend, ev.event_key, now,
                         new_friend=known is None, reply_token=norm.reply_token,
                         event_at=event_time(ev.payload) if norm.reply_token else None)
        if warm is not None:
            out.run_ids.append(warm.run.id)
            out.warm[warm.run.id] = warm
    return "processed"


def _touch(friend: Friend, profile: dict[str, Any] | None, now: datetime) -> Friend:
    """What upsert_friend does to a friend that exists: the fresh profile, last seen."""
    if profile:
        friend.display_name = profile.get("display_name") or friend.display_name or ""
        friend.picture_url = profile.get("picture_url") or friend.picture_url
        friend.language = profile.get("language") or friend.language
    friend.last_seen_at = now
    return friend


def _qr_for_text(session: Session, account_id: int, text: str) -> QrCode | None:
    wanted = normalise(text)
    if len(wanted) > 300:  # longer than any prefilled text
        return None
    for qr in session.scalars(select(QrCode).where(QrCode.account_id == account_id)):
        if normalise(qr.prefill_text) == wanted:
            return qr
    return None

