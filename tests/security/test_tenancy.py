"""Every route of the OpenAPI spec, walked as another organisation and as a viewer.

Organisation A owns one of everything (tests/security/seed.py), each row carrying a marker.
User B of organisation B then calls EVERY operation of `app.openapi()` with A's ids in the
path, the query and the body. B must get 403/404 wherever an A id is in the path (or in a body
field that references a resource), never a 5xx, and no answer may contain any of A's markers.
A new route whose parameters the walk cannot fill fails this test until it is taught here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import create_tenant, make_client
from tests.security.seed import MARK, Seeded, seed_organisation

# Public by design (no user, or the caller's own session): not walked as "another organisation".
PUBLIC = {
    ("POST", "/api/auth/login"): "signs in; no resource of anyone",
    ("POST", "/api/auth/logout"): "ends the caller's own session",
    ("GET", "/q/{code}"): "a tracked QR link is printed on posters: public on purpose",
    ("GET", "/healthz"): "liveness",
    ("GET", "/metrics"): "Prometheus text, no tenant data",
}
# Webhooks authenticate by signature, not by user: another organisation gets 401/404.
SIGNED = {("POST", "/webhooks/commerce/{account_id}")}
# Mutating routes a viewer may call, and why (everything else mutating needs editor/admin).
VIEWER_MAY = {
    ("POST", "/api/auth/login"): "signing in",
    ("POST", "/api/auth/logout"): "signing out",
    ("POST", "/api/tokens"): "a token carries its user's role: a viewer's token only reads",
    ("DELETE", "/api/tokens/{token_id}"): "revoking one's own token",
    ("POST", "/api/agent/conversations"): "chatting saves nothing; approving needs an editor",
    ("POST", "/api/agent/conversations/{conversation_id}/messages"): "as above",
    ("POST", "/api/agent/conversations/{conversation_id}/discard"): "as above",
    ("POST", "/api/faq/preview"): "computes an answer, stores nothing",
    ("POST", "/webhooks/commerce/{account_id}"): "signed webhook, no user",
}
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}

# Body fields that name another resource: sending A's id there must be refused (404/403).
REFERENCE_FIELDS = {"account_id", "tag_id", "auto_message_id", "rich_menu_id", "qr_code_id",
                    "friend_id", "workflow_id"}


@pytest.fixture
def api(sqlite_url: str) -> Iterator[TestClient]:
    with make_client(sqlite_url) as c:
        yield c
    agent = getattr(c.app.state, "marketing_agent", None)  # type: ignore[attr-defined]
    if agent is not None:
        agent.close()
    c.app.state.db.dispose()  # type: ignore[attr-defined]


def operations(c: TestClient) -> list[tuple[str, str, dict[str, Any]]]:
    spec = c.app.openapi()  # type: ignore[attr-defined]
    return [(method.upper(), path, op) for path, ops in spec["paths"].items()
            for method, op in ops.items()]


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def example(schema: dict[str, Any], spec: dict[str, Any], ids: dict[str, Any],
            name: str = "") -> Any:
    """A small valid value for a JSON schema, using A's id for any field named like one."""
    schema = _resolve(schema, spec)
    if name in ids and name.endswith("_id"):
        return ids[name]
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [o for o in schema[key] if _resolve(o, spec).get("type") != "null"]
            return example(options[0], spec, ids, name) if options else None
    if "allOf" in schema:
        return example(schema["allOf"][0], spec, ids, name)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {k: example(v, spec, ids, k) for k, v in props.items()
                if k in schema.get("required", []) or k in ids}
    if kind == "array":
        n = max(1, schema.get("minItems", 0))
        return [example(schema.get("items", {}), spec, ids, name) for _ in range(n)]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if kind == "string":
        if "pattern" in schema:
            return _string_for(schema["pattern"])
        return "x" * max(8, schema.get("minLength", 0))
    return {}


def _string_for(pattern: str) -> str:
    known = {r"^[0-9A-Za-z_\-]{1,64}$": "9000000001", r"^U[0-9a-f]{32}$": "U" + "0" * 32,
             r"^richmenu-[0-9A-Za-z\-]{1,90}$": "richmenu-beta"}
    if pattern in known:
        return known[pattern]
    raise AssertionError(f"teach the walk a string for the pattern {pattern}")


# Bodies the generic example cannot guess (a valid shape is needed to reach the ownership check).
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("PUT", "/api/workflows/{workflow_id}"): {"name": "hijack"},
    ("POST", "/api/auto-messages"): {"name": "b", "messages": [{"type": "text", "text": "b"}]},
    ("PUT", "/api/auto-messages/{message_id}"): {
        "name": "hijack", "messages": [{"type": "text", "text": "hijack"}]},
    ("POST", "/api/integrations"): {"kind": "hubspot", "api_key": "beta-key-123456789"},
    ("POST", "/api/rich-menus"): {"name": "b", "line_rich_menu_id": "richmenu-b"},
    ("POST", "/api/accounts"): {"name": "B", "channel_id": "9000000001",
                                "channel_secret": "beta-secret-1234",
                                "access_token": "beta-token-1234"},
}


def fill_path(path: str, ids: dict[str, Any]) -> str:
    def value(m: re.Match[str]) -> str:
        name = m.group(1)
        assert name in ids, f"the walk does not know which of A's ids to put in {{{name}}} " \
                            f"of {path}: add it to tests/security/seed.py"
        return str(ids[name])

    return re.sub(r"\{([^}]+)\}", value, path)


def request_for(c: TestClient, method: str, path: str, op: dict[str, Any],
                ids: dict[str, Any]) -> dict[str, Any]:
    spec = c.app.openapi()  # type: ignore[attr-defined]
    kwargs: dict[str, Any] = {"params": {}, "headers": {}}
    for p in op.get("parameters", []):
        if p["in"] == "query" and p["name"] in ids:
            kwargs["params"][p["name"]] = ids[p["name"]]
        elif p["in"] == "header" and p["name"].lower() == "if-match":
            kwargs["headers"]["If-Match"] = "2"
    if "requestBody" in op:
        if (method, path) in BODIES:
            kwargs["json"] = BODIES[(method, path)]
        else:
            content = op["requestBody"]["content"]
            schema = next(iter(content.values()))["schema"]
            kwargs["json"] = example(schema, spec, ids)
    return kwargs


def references_a(body: Any) -> bool:
    return isinstance(body, dict) and any(k in REFERENCE_FIELDS for k in body)


def assert_no_markers(seeded: Seeded, where: str, text: str) -> None:
    for marker in seeded.markers:
        assert marker not in text, f"{where} leaked organisation A's data ({marker[:20]}…)"


def test_every_route_refuses_another_organisation(api: TestClient) -> None:
    a = seed_organisation(api)
    b = create_tenant(api.app.state.db, "Shop B")  # type: ignore[attr-defined]
    before = {p: api.get(p, headers=a.tenant.headers).json() for p in (
        f"/api/workflows/{a.ids['workflow_id']}", f"/api/accounts/{a.ids['account_id']}",
        f"/api/auto-messages/{a.ids['message_id']}", "/api/tags", "/api/rich-menus",
        "/api/tokens")}

    walked = []
    for method, path, op in operations(api):
        if (method, path) in PUBLIC:
            continue
        kwargs = request_for(api, method, path, op, a.ids)
        kwargs["headers"] = {**kwargs["headers"], **b.headers}
        r = api.request(method, fill_path(path, a.ids), **kwargs)
        where = f"{method} {path} as organisation B"
        walked.append((method, path, r.status_code))
        assert r.status_code < 500, f"{where}: {r.status_code} {r.text[:300]}"
        assert_no_markers(a, where, r.text)
        if (method, path) in SIGNED:
            assert r.status_code in (401, 404), f"{where}: {r.status_code}"
        elif "{" in path or references_a(kwargs.get("json")):
            assert r.status_code != 422, f"{where}: the walk's request was refused as " \
                                         f"malformed, so ownership was not reached: {r.text}"
            assert r.status_code in (403, 404), f"{where}: {r.status_code} {r.text[:300]}"

    # Everything was walked, and A's data is exactly as it was.
    assert len(walked) >= 40, walked
    after = {p: api.get(p, headers=a.tenant.headers).json() for p in before}
    for p in before:
        if p == "/api/tokens":  # B's calls touch no token of A's (last-used stamps aside)
            assert [t["id"] for t in after[p]["items"]] == [t["id"] for t in before[p]["items"]]
        else:
            assert after[p] == before[p], p
    wf = after[f"/api/workflows/{a.ids['workflow_id']}"]
    assert wf["status"] == "active" and wf["name"] == f"{MARK} workflow"


def test_every_mutating_route_refuses_a_viewer(api: TestClient) -> None:
    """EditorDep everywhere: a viewer of organisation A can read A's data but change nothing."""
    from engine.identity import create_user, issue_token
    from engine.storage.models import Organisation

    a = seed_organisation(api)
    with api.app.state.db.session() as s:  # type: ignore[attr-defined]
        org = s.get(Organisation, a.tenant.organisation_id)
        viewer = create_user(s, org, "viewer@alpha.test", "viewer-password-1", role="viewer")
        token = issue_token(s, viewer, name="viewer")
        ids = dict(a.ids)
    headers = {"Authorization": f"Bearer {token}"}
    # The viewer's own token: the only one a viewer may revoke.
    ids["token_id"] = api.get("/api/tokens", headers=headers).json()["items"][0]["id"]

    checked = []
    for method, path, op in operations(api):
        if method not in MUTATING or (method, path) in VIEWER_MAY:
            continue
        kwargs = request_for(api, method, path, op, ids)
        kwargs["headers"] = {**kwargs["headers"], **headers}
        r = api.request(method, fill_path(path, ids), **kwargs)
        checked.append(f"{method} {path}")
        assert r.status_code == 403, f"{method} {path} as a viewer: {r.status_code} {r.text}"
        assert r.json()["detail"]["code"] == "forbidden"
    assert len(checked) >= 15, checked
    # Reading still works.
    for path in ("/api/workflows", f"/api/workflows/{ids['workflow_id']}", "/api/accounts",
                 f"/api/executions/{ids['run_id']}", f"/api/friends/{ids['friend_id']}"):
        assert api.get(path, headers=headers).status_code == 200, path


def test_public_and_viewer_lists_name_real_routes(api: TestClient) -> None:
    """The exception lists may not hide a route that no longer exists (or mask a typo)."""
    known = {(m, p) for m, p, _ in operations(api)}
    optional = {("POST", "/api/faq/preview")}  # FAQ routes land separately
    for entry in [*PUBLIC, *SIGNED, *VIEWER_MAY]:
        assert entry in known or entry in optional, entry
