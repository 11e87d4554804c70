"""First-start bootstrap (admin API token) and the demo organisation."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select

from engine.crypto import encrypt, hash_token
from engine.identity import create_organisation, create_user, hash_password, issue_token
from engine.storage.db import Database
from engine.storage.models import (
    ApiToken,
    AutoMessage,
    LineAccount,
    Organisation,
    QrCode,
    RichMenu,
    Tag,
    User,
)

BOOTSTRAP_EMAIL = "admin@lumo.local"
DEMO_EMAIL = "demo@lumo.local"
DEMO_CHANNEL_ID = "1650000000"
DEMO_CHANNEL_SECRET = "demo-channel-secret-0123456789ab"
DEMO_ACCESS_TOKEN = "demo-access-token-0123456789abcdef"
DEMO_COMMERCE_SECRET = "demo-commerce-secret-0123456789"


def ensure_bootstrap_admin(db: Database, token: str) -> None:
    """On first start (no users yet) create an admin whose API token is `token`."""
    with db.session() as session:
        if session.scalar(select(ApiToken.id).where(ApiToken.token_hash == hash_token(token))):
            return
        if session.scalar(select(User.id).limit(1)) is not None:
            return
        org = create_organisation(session, "Lumo")
        user = create_user(session, org, BOOTSTRAP_EMAIL, None, role="admin")
        issue_token(session, user, name="bootstrap", token=token)


@dataclass
class DemoCredentials:
    email: str
    password: str
    organisation_id: int
    account_id: int


def seed_demo(db: Database, password: str | None = None) -> DemoCredentials:
    """Create the demo organisation once; later starts reuse it with a new password."""
    with db.session() as session:
        password = password or secrets.token_urlsafe(9)
        user = session.scalar(select(User).where(User.email == DEMO_EMAIL))
        if user is not None:
            # A fresh password each start, so the one just printed always works.
            user.password_hash = hash_password(password)
            acc_id = session.scalar(select(LineAccount.id).where(
                LineAccount.organisation_id == user.organisation_id).order_by(LineAccount.id))
            return DemoCredentials(DEMO_EMAIL, password, user.organisation_id, acc_id or 0)
        org = create_organisation(session, "Demo Shop")
        create_user(session, org, DEMO_EMAIL, password, role="admin")
        acc = LineAccount(organisation_id=org.id, name="Demo Shop (simulated LINE)",
                          channel_id=DEMO_CHANNEL_ID, basic_id="@demoshop",
                          channel_secret_enc=encrypt(DEMO_CHANNEL_SECRET),
                          access_token_enc=encrypt(DEMO_ACCESS_TOKEN),
                          commerce_secret_enc=encrypt(DEMO_COMMERCE_SECRET))
        session.add(acc)
        session.flush()
        for name in ("VIP", "Newsletter", "Interested: sale", "Interested: new arrivals"):
            session.add(Tag(organisation_id=org.id, name=name))
        session.add(AutoMessage(organisation_id=org.id, name="Welcome coupon", messages=[
            {"type": "text", "text": "Welcome, {{friend.display_name}}! Here is 10% off: "
                                     "WELCOME10"}]))
        session.add(RichMenu(organisation_id=org.id, account_id=acc.id, name="Default menu",
                             line_rich_menu_id="richmenu-demo-default"))
        session.add(RichMenu(organisation_id=org.id, account_id=acc.id, name="VIP menu",
                             line_rich_menu_id="richmenu-demo-vip"))
        session.add(QrCode(organisation_id=org.id, account_id=acc.id, name="Shop counter",
                           code="counter", prefill_text="#counter"))
        session.flush()
        return DemoCredentials(DEMO_EMAIL, password, org.id, acc.id)


def organisation_names(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Organisation.name)))
