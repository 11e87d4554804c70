"""Sessions with CSRF protection, revocable API tokens, login throttling, agent quotas."""

from __future__ import annotations

import collections
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.deps import CSRF_COOKIE, SESSION_COOKIE
from api.ratelimit import RateLimits
from engine.storage.models import ApiToken
from tests.conftest import Tenant, create_tenant, make_client


def sign_in(c: TestClient, t: Tenant) -> dict[str, str]:
    r = c.post("/api/auth/login", json={"email": t.email, "password": t.password})
    assert r.status_code == 200, r.text
    cookies = {k.lower(): v for k, v in r.headers.items() if k.lower() == "set-cookie"}
    assert cookies  # both cookies are set
    return {"csrf": c.cookies[CSRF_COOKIE], "session": c.cookies[SESSION_COOKIE]}


def test_login_sets_an_httponly_session_and_a_readable_csrf_cookie(
        client: TestClient, tenant: Tenant) -> None:
    r = client.post("/api/auth/login", json={"email": tenant.email, "password": tenant.password})
    set_cookies = r.headers.get_list("set-cookie")
    session = next(c for c in set_cookies if c.startswith(f"{SESSION_COOKIE}="))
    csrf = next(c for c in set_cookies if c.startswith(f"{CSRF_COOKIE}="))
    assert "httponly" in session.lower() and "samesite=strict" in session.lower()
    assert "httponly" not in csrf.lower() and "samesite=strict" in csrf.lower()
    assert client.cookies[CSRF_COOKIE] and client.cookies[CSRF_COOKIE] != \
        client.cookies[SESSION_COOKIE]


def test_unsafe_cookie_requests_need_the_csrf_header(client: TestClient, tenant: Tenant) -> None:
    tokens = sign_in(client, tenant)
    # Reading with the cookie alone is fine.
    assert client.get("/api/workflows").status_code == 200
    # Writing with the cookie alone (what a forged cross-site form would do) is refused.
    for method, path, body in (("POST", "/api/workflows", {"name": "forged"}),
                               ("POST", "/api/tags", {"name": "forged"}),
                               ("POST", "/api/tokens", {"name": "forged"})):
        r = client.request(method, path, json=body)
        assert r.status_code == 403, (path, r.text)
        assert r.json()["detail"]["code"] == "csrf"
    # A wrong or foreign token is refused too (a cookie planted by someone else).
    r = client.post("/api/tags", json={"name": "x"}, headers={"X-CSRF-Token": "0" * 64})
    assert r.status_code == 403 and r.json()["detail"]["code"] == "csrf"
    client.cookies.set(CSRF_COOKIE, "planted")
    r = client.post("/api/tags", json={"name": "x"}, headers={"X-CSRF-Token": "planted"})
    assert r.status_code == 403 and r.json()["detail"]["code"] == "csrf"
    r = client.post("/api/tags", json={"name": "x"}, headers={"X-CSRF-Token": "ü∆".encode()})
    assert r.status_code == 403
    client.cookies.set(CSRF_COOKIE, tokens["csrf"])
    # The header equal to the cookie: accepted.
    r = client.post("/api/tags", json={"name": "real"}, headers={"X-CSRF-Token": tokens["csrf"]})
    assert r.status_code == 201, r.text
    assert client.get("/api/tags").json()["total"] == 1  # nothing forged was stored
    # Bearer requests never need it (a browser does not attach Authorization by itself).
    client.cookies.clear()
    r = client.post("/api/tags", json={"name": "api"}, headers=tenant.headers)
    assert r.status_code == 201


def test_a_session_csrf_token_does_not_work_with_another_session(client: TestClient,
                                                                 tenant: Tenant) -> None:
    first = sign_in(client, tenant)
    second = sign_in(client, tenant)
    assert first["csrf"] != second["csrf"]
    client.cookies.set(CSRF_COOKIE, first["csrf"])  # cookie and header agree, session differs
    r = client.post("/api/tags", json={"name": "x"}, headers={"X-CSRF-Token": first["csrf"]})
    assert r.status_code == 403


def test_logout_clears_both_cookies(client: TestClient, tenant: Tenant) -> None:
    sign_in(client, tenant)
    r = client.post("/api/auth/logout")
    cleared = " ".join(r.headers.get_list("set-cookie"))
    assert f"{SESSION_COOKIE}=" in cleared and f"{CSRF_COOKIE}=" in cleared
    assert client.get("/api/me").status_code == 401


# --- API tokens ------------------------------------------------------------------------------

def test_tokens_are_shown_once_hashed_at_rest_and_revocable(client: TestClient,
                                                            tenant: Tenant) -> None:
    h = tenant.headers
    r = client.post("/api/tokens", headers=h, json={"name": "CI deploys"})
    assert r.status_code == 201, r.text
    created = r.json()
    plain = created["token"]
    assert plain.startswith("lumo_") and len(plain) > 40
    listed = client.get("/api/tokens", headers=h).json()
    assert plain not in str(listed)
    assert {t["name"] for t in listed["items"]} == {"api", "CI deploys"}
    assert next(t for t in listed["items"] if t["name"] == "api")["current"] is True
    with client.app.state.db.session() as s:  # type: ignore[attr-defined]
        row = s.get(ApiToken, created["id"])
        assert row is not None and plain not in (row.token_hash, row.name)

    new = {"Authorization": f"Bearer {plain}"}
    assert client.get("/api/me", headers=new).status_code == 200
    assert client.delete(f"/api/tokens/{created['id']}", headers=h).status_code == 204
    assert client.get("/api/me", headers=new).status_code == 401
    assert client.get("/api/tokens", headers=h).json()["total"] == 1
    revoked = client.get("/api/tokens", headers=h, params={"include_revoked": True}).json()
    assert next(t for t in revoked["items"] if t["id"] == created["id"])["revoked_at"]
    # Revoking twice, or a token that does not exist, is not an error / is a 404.
    assert client.delete(f"/api/tokens/{created['id']}", headers=h).status_code == 204
    assert client.delete("/api/tokens/999999", headers=h).status_code == 404
    assert client.post("/api/tokens", headers=h, json={"name": "  "}).status_code == 422


def test_admin_revokes_a_colleagues_token_but_editors_only_their_own(client: TestClient,
                                                                      tenant: Tenant) -> None:
    from engine.identity import create_user, issue_token
    from engine.storage.models import Organisation

    with client.app.state.db.session() as s:  # type: ignore[attr-defined]
        org = s.get(Organisation, tenant.organisation_id)
        editor = create_user(s, org, "editor@shop.test", "editor-password-1", role="editor")
        editor_token = issue_token(s, editor, name="laptop")
        other_editor = create_user(s, org, "editor2@shop.test", "editor-password-2",
                                   role="editor")
        issue_token(s, other_editor, name="other")
    eh = {"Authorization": f"Bearer {editor_token}"}
    mine = client.get("/api/tokens", headers=eh).json()["items"]
    assert [t["name"] for t in mine] == ["laptop"]  # an editor sees only their own
    admin_view = client.get("/api/tokens", headers=tenant.headers).json()["items"]
    assert {t["name"] for t in admin_view} == {"api", "laptop", "other"}
    other_id = next(t["id"] for t in admin_view if t["name"] == "other")
    assert client.delete(f"/api/tokens/{other_id}", headers=eh).status_code == 404
    laptop_id = mine[0]["id"]
    assert client.delete(f"/api/tokens/{laptop_id}", headers=tenant.headers).status_code == 204
    assert client.get("/api/me", headers=eh).status_code == 401


# --- throttling ------------------------------------------------------------------------------

def test_login_is_throttled_after_five_failures(client: TestClient, tenant: Tenant) -> None:
    for _ in range(5):
        r = client.post("/api/auth/login", json={"email": tenant.email, "password": "wrong"})
        assert r.status_code == 401
    r = client.post("/api/auth/login", json={"email": tenant.email, "password": "wrong"})
    assert r.status_code == 429
    assert 0 < int(r.headers["Retry-After"]) <= 15 * 60
    assert r.json()["detail"]["code"] == "rate_limited"
    # Even the right password waits: otherwise the throttle only slows the guessing down.
    r = client.post("/api/auth/login", json={"email": tenant.email,
                                             "password": tenant.password})
    assert r.status_code == 429
    # Another account from the same address is not locked out by this one.
    other = create_tenant(client.app.state.db, "Shop Z")  # type: ignore[attr-defined]
    assert client.post("/api/auth/login", json={"email": other.email,
                                                "password": other.password}).status_code == 200


def test_parallel_guesses_get_no_more_than_the_limit(tmp_path: Path) -> None:
    """20 wrong passwords at once (the hash is slow, so they overlap): 5 are checked, 15 get
    429 — counting only finished failures would have let all 20 through."""
    from api.app import create_app
    from engine.settings import Settings
    from tests.support.servers import ThreadServer

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'lumo.db'}", workers=1))
    server = ThreadServer(app).start()
    try:
        tenant = create_tenant(app.state.db, "Guessed")

        def guess(i: int) -> int:
            return httpx.post(f"{server.url}/api/auth/login", timeout=60, json={
                "email": tenant.email, "password": f"guess-{i}"}).status_code

        with ThreadPoolExecutor(20) as pool:
            answers = collections.Counter(pool.map(guess, range(20)))
        assert answers == {401: 5, 429: 15}, answers
    finally:
        server.stop()
        app.state.db.dispose()


def test_parallel_guesses_across_emails_get_no_more_than_the_address_limit(
        tmp_path: Path) -> None:
    """A spray: 12 wrong passwords for 12 different emails at once from one address, with the
    per-address cap at 4. The attempts are counted before the slow hash runs, so 4 are
    checked and 8 refused — counting finished failures would have let all 12 through."""
    from api.app import create_app
    from engine.settings import Settings
    from tests.support.servers import ThreadServer

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'lumo.db'}", workers=1))
    app.state.rate_limits = RateLimits(login_max_failures_per_ip=4)
    server = ThreadServer(app).start()
    try:
        tenants = [create_tenant(app.state.db, f"Sprayed {i}") for i in range(12)]

        def guess(t: Tenant) -> int:
            return httpx.post(f"{server.url}/api/auth/login", timeout=60, json={
                "email": t.email, "password": "Winter2026!"}).status_code

        with ThreadPoolExecutor(12) as pool:
            answers = collections.Counter(pool.map(guess, tenants))
        assert answers == {401: 4, 429: 8}, answers
    finally:
        server.stop()
        app.state.db.dispose()


def test_successful_sign_ins_do_not_use_up_the_address_limit(client: TestClient) -> None:
    """An office behind one address: colleagues signing in fine are never throttled by it;
    only failures count, and they keep counting across a success."""
    client.app.state.rate_limits = RateLimits(login_max_failures_per_ip=3)  # type: ignore
    colleagues = [create_tenant(client.app.state.db, f"Office {i}")  # type: ignore
                  for i in range(6)]
    for t in colleagues[:2]:
        assert client.post("/api/auth/login", json={"email": t.email,
                                                    "password": "typo"}).status_code == 401
    for t in colleagues:
        assert client.post("/api/auth/login", json={"email": t.email,
                                                    "password": t.password}).status_code == 200
    assert client.post("/api/auth/login", json={"email": colleagues[3].email,
                                                "password": "typo"}).status_code == 401
    r = client.post("/api/auth/login", json={"email": colleagues[4].email, "password": "typo"})
    assert r.status_code == 429, r.text  # the third failure from the address was the last


def test_unknown_emails_are_throttled_alike_and_success_resets(client: TestClient,
                                                               tenant: Tenant) -> None:
    for _ in range(5):
        assert client.post("/api/auth/login", json={"email": "nobody@x.test",
                                                    "password": "pw"}).status_code == 401
    assert client.post("/api/auth/login", json={"email": "nobody@x.test",
                                                "password": "pw"}).status_code == 429
    for _ in range(4):
        client.post("/api/auth/login", json={"email": tenant.email, "password": "wrong"})
    assert client.post("/api/auth/login", json={"email": tenant.email,
                                                "password": tenant.password}).status_code == 200
    for _ in range(4):  # the success started a fresh count for this email
        assert client.post("/api/auth/login", json={"email": tenant.email,
                                                    "password": "wrong"}).status_code == 401


@pytest.fixture
def agent_api(sqlite_url: str) -> Iterator[TestClient]:
    with make_client(sqlite_url) as c:
        c.app.state.rate_limits = RateLimits(agent_messages_per_minute=3)  # type: ignore
        yield c
    agent = getattr(c.app.state, "marketing_agent", None)  # type: ignore[attr-defined]
    if agent is not None:
        agent.close()
    c.app.state.db.dispose()  # type: ignore[attr-defined]


def test_agent_messages_are_limited_per_organisation(agent_api: TestClient) -> None:
    c = agent_api
    a = create_tenant(c.app.state.db, "Shop A")  # type: ignore[attr-defined]
    b = create_tenant(c.app.state.db, "Shop B")  # type: ignore[attr-defined]
    cid = c.post("/api/agent/conversations", headers=a.headers).json()["id"]
    cid2 = c.post("/api/agent/conversations", headers=a.headers).json()["id"]
    for i in range(3):
        r = c.post(f"/api/agent/conversations/{(cid, cid2)[i % 2]}/messages",
                   headers=a.headers, json={"text": "send a coupon 3 days after a friend add"})
        assert r.status_code == 200, r.text
    r = c.post(f"/api/agent/conversations/{cid2}/messages", headers=a.headers,
               json={"text": "one more"})
    assert r.status_code == 429 and 0 < int(r.headers["Retry-After"]) <= 60
    # The quota is the organisation's: B is unaffected.
    bid = c.post("/api/agent/conversations", headers=b.headers).json()["id"]
    r = c.post(f"/api/agent/conversations/{bid}/messages", headers=b.headers,
               json={"text": "hello"})
    assert r.status_code == 200
