"""Third-party integrations (HubSpot, Klaviyo): connections, endpoints and friend fields.

An organisation connects an integration with an API key stored encrypted (Integration row);
node executors load it here. Endpoints (base URL, retry policy) come from the settings that
api/ wires into `Services.integrations`; a worker built without them reads the environment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from engine.crypto import decrypt
from engine.integrations.http import Endpoint, HttpPolicy, IntegrationError
from engine.nodes.base import StepFailed
from engine.settings import Settings, get_settings
from engine.storage.models import Friend, Integration

if TYPE_CHECKING:
    from engine.runtime.context import Services, StepContext

KINDS = {"hubspot": "HubSpot", "klaviyo": "Klaviyo"}

__all__ = ["KINDS", "Endpoint", "IntegrationError", "connection", "endpoint_for",
           "endpoints_from", "friend_field"]


def endpoints_from(settings: Settings) -> dict[str, Endpoint]:
    policy = HttpPolicy(timeout=settings.integration_timeout,
                        max_attempts=settings.integration_max_attempts,
                        backoff_initial=settings.integration_backoff_initial,
                        backoff_max=settings.integration_backoff_max)
    return {"hubspot": Endpoint("hubspot", settings.hubspot_api_base, policy),
            "klaviyo": Endpoint("klaviyo", settings.klaviyo_api_base, policy,
                                options={"revision": settings.klaviyo_revision})}


_fallback: dict[str, Endpoint] = {}


def endpoint_for(services: Services, kind: str) -> Endpoint:
    found = services.integrations.get(kind)
    if isinstance(found, Endpoint):
        return found
    if not _fallback:
        _fallback.update(endpoints_from(get_settings()))
    return _fallback[kind]


def connection(ctx: StepContext, kind: str) -> tuple[str, dict[str, Any]]:
    """(API key, settings) of the organisation's connection, or a step failure saying so."""
    row = ctx.session.scalar(select(Integration).where(
        Integration.organisation_id == ctx.account.organisation_id, Integration.kind == kind))
    if row is None:
        raise StepFailed(f"{KINDS[kind]} is not connected: connect it under Integrations")
    try:
        return decrypt(row.api_key_enc), dict(row.settings or {})
    except ValueError as exc:
        raise StepFailed(f"the {KINDS[kind]} API key cannot be read: {exc}") from None


def friend_field(friend: Friend, path: str) -> Any:
    """display_name | line_user_id | language | attributes.<name> (None when unset)."""
    if path.startswith("attributes."):
        return (friend.attributes or {}).get(path.split(".", 1)[1])
    return getattr(friend, path, None)


def mapped(friend: Friend, mapping: dict[str, str]) -> dict[str, Any]:
    """Target property → friend value; unset values are left out rather than blanked."""
    out = {}
    for target, path in mapping.items():
        value = friend_field(friend, path)
        if value not in (None, ""):
            out[target] = value
    return out
