"""Small helpers shared by the action tests."""

from __future__ import annotations

from typing import Any

from tests.support.stack import Stack, user_id, wait_until


def friend_of(stack: Stack, line_user_id: str) -> dict[str, Any]:
    def find() -> dict[str, Any] | None:
        items = stack.http.get("/api/friends", params={"limit": 200}).json()["items"]
        return next((f for f in items if f["line_user_id"] == line_user_id), None)

    summary = wait_until(find, what=f"friend {line_user_id}")
    return stack.http.get(f"/api/friends/{summary['id']}").json()


def new_friend(stack: Stack, name: str = "Friend", follow: bool = False) -> str:
    uid = user_id()
    stack.sim.add_friend(uid, name)
    if follow:
        stack.act("follow", user_id=uid)
    return uid


def say(stack: Stack, uid: str, text: str) -> None:
    stack.act("message", user_id=uid, text=text)


def keyword(node_id: str, *words: str, match: str = "equals") -> dict[str, Any]:
    return {"id": node_id, "type": "trigger.message_received",
            "config": {"keywords": list(words), "match_type": match}}


def only_run(stack: Stack, wid: int, status: str | None = None) -> dict[str, Any]:
    runs = wait_until(lambda: stack.runs(wid, status), what=f"a {status or ''} run of {wid}")
    assert len(runs) == 1, runs
    return stack.execution(runs[0]["id"])


def step(execution: dict[str, Any], node_id: str, visit: int = 1) -> dict[str, Any]:
    return next(s for s in execution["steps"] if s["node_id"] == node_id
                and s.get("visit", 1) == visit)


def settled(stack: Stack, wid: int, count: int = 1) -> list[dict[str, Any]]:
    """Wait for `count` runs of the workflow, all finished (newest first)."""
    return wait_until(lambda: (lambda runs: runs if len(runs) >= count and all(
        r["status"] in ("completed", "failed", "cancelled") for r in runs) else None)(
        stack.runs(wid)), what=f"{count} finished run(s)")
