"""Local test doubles of the HubSpot and Klaviyo APIs: real HTTP servers that check requests.

They implement only what Lumo calls, with the real paths, auth schemes, body shapes and error
formats, refuse anything else the way the real API would (400/401/404/409), record every
request, and can inject failures: a status answered before doing anything (429 with
Retry-After, 500), or a "lost response" (the request is applied, then 503 is answered) to
prove retries stay idempotent.
"""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from tests.support.servers import ThreadServer


@dataclass
class Fault:
    status: int
    retry_after: int | None = None
    applied: bool = False  # True: do the work, then fail (a response lost on the way back)
    path: str | None = None  # only requests whose path ends with this


@dataclass
class DoubleState:
    api_key: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: list[dict[str, Any]] = field(default_factory=list)
    faults: deque[Fault] = field(default_factory=deque)

    def take_fault(self, path: str) -> Fault | None:
        with self.lock:
            for f in list(self.faults):
                if f.path is None or path.endswith(f.path):
                    self.faults.remove(f)
                    return f
        return None


def _fault_response(f: Fault, body: dict[str, Any]) -> JSONResponse:
    headers = {"Retry-After": str(f.retry_after)} if f.retry_after is not None else None
    return JSONResponse(body, status_code=f.status, headers=headers)


class Double:
    """A double served on a free port; `reset()` between tests."""

    def __init__(self, app: FastAPI, state: DoubleState):
        self.app, self.state = app, state
        self.server = ThreadServer(app)
        self.url = self.server.url

    def start(self) -> Double:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def fail(self, *faults: Fault) -> None:
        with self.state.lock:
            self.state.faults.extend(faults)

    def requests(self, path: str | None = None) -> list[dict[str, Any]]:
        with self.state.lock:
            return [r for r in self.state.requests if path is None or path in r["path"]]


# -- HubSpot CRM v3 ----------------------------------------------------------------------------

HUBSPOT_PROPERTIES = {"email", "firstname", "lastname", "phone", "hs_language", "line_user_id",
                      "lumo_plan", "lifecyclestage"}


def hubspot_error(status: int, message: str, category: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"status": "error", "message": message,
                         "correlationId": str(uuid.uuid4()), "category": category, **extra},
                        status_code=status)


class HubSpotDouble(Double):
    def __init__(self, api_key: str = "pat-na1-test-hubspot-key-0001"):
        state = DoubleState(api_key)
        self.contacts: dict[str, dict[str, Any]] = {}
        self.hidden_from_search: set[str] = set()  # eventual consistency of search
        ids = itertools.count(50_001)
        app = FastAPI()
        double = self

        async def admit(request: Request) -> tuple[dict[str, Any] | None, Response | None]:
            raw = await request.body()
            body = None
            try:
                body = await request.json() if raw else None
            except ValueError:
                return None, hubspot_error(400, "Invalid input JSON", "VALIDATION_ERROR")
            with state.lock:
                state.requests.append({"method": request.method, "path": request.url.path,
                                       "body": body, "headers": dict(request.headers)})
            if request.headers.get("authorization") != f"Bearer {state.api_key}":
                return None, hubspot_error(
                    401, "Authentication credentials not found. This API supports OAuth 2.0 "
                         "authentication and you can find more details at "
                         "https://developers.hubspot.com/docs/methods/auth/oauth-overview",
                    "INVALID_AUTHENTICATION")
            return body, None

        def fault_before(path: str) -> tuple[Fault | None, Response | None]:
            f = state.take_fault(path)
            if f is not None and not f.applied:
                return None, _fault_response(f, {
                    "status": "error", "message": "You have reached your secondly limit."
                    if f.status == 429 else "internal error", "category":
                    "RATE_LIMITS" if f.status == 429 else "INTERNAL_ERROR"})
            return f, None

        def check_properties(body: Any) -> tuple[dict[str, str] | None, Response | None]:
            props = body.get("properties") if isinstance(body, dict) else None
            if not isinstance(props, dict) or not props:
                return None, hubspot_error(400, "Invalid input JSON: properties are required",
                                           "VALIDATION_ERROR")
            unknown = sorted(set(props) - HUBSPOT_PROPERTIES)
            if unknown:
                return None, hubspot_error(
                    400, "Property values were not valid: " + ", ".join(
                        f'Property "{p}" does not exist' for p in unknown),
                    "VALIDATION_ERROR", errors=[{"message": f'Property "{p}" does not exist',
                                                 "code": "PROPERTY_DOESNT_EXIST"}
                                                for p in unknown])
            if not all(isinstance(v, str) for v in props.values()):
                return None, hubspot_error(400, "Property values must be strings",
                                           "VALIDATION_ERROR")
            return props, None

        def view(c: dict[str, Any]) -> dict[str, Any]:
            return {"id": c["id"], "properties": {**c["properties"], "hs_object_id": c["id"]},
                    "createdAt": c["createdAt"], "updatedAt": c["updatedAt"],
                    "archived": False}

        @app.post("/crm/v3/objects/contacts/search")
        async def search(request: Request) -> Response:
            body, refused = await admit(request)
            if refused:
                return refused
            _, failed = fault_before(request.url.path)
            if failed:
                return failed
            groups = body.get("filterGroups") if isinstance(body, dict) else None
            try:
                filters = [f for g in groups for f in g["filters"]]  # type: ignore[union-attr]
                assert filters and all(f["operator"] == "EQ" and f["propertyName"]
                                       and isinstance(f["value"], str) for f in filters)
            except (TypeError, KeyError, AssertionError):
                return hubspot_error(400, "Invalid filterGroups", "VALIDATION_ERROR")
            with state.lock:
                found = [c for c in double.contacts.values()
                         if c["id"] not in double.hidden_from_search
                         and all(c["properties"].get(f["propertyName"]) == f["value"]
                                 for f in filters)]
            limit = int(body.get("limit") or 10)
            return JSONResponse({"total": len(found),
                                 "results": [view(c) for c in found[:limit]]})

        @app.post("/crm/v3/objects/contacts")
        async def create(request: Request) -> Response:
            body, refused = await admit(request)
            if refused:
                return refused
            fault, failed = fault_before(request.url.path)
            if failed:
                return failed
            props, bad = check_properties(body)
            if bad:
                return bad
            assert props is not None
            with state.lock:
                uid = props.get("line_user_id")
                clash = next((c for c in double.contacts.values()
                              if uid and c["properties"].get("line_user_id") == uid), None)
                if clash is not None:  # line_user_id is a unique-value property
                    return hubspot_error(409, f"Contact already exists. Existing ID: "
                                              f"{clash['id']}", "CONFLICT")
                now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
                cid = str(next(ids))
                double.contacts[cid] = {"id": cid, "properties": dict(props),
                                        "createdAt": now, "updatedAt": now}
                out = view(double.contacts[cid])
            if fault is not None:
                return _fault_response(fault, {"status": "error", "message": "lost"})
            return JSONResponse(out, status_code=201)

        @app.patch("/crm/v3/objects/contacts/{contact_id}")
        async def update(contact_id: str, request: Request) -> Response:
            body, refused = await admit(request)
            if refused:
                return refused
            fault, failed = fault_before(request.url.path)
            if failed:
                return failed
            props, bad = check_properties(body)
            if bad:
                return bad
            assert props is not None
            with state.lock:
                contact = double.contacts.get(contact_id)
                if contact is None:
                    return hubspot_error(404, f"resource not found: {contact_id}",
                                         "OBJECT_NOT_FOUND")
                contact["properties"].update(props)
                contact["updatedAt"] = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
                out = view(contact)
            if fault is not None:
                return _fault_response(fault, {"status": "error", "message": "lost"})
            return JSONResponse(out)

        super().__init__(app, state)

    def reset(self) -> None:
        with self.state.lock:
            self.contacts.clear()
            self.hidden_from_search.clear()
            self.state.requests.clear()
            self.state.faults.clear()


# -- Klaviyo (revision 2024-10-15) ---------------------------------------------------------------

JSON_API = "application/vnd.api+json"


def klaviyo_error(status: int, code: str, title: str, detail: str,
                  pointer: str | None = None) -> JSONResponse:
    err: dict[str, Any] = {"id": str(uuid.uuid4()), "status": status, "code": code,
                           "title": title, "detail": detail}
    if pointer:
        err["source"] = {"pointer": pointer}
    return JSONResponse({"errors": [err]}, status_code=status, media_type=JSON_API)


class KlaviyoDouble(Double):
    def __init__(self, api_key: str = "pk_test_klaviyo_key_0001"):
        state = DoubleState(api_key)
        self.profiles: dict[str, dict[str, Any]] = {}  # id → attributes
        self.lists: dict[str, set[str]] = {}  # list id → profile ids
        self.events: list[dict[str, Any]] = []
        app = FastAPI()
        double = self

        async def admit(request: Request) -> tuple[Any, Response | None, Fault | None]:
            raw = await request.body()
            try:
                body = await request.json() if raw else None
            except ValueError:
                return None, klaviyo_error(400, "invalid", "Invalid input.",
                                           "The payload is not valid JSON."), None
            with state.lock:
                state.requests.append({"method": request.method, "path": request.url.path,
                                       "body": body, "headers": dict(request.headers)})
            if request.headers.get("authorization") != f"Klaviyo-API-Key {state.api_key}":
                return None, klaviyo_error(401, "not_authenticated",
                                           "Authentication credentials were not provided.",
                                           "Missing or invalid private key."), None
            if not request.headers.get("revision"):
                return None, klaviyo_error(400, "invalid", "Invalid input.",
                                           "A revision header is required."), None
            if JSON_API not in (request.headers.get("content-type") or ""):
                return None, klaviyo_error(415, "unsupported_media_type",
                                           "Unsupported media type.",
                                           f"Content-Type must be {JSON_API}."), None
            f = state.take_fault(request.url.path)
            if f is not None and not f.applied:
                return None, _fault_response(f, {"errors": [{
                    "status": f.status, "code": "throttled" if f.status == 429 else "error",
                    "title": "Request was throttled." if f.status == 429 else "Server error",
                    "detail": "Request was throttled." if f.status == 429 else "error"}]}), None
            return body, None, f

        @app.get("/api/accounts/")
        async def accounts(request: Request) -> Response:
            _, failed, _f = await admit(request)
            if failed is not None:
                return failed
            return JSONResponse({"data": [{"type": "account", "id": "TEST01"}]})

        def identify(attributes: Any) -> str | None:
            """The profile these attributes name (external_id), created if new."""
            if not isinstance(attributes, dict):
                return None
            ext = attributes.get("external_id")
            if not (ext or attributes.get("email") or attributes.get("phone_number")):
                return None
            for pid, attrs in double.profiles.items():
                if ext and attrs.get("external_id") == ext:
                    return pid
            pid = "01" + uuid.uuid4().hex[:24].upper()
            double.profiles[pid] = {"external_id": ext} if ext else {}
            return pid

        def done(f: Fault | None, response: Response) -> Response:
            return _fault_response(f, {"errors": [{"status": f.status, "code": "error",
                                                   "detail": "lost"}]}) if f else response

        @app.post("/api/profile-import/")
        async def profile_import(request: Request) -> Response:
            body, refused, fault = await admit(request)
            if refused:
                return refused
            data = body.get("data") if isinstance(body, dict) else None
            if not isinstance(data, dict) or data.get("type") != "profile":
                return klaviyo_error(400, "invalid", "Invalid input.",
                                     "data.type must be profile", "/data/type")
            attrs = data.get("attributes")
            with state.lock:
                existed = isinstance(attrs, dict) and any(
                    a.get("external_id") == attrs.get("external_id")
                    for a in double.profiles.values())
                pid = identify(attrs)
                if pid is None:
                    return klaviyo_error(400, "invalid", "Invalid input.",
                                         "One of email, phone_number or external_id is "
                                         "required.", "/data/attributes")
                assert isinstance(attrs, dict)
                merged = {**double.profiles[pid], **{k: v for k, v in attrs.items()
                                                     if k != "properties"}}
                merged["properties"] = {**double.profiles[pid].get("properties", {}),
                                        **(attrs.get("properties") or {})}
                double.profiles[pid] = merged
            return done(fault, JSONResponse(
                {"data": {"type": "profile", "id": pid, "attributes": merged}},
                status_code=200 if existed else 201, media_type=JSON_API))

        @app.post("/api/lists/{list_id}/relationships/profiles/")
        async def add_to_list(list_id: str, request: Request) -> Response:
            body, refused, fault = await admit(request)
            if refused:
                return refused
            data = body.get("data") if isinstance(body, dict) else None
            if not isinstance(data, list) or not data or not all(
                    isinstance(d, dict) and d.get("type") == "profile" and d.get("id")
                    for d in data):
                return klaviyo_error(400, "invalid", "Invalid input.",
                                     "data must be a list of profile identifiers", "/data")
            with state.lock:
                if list_id not in double.lists:
                    return klaviyo_error(404, "not_found", "Not found.",
                                         f"A list with id {list_id} does not exist.")
                missing = [d["id"] for d in data if d["id"] not in double.profiles]
                if missing:
                    return klaviyo_error(404, "not_found", "Not found.",
                                         f"Profile {missing[0]} does not exist.")
                double.lists[list_id].update(d["id"] for d in data)
            return done(fault, Response(status_code=204))

        @app.post("/api/events/")
        async def create_event(request: Request) -> Response:
            body, refused, fault = await admit(request)
            if refused:
                return refused
            try:
                data = body["data"]
                assert data["type"] == "event"
                attrs = data["attributes"]
                metric = attrs["metric"]["data"]
                assert metric["type"] == "metric" and metric["attributes"]["name"]
                profile = attrs["profile"]["data"]
                assert profile["type"] == "profile"
                assert isinstance(attrs["properties"], dict)
            except (TypeError, KeyError, AssertionError):
                return klaviyo_error(400, "invalid", "Invalid input.",
                                     "The event payload is malformed.", "/data")
            with state.lock:
                pid = identify(profile.get("attributes"))
                if pid is None:
                    return klaviyo_error(400, "invalid", "Invalid input.",
                                         "The profile needs an identifier.",
                                         "/data/attributes/profile")
                unique = attrs.get("unique_id")
                # Klaviyo keeps one event per unique_id (per metric and profile).
                if not any(e["unique_id"] == unique and unique for e in double.events):
                    double.events.append({"metric": metric["attributes"]["name"],
                                          "profile_id": pid, "unique_id": unique,
                                          "properties": attrs["properties"],
                                          "time": attrs.get("time")})
            return done(fault, Response(status_code=202))

        super().__init__(app, state)

    def reset(self) -> None:
        with self.state.lock:
            self.profiles.clear()
            self.lists.clear()
            self.events.clear()
            self.state.requests.clear()
            self.state.faults.clear()
