"""Every JSON route declares its answer's shape (OpenAPI, and so the web app's types)."""

from __future__ import annotations

from typing import Any

from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from api.app import create_app
from engine.settings import Settings

# Routes whose answer is not a JSON document, each with the reason.
EXEMPT: dict[tuple[str, str], str] = {
    ("GET", "/q/{code}"): "a 302 redirect to the LINE chat, no body",
    ("GET", "/metrics"): "Prometheus text, not JSON",
    ("GET", "/{path:path}"): "the built web app's files",
}
# Routes whose answer is JSON without a fixed shape, each with the reason.
FREE_FORM: dict[tuple[str, str], str] = {
    ("GET", "/api/rich-menus/schema"): "a JSON Schema document (of LINE's rich menu object)",
}
# POST /webhooks/line/{channel_id} is answered by middleware (LineWebhook) before routing.


def _typed(model: Any) -> bool:
    """A pydantic model, or a list of one. FastAPI takes a `-> dict[str, Any]` annotation as
    the response model too, so "has a response_model" alone proves nothing."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        return True
    args = getattr(model, "__args__", ())
    return getattr(model, "__origin__", None) is list and len(args) == 1 and _typed(args[0])


def _routes(sqlite_url: str) -> list[APIRoute]:
    app = create_app(Settings(database_url=sqlite_url))
    try:
        return [c.route for c in iter_route_contexts(app.routes)
                if isinstance(c.route, APIRoute)]
    finally:
        app.state.db.dispose()


def test_every_json_route_has_a_response_model(sqlite_url: str) -> None:
    routes = _routes(sqlite_url)
    assert len(routes) > 60  # the walk reached the included routers
    missing = []
    for route in routes:
        for method in route.methods:
            key = (method, route.path)
            if key in EXEMPT or route.status_code == 204:  # 204: no body at all
                continue
            if key in FREE_FORM:
                continue
            if not _typed(route.response_model):
                missing.append(f"{method} {route.path} ({route.response_model})")
    assert not missing, f"routes without a response model (add one in api/schemas/): {missing}"
    stale = [k for k in {**EXEMPT, **FREE_FORM}
             if not any(k[1] == r.path and k[0] in r.methods for r in routes)]
    assert not stale, f"exemptions for routes that no longer exist: {stale}"


def _properties(schema: dict[str, Any], spec: dict[str, Any], seen: set[str]) -> set[str]:
    """Every property name reachable from a schema (through $ref, arrays, unions)."""
    names: set[str] = set()
    if "$ref" in schema:
        ref = schema["$ref"].rsplit("/", 1)[-1]
        if ref in seen:
            return names
        seen.add(ref)
        return _properties(spec["components"]["schemas"][ref], spec, seen)
    for key, sub in schema.get("properties", {}).items():
        names.add(key)
        names |= _properties(sub, spec, seen)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            names |= _properties(schema[key], spec, seen)
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            names |= _properties(sub, spec, seen)
    return names


def test_account_and_integration_answers_have_no_secret_fields(client: Any) -> None:
    """The channel secret, access token and integration keys are write-only."""
    spec = client.get("/openapi.json").json()
    for path, item in spec["paths"].items():
        if not path.startswith(("/api/accounts", "/api/integrations")):
            continue
        for method, op in item.items():
            for status, answer in op.get("responses", {}).items():
                schema = answer.get("content", {}).get("application/json", {}).get("schema")
                if not schema or status.startswith("4"):
                    continue
                names = _properties(schema, spec, set())
                leaked = names & {"channel_secret", "access_token", "api_key",
                                  "channel_secret_enc", "access_token_enc", "api_key_enc"}
                assert not leaked, f"{method.upper()} {path} answers {leaked}"
                if (method, path) != ("post", "/api/accounts"):
                    # The commerce signing secret is shown once, on creation only.
                    assert "commerce_secret" not in names, f"{method.upper()} {path}"
