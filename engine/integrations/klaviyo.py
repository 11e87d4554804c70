"""Klaviyo (API revision 2024-10-15): profile upsert, list membership, events.

Requests (private key: `Authorization: Klaviyo-API-Key …`, `revision` header, JSON:API):
- POST /api/profile-import/                          upsert by external_id = LINE user id
- POST /api/lists/{list_id}/relationships/profiles/  add the profile to a list (204)
- POST /api/events/                                  an event with a `unique_id` (202)
All three are idempotent (the event through its unique_id, which Klaviyo deduplicates), so a
retried step does not double-count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

import httpx

from engine.integrations.http import Endpoint, JsonApi

JSON_API = "application/vnd.api+json"


def _describe(resp: httpx.Response) -> str:
    try:
        errors = resp.json().get("errors") or []
    except (ValueError, AttributeError):
        return resp.text[:300] or resp.reason_phrase
    if errors and isinstance(errors[0], dict):
        first = errors[0]
        return str(first.get("detail") or first.get("title") or first.get("code"))
    return resp.reason_phrase or "error"


@dataclass
class Done:
    profile_id: str | None
    attempts: int


@dataclass
class Person:
    """Who the profile is: the LINE user id is Klaviyo's external_id."""

    line_user_id: str
    first_name: str | None = None
    properties: dict[str, Any] | None = None

    def attributes(self) -> dict[str, Any]:
        out: dict[str, Any] = {"external_id": self.line_user_id}
        if self.first_name:
            out["first_name"] = self.first_name
        if self.properties:
            out["properties"] = self.properties
        return out


class KlaviyoClient:
    def __init__(self, api_key: str, endpoint: Endpoint):
        self.api = JsonApi("Klaviyo", endpoint, {
            "Authorization": f"Klaviyo-API-Key {api_key}",
            "revision": endpoint.options.get("revision", "2024-10-15"),
            "Accept": JSON_API, "Content-Type": JSON_API}, _describe)

    def check(self) -> None:
        """A read that needs a valid private key (raises IntegrationError otherwise)."""
        self.api.request("GET", "/api/accounts/")

    def upsert_profile(self, person: Person) -> str:
        resp = self.api.request("POST", "/api/profile-import/", json={
            "data": {"type": "profile", "attributes": person.attributes()}})
        return str(resp.json()["data"]["id"])

    def add_to_list(self, list_id: str, person: Person) -> Done:
        def once() -> str:
            profile_id = self.upsert_profile(person)
            self.api.request("POST",
                             f"/api/lists/{quote(list_id, safe='')}/relationships/profiles/",
                             json={"data": [{"type": "profile", "id": profile_id}]})
            return profile_id

        profile_id, attempts = self.api.retrying(once)
        return Done(profile_id, attempts)

    def track_event(self, name: str, person: Person, properties: dict[str, Any],
                    unique_id: str, when: datetime) -> Done:
        body = {"data": {"type": "event", "attributes": {
            "properties": properties,
            "time": when.isoformat(),
            "unique_id": unique_id,
            "metric": {"data": {"type": "metric", "attributes": {"name": name}}},
            "profile": {"data": {"type": "profile", "attributes": person.attributes()}},
        }}}

        def once() -> None:
            self.api.request("POST", "/api/events/", json=body)

        _, attempts = self.api.retrying(once)
        return Done(None, attempts)
