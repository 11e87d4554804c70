"""The history's "runs over time": counts per hour or day in the viewer's time zone, on SQLite and
PostgreSQL (the database counts per UTC quarter hour; zones 30 or 45 minutes off UTC must still
fall into the right local hour and day)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from engine.storage.models import Run
from tests.conftest import Tenant, create_tenant


def setup(c: TestClient) -> tuple[Tenant, int, int, int]:
    t = create_tenant(c.app.state.db, "Timeline shop")  # type: ignore[attr-defined]
    acc = c.post("/api/accounts", headers=t.headers, json={
        "name": "Main", "channel_id": "4000000001", "channel_secret": "secret-aaaa-1234",
        "access_token": "token-aaaa-1234"}).json()["id"]
    wid = c.post("/api/workflows", headers=t.headers, json={"name": "Timed"}).json()["id"]
    other = c.post("/api/workflows", headers=t.headers, json={"name": "Other"}).json()["id"]
    return t, acc, wid, other


def add_runs(c: TestClient, account_id: int, *runs: tuple[int, datetime, str]) -> None:
    with c.app.state.db.session() as session:  # type: ignore[attr-defined]
        for workflow_id, created, status in runs:
            session.add(Run(workflow_id=workflow_id, revision=1, account_id=account_id,
                            trigger_node_id="trigger", status=status, created_at=created))


def timeline(c: TestClient, t: Tenant, wid: int, **params: Any) -> list[dict[str, Any]]:
    r = c.get(f"/api/workflows/{wid}/executions/timeline", headers=t.headers, params=params)
    assert r.status_code == 200, r.text
    return r.json()["buckets"]


def test_days_follow_local_midnight_in_a_half_hour_zone(any_client: TestClient) -> None:
    c = any_client
    t, acc, wid, other = setup(c)
    zone = ZoneInfo("Asia/Kolkata")  # UTC+05:30: local midnight is 18:30 UTC
    midnight = datetime.now(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    add_runs(c, acc,
             (wid, midnight + timedelta(minutes=2), "completed"),   # today
             (wid, midnight + timedelta(minutes=3), "failed"),      # today
             (wid, midnight - timedelta(minutes=2), "completed"),   # yesterday, same UTC hour
             (wid, midnight - timedelta(days=1, minutes=5), "waiting"),  # the day before
             (wid, midnight - timedelta(days=5), "completed"),      # before the window
             (other, midnight + timedelta(minutes=2), "completed"))  # another workflow
    days = timeline(c, t, wid, bucket="day", periods=3, tz="Asia/Kolkata")
    assert [d["start"] for d in days] == [
        (midnight - timedelta(days=n)).isoformat() for n in (2, 1, 0)]
    assert [(d["total"], d["succeeded"], d["failed"], d["waiting"]) for d in days] == [
        (1, 0, 0, 1), (1, 1, 0, 0), (2, 1, 1, 0)]


def test_hours_in_a_45_minute_zone(any_client: TestClient) -> None:
    c = any_client
    t, acc, wid, _ = setup(c)
    zone = ZoneInfo("Asia/Kathmandu")  # UTC+05:45
    hour = datetime.now(zone).replace(minute=0, second=0, microsecond=0)
    add_runs(c, acc, (wid, (hour + timedelta(minutes=1)).astimezone(UTC), "cancelled"),
             (wid, (hour - timedelta(minutes=1)).astimezone(UTC), "running"),
             (wid, (hour - timedelta(minutes=1)).astimezone(UTC), "queued"))
    hours = timeline(c, t, wid, bucket="hour", periods=24, tz="Asia/Kathmandu")
    assert len(hours) == 24 and hours[-1]["start"] == hour.isoformat()
    assert (hours[-1]["total"], hours[-1]["cancelled"]) == (1, 1)
    assert (hours[-2]["total"], hours[-2]["running"]) == (2, 2)  # queued counts as running
    assert sum(h["total"] for h in hours) == 3


def test_bad_parameters_name_the_field(client: TestClient) -> None:
    t, _, wid, _ = setup(client)
    for params, field in (({"tz": "Mars/Olympus"}, "tz"), ({"bucket": "week"}, "bucket"),
                          ({"periods": 0}, "periods"), ({"periods": 400}, "periods")):
        r = client.get(f"/api/workflows/{wid}/executions/timeline", headers=t.headers,
                       params=params)
        assert r.status_code == 422, (params, r.text)
        assert field in r.text, r.text
    other = create_tenant(client.app.state.db, "Elsewhere")  # type: ignore[attr-defined]
    r = client.get(f"/api/workflows/{wid}/executions/timeline", headers=other.headers)
    assert r.status_code == 404
