"""The demo organisation's LINE channel secret is generated per installation (issue 15): a
constant in the code let anyone forge webhooks to any `--demo` server reachable from elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.bootstrap import DEMO_CHANNEL_ID, seed_demo
from engine.crypto import decrypt, encrypt
from engine.line.signature import sign
from engine.line.simulator import build_body, build_event
from engine.storage.models import LineAccount
from tests.conftest import make_client

ROOT = Path(__file__).resolve().parents[2]
OLD_CONSTANT = "demo-channel-secret-" + "0123456789ab"  # what earlier versions shipped


def _webhook(c: TestClient, secret: str) -> int:
    body = build_body("U" + "0" * 32, [build_event("follow", "U" + "9" * 32)])
    return c.post(f"/webhooks/line/{DEMO_CHANNEL_ID}", content=body,
                  headers={"X-Line-Signature": sign(body, secret)}).status_code


def test_each_installation_gets_its_own_demo_secret(tmp_path: Path) -> None:
    secrets = []
    for name in ("one", "two"):
        with make_client(f"sqlite:///{tmp_path / name}.db") as c:
            creds = seed_demo(c.app.state.db)  # type: ignore[attr-defined]
            again = seed_demo(c.app.state.db)  # type: ignore[attr-defined]
            assert again.channel_secret == creds.channel_secret  # kept across starts
            assert len(creds.channel_secret) >= 32 and creds.access_token
            assert _webhook(c, creds.channel_secret) == 200
            assert _webhook(c, OLD_CONSTANT) == 401
            secrets.append(creds.channel_secret)
    assert secrets[0] != secrets[1]
    code = "\n".join(p.read_text() for p in (ROOT / "api").rglob("*.py"))
    assert OLD_CONSTANT not in code and secrets[0] not in code


def test_an_installation_seeded_with_the_old_constant_gets_a_new_secret(tmp_path: Path) -> None:
    with make_client(f"sqlite:///{tmp_path / 'old.db'}") as c:
        db = c.app.state.db  # type: ignore[attr-defined]
        seed_demo(db)
        with db.session() as s:
            acc = s.scalar(select(LineAccount).where(LineAccount.channel_id == DEMO_CHANNEL_ID))
            acc.channel_secret_enc = encrypt(OLD_CONSTANT)
        creds = seed_demo(db)
        assert creds.channel_secret != OLD_CONSTANT
        with db.session() as s:
            acc = s.scalar(select(LineAccount).where(LineAccount.channel_id == DEMO_CHANNEL_ID))
            assert decrypt(acc.channel_secret_enc) == creds.channel_secret
        # (the webhook's account cache may hold the old secret for its TTL: a new client)
    with make_client(f"sqlite:///{tmp_path / 'old.db'}") as c:
        assert _webhook(c, OLD_CONSTANT) == 401
        assert _webhook(c, creds.channel_secret) == 200
