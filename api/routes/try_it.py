"""Try it: play a friend of one of the organisation's LINE accounts through the LINE simulator.

The web app's friend-simulator panel calls these; they forward to the simulator's control API
at `settings.line_api_host` (`/_sim/...`), which signs a webhook and sends it to us exactly as
LINE would, so the run that follows is a real one. Only the caller's organisation's accounts
(404 otherwise). When no simulator answers there (e.g. the host is the real LINE platform) the
answer is 409 with a message saying so.
"""

from __future__ import annotations

import secrets
from typing import Any, Literal

import httpx
from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from api.deps import EditorDep, SessionDep, SettingsDep, UserDep
from api.ownership import owned
from api.schemas.common import ItemList
from api.schemas.try_it import SentMessage, TryItResult
from engine.settings import Settings
from engine.storage.models import LineAccount

router = APIRouter(tags=["try-it"])

Action = Literal["follow", "message", "postback", "unfollow", "video_complete"]
TIMEOUT = httpx.Timeout(15.0, connect=2.0)


class TryItIn(BaseModel):
    user_id: str | None = Field(default=None, pattern=r"^U[0-9a-f]{32}$",
                                description="The simulated friend; a new one when absent.")
    display_name: str | None = Field(default=None, min_length=1, max_length=100)
    text: str = Field(default="", max_length=5000)
    data: str = Field(default="", max_length=300)
    tracking_id: str = Field(default="", max_length=100)


def _sim(settings: Settings) -> str:
    return settings.line_api_host.rstrip("/")


def _unreachable(settings: Settings, why: str) -> HTTPException:
    return HTTPException(409, {
        "code": "simulator_unreachable",
        "message": f"The LINE simulator is not reachable at {_sim(settings)} ({why}). "
                   "Try it works with the simulator only: run `lumo simulator` or "
                   "`lumo serve --demo`, and point LUMO_LINE_API_HOST at it."})


def _not_registered(acc: LineAccount) -> HTTPException:
    return HTTPException(409, {
        "code": "channel_not_registered",
        "message": f"The LINE simulator does not know channel {acc.channel_id} of "
                   f"“{acc.name}”. Register it with POST /_sim/channels (the demo does this "
                   "on start)."})


def _json(r: httpx.Response) -> Any:
    try:
        return r.json()
    except ValueError:
        return None


@router.post("/api/try-it/{account_id}/{action}", response_model=TryItResult)
def act(account_id: int, action: Action, user: EditorDep, session: SessionDep,
        settings: SettingsDep, body: TryItIn | None = None) -> dict[str, Any]:
    acc = owned(session, LineAccount, account_id, user, "account")
    body = body or TryItIn()
    uid = body.user_id or "U" + secrets.token_hex(16)
    payload: dict[str, Any] = {"user_id": uid, "text": body.text, "data": body.data,
                               "tracking_id": body.tracking_id}
    if body.display_name:
        payload["display_name"] = body.display_name
    session.close()  # the simulator calls our webhook before answering: hold no connection
    url = f"{_sim(settings)}/_sim/channels/{acc.channel_id}/events/{action}"
    try:
        r = httpx.post(url, json=payload, timeout=TIMEOUT)
    except httpx.HTTPError as exc:
        raise _unreachable(settings, type(exc).__name__) from None
    data = _json(r)
    if r.status_code == 404 and isinstance(data, dict) and "unknown channel" in str(
            data.get("message", "")):
        raise _not_registered(acc)
    if r.status_code != 200 or not isinstance(data, dict) or "event" not in data:
        raise _unreachable(settings, f"HTTP {r.status_code}")
    return {"user_id": uid, "action": action, "webhook_status": data.get("status_code"),
            "error": data.get("error"), "event": data.get("event")}


@router.get("/api/try-it/{account_id}/messages", response_model=ItemList[SentMessage])
def messages(account_id: int, user: UserDep, session: SessionDep, settings: SettingsDep,
             user_id: str | None = Query(default=None, pattern=r"^U[0-9a-f]{32}$")
             ) -> dict[str, Any]:
    """What the account sent (push and reply), oldest first, optionally to one friend."""
    acc = owned(session, LineAccount, account_id, user, "account")
    params = {"channel_id": acc.channel_id} | ({"to": user_id} if user_id else {})
    try:
        r = httpx.get(f"{_sim(settings)}/_sim/messages", params=params, timeout=TIMEOUT)
    except httpx.HTTPError as exc:
        raise _unreachable(settings, type(exc).__name__) from None
    data = _json(r)
    if r.status_code != 200 or not isinstance(data, dict) or "messages" not in data:
        raise _unreachable(settings, f"HTTP {r.status_code}")
    items = [{"kind": m.get("kind"), "to": m.get("to"), "messages": m.get("messages", []),
              "at": m.get("received_at")} for m in data["messages"]]
    return {"items": items, "total": len(items)}
