"""HubSpot CRM v3: create or update a contact keyed by a LINE user id custom property.

Requests (private-app token as a Bearer token):
- POST  /crm/v3/objects/contacts/search   filter `<id_property> EQ <line user id>`
- POST  /crm/v3/objects/contacts          {"properties": {...}}  (201)
- PATCH /crm/v3/objects/contacts/{id}     {"properties": {...}}  (200)
Search is eventually consistent at HubSpot, so a create answered 409 ("Existing ID: n", when
the property is unique) updates that contact instead of failing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx

from engine.integrations.http import Endpoint, IntegrationError, JsonApi, error_text

DEFAULT_ID_PROPERTY = "line_user_id"
_EXISTING = re.compile(r"Existing ID:\s*(\d+)")


@dataclass
class Upserted:
    contact_id: str
    created: bool
    attempts: int


def _describe(resp: httpx.Response) -> str:
    return error_text(resp, "message", "category")


class HubSpotClient:
    def __init__(self, api_key: str, endpoint: Endpoint,
                 id_property: str = DEFAULT_ID_PROPERTY):
        self.id_property = id_property or DEFAULT_ID_PROPERTY
        self.api = JsonApi("HubSpot", endpoint, {"Authorization": f"Bearer {api_key}",
                                                 "Accept": "application/json"}, _describe)

    def check(self) -> None:
        """A read that needs a valid key (raises IntegrationError otherwise)."""
        self.find_contact("U" + "0" * 32)

    def find_contact(self, line_user_id: str) -> str | None:
        resp = self.api.request("POST", "/crm/v3/objects/contacts/search", json={
            "filterGroups": [{"filters": [{"propertyName": self.id_property,
                                           "operator": "EQ", "value": line_user_id}]}],
            "properties": [self.id_property], "limit": 1})
        results = resp.json().get("results") or []
        return str(results[0]["id"]) if results else None

    def _update(self, contact_id: str, properties: dict[str, Any]) -> None:
        self.api.request("PATCH", f"/crm/v3/objects/contacts/{contact_id}",
                         json={"properties": properties})

    def upsert_contact(self, line_user_id: str, properties: dict[str, Any]) -> Upserted:
        props = {k: str(v) for k, v in properties.items()} | {self.id_property: line_user_id}

        def once() -> tuple[str, bool]:
            found = self.find_contact(line_user_id)
            if found is not None:
                self._update(found, props)
                return found, False
            resp = self.api.request("POST", "/crm/v3/objects/contacts",
                                    json={"properties": props}, accept=(409,))
            if resp.status_code == 409:
                match = _EXISTING.search(_describe(resp))
                if match is None:
                    raise IntegrationError(f"HubSpot answered 409: {_describe(resp)}"[:500],
                                           status=409)
                self._update(match.group(1), props)
                return match.group(1), False
            return str(resp.json()["id"]), True

        (contact_id, created), attempts = self.api.retrying(once)
        return Upserted(contact_id, created, attempts)
