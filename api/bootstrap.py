"""First-start bootstrap (admin API token) and the demo organisation.

The demo's LINE channel secret, access token and commerce secret are generated per
installation (kept encrypted in the database with the account) and printed at start like the
demo password: a constant secret would let anyone forge webhooks to a `--demo` server that is
reachable from elsewhere.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from engine.crypto import decrypt, encrypt, hash_token
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
# SHA-256 of the secrets earlier versions seeded as constants: a demo installation still using
# them gets fresh ones on its next start.
_PUBLISHED_SECRETS = {
    "e4352622d42368e9d3cc656b68d608978a3eccedabc3f60782a9126a2ccf4d31",
    "4e36b520a879d1602248d85cbf852a660b71ca0921c4d88317f4c0789d9b130f",
    "19f46b3bd61958fd7b86f71ef66b01fad28dfdd3eed9e0d31eb5c629425e3618",
}


def _published(secret: str) -> bool:
    return hashlib.sha256(secret.encode()).hexdigest() in _PUBLISHED_SECRETS


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
    channel_id: str = DEMO_CHANNEL_ID
    channel_secret: str = ""
    access_token: str = ""


def _demo_secrets(acc: LineAccount) -> tuple[str, str]:
    """The demo account's secret and token; published constants are replaced by new ones."""
    secret, token = decrypt(acc.channel_secret_enc), decrypt(acc.access_token_enc)
    if _published(secret) or _published(token):
        secret, token = secrets.token_hex(16), "demo-" + secrets.token_urlsafe(24)
        acc.channel_secret_enc, acc.access_token_enc = encrypt(secret), encrypt(token)
        acc.commerce_secret_enc = encrypt(secrets.token_urlsafe(24))
    return secret, token


def seed_demo(db: Database, password: str | None = None) -> DemoCredentials:
    """Create the demo organisation once; later starts reuse it with a new password."""
    with db.session() as session:
        password = password or secrets.token_urlsafe(9)
        user = session.scalar(select(User).where(User.email == DEMO_EMAIL))
        if user is not None:
            # A fresh password each start, so the one just printed always works.
            user.password_hash = hash_password(password)
            acc = session.scalar(select(LineAccount).where(
                LineAccount.organisation_id == user.organisation_id).order_by(LineAccount.id))
            if acc is None:
                return DemoCredentials(DEMO_EMAIL, password, user.organisation_id, 0)
            secret, token = _demo_secrets(acc)
            return DemoCredentials(DEMO_EMAIL, password, user.organisation_id, acc.id,
                                   acc.channel_id, secret, token)
        org = create_organisation(session, "Demo Shop")
        create_user(session, org, DEMO_EMAIL, password, role="admin")
        secret, token = secrets.token_hex(16), "demo-" + secrets.token_urlsafe(24)
        acc = LineAccount(organisation_id=org.id, name="Demo Shop (simulated LINE)",
                          channel_id=DEMO_CHANNEL_ID, basic_id="@demoshop",
                          channel_secret_enc=encrypt(secret),
                          access_token_enc=encrypt(token),
                          commerce_secret_enc=encrypt(secrets.token_urlsafe(24)))
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
        return DemoCredentials(DEMO_EMAIL, password, org.id, acc.id, DEMO_CHANNEL_ID, secret,
                               token)


def organisation_names(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Organisation.name)))
