"""Look-ups of an organisation's resources that the validator and agent need."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.storage.models import (
    AutoMessage,
    Integration,
    LineAccount,
    QrCode,
    RichMenu,
    Tag,
)
from engine.validation import AccountContext


def account_context(session: Session, organisation_id: int) -> AccountContext:
    def ids(model: type) -> set[int]:
        return set(session.scalars(select(model.id).where(  # type: ignore[attr-defined]
            model.organisation_id == organisation_id)))  # type: ignore[attr-defined]

    return AccountContext(
        account_ids=ids(LineAccount),
        tag_ids=ids(Tag),
        auto_message_ids=ids(AutoMessage),
        rich_menu_ids=ids(RichMenu),
        qr_code_ids=ids(QrCode),
        integrations=set(session.scalars(select(Integration.kind).where(
            Integration.organisation_id == organisation_id))),
    )
