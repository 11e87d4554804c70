"""Friends: upsert from LINE events, attributes and tags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.storage.models import Friend, FriendTag, LineAccount, Tag


def get_friend(session: Session, account: LineAccount, line_user_id: str) -> Friend | None:
    return session.scalar(select(Friend).where(Friend.account_id == account.id,
                                               Friend.line_user_id == line_user_id))


def upsert_friend(session: Session, account: LineAccount, line_user_id: str, now: datetime,
                  profile: dict[str, Any] | None = None) -> Friend:
    friend = get_friend(session, account, line_user_id)
    if friend is None:
        friend = Friend(organisation_id=account.organisation_id, account_id=account.id,
                        line_user_id=line_user_id, status="active", attributes={},
                        followed_at=now, created_at=now)
        session.add(friend)
    if profile:
        friend.display_name = profile.get("display_name") or friend.display_name or ""
        friend.picture_url = profile.get("picture_url") or friend.picture_url
        friend.language = profile.get("language") or friend.language
    friend.last_seen_at = now
    session.flush()
    return friend


def set_attribute(session: Session, friend: Friend, name: str, value: Any) -> None:
    # Reassign (not mutate) so SQLAlchemy sees the JSON change.
    friend.attributes = {**(friend.attributes or {}), name: value}
    session.flush()


def add_tag(session: Session, friend: Friend, tag: Tag) -> bool:
    if session.get(FriendTag, (friend.id, tag.id)) is not None:
        return False
    session.add(FriendTag(friend_id=friend.id, tag_id=tag.id))
    session.flush()
    session.expire(friend, ["tags"])
    return True


def remove_tag(session: Session, friend: Friend, tag: Tag) -> bool:
    link = session.get(FriendTag, (friend.id, tag.id))
    if link is None:
        return False
    session.delete(link)
    session.flush()
    session.expire(friend, ["tags"])
    return True
