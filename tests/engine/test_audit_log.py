"""audit.log: one call per audited action, and never a secret in an entry."""

from __future__ import annotations

from engine import audit
from engine.identity import create_organisation, create_user
from engine.storage.db import Database


def test_a_detail_naming_a_secret_is_never_stored(migrated_db: Database) -> None:
    class Account:
        id, name = 7, "Main shop"

    with migrated_db.session() as session:
        org = create_organisation(session, "Shop")
        user = create_user(session, org, "mio@shop.test", None)
        audit.log(session, user, "created", "account", Account(), channel_id="2000000001",
                  channel_secret="abc", access_token="tok", api_key="k", password="p",
                  commerce_secret="c")
        session.flush()
        items, total = audit.list_events(session, org.id, limit=10, offset=0)
    assert total == 1
    entry = items[0]
    assert entry["actor"] == "mio@shop.test" and entry["action"] == "created"
    assert entry["target"] == {"type": "account", "id": 7, "name": "Main shop"}
    assert entry["detail"] == {"channel_id": "2000000001"}
