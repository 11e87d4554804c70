"""In the browser: the audit log names who did what to which resource, filtered by resource
type and by who acted, page by page."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.support import Lumo, unique


def _colleague(lumo: Lumo) -> tuple[str, httpx.Client]:
    from sqlalchemy import select

    from engine.identity import create_user, issue_token
    from engine.storage.models import User

    email = f"{unique('kana').lower()}@demo.test"
    with lumo.app.state.db.session() as session:
        admin = session.scalar(select(User).where(User.email == lumo.email))
        token = issue_token(session, create_user(session, admin.organisation, email, None,
                                                 role="editor"))
    return email, httpx.Client(base_url=lumo.url, timeout=30,
                               headers={"Authorization": f"Bearer {token}"})


def test_filter_the_audit_log_by_resource_and_by_who(page: Page, lumo: Lumo) -> None:
    email, kana = _colleague(lumo)
    with kana:
        assert kana.post("/api/tags", json={"name": unique("Kana tag")}).status_code == 201
        qr = kana.post("/api/qr-codes", json={"name": "Flyer", "account_id": lumo.account_id})
        assert qr.status_code == 201
    for i in range(50):  # more than a page of tags by the demo user
        assert lumo.api.post("/api/tags", json={"name": f"Bulk {i}"}).status_code == 201
    lumo.create_workflow(unique("Audited"))

    page.goto(f"{lumo.url}/audit")
    rows = page.get_by_test_id("audit-row")
    expect(rows.first).to_have_attribute("data-type", "workflow")
    expect(rows.first).to_contain_text(lumo.email)

    page.get_by_test_id("audit-type-filter").select_option("tag")
    expect(page.get_by_test_id("audit-page")).to_have_text("1–50 of 51")
    expect(rows).to_have_count(50)
    expect(page.locator('[data-testid="audit-row"]:not([data-type="tag"])')).to_have_count(0)
    expect(rows.first).to_contain_text("Bulk 49")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_test_id("audit-page")).to_have_text("51–51 of 51")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(email)
    expect(rows.first).to_contain_text("Tag")

    # Who: the colleague's two changes, whatever the resource (the filter restarts at page 1).
    page.get_by_test_id("audit-type-filter").select_option("")
    page.get_by_test_id("audit-actor-filter").select_option(email)
    expect(page.get_by_test_id("audit-page")).to_have_text("1–2 of 2")
    expect(rows.nth(0)).to_have_attribute("data-type", "qr_code")
    expect(rows.nth(0)).to_contain_text("QR code")
    expect(rows.nth(0).get_by_role("link", name="Flyer")).to_have_attribute("href", "/qr-codes")
    expect(rows.nth(1)).to_have_attribute("data-type", "tag")
    page.get_by_test_id("audit-type-filter").select_option("workflow")
    expect(page.get_by_test_id("audit-table")).to_contain_text(
        "Nothing recorded matches these filters.")
