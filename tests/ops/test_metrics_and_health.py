"""Operations: /metrics counters move with real traffic; /livez and /readyz answer JSON."""

from __future__ import annotations

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from engine.settings import Settings
from tests.support.stack import Stack, text_node, user_id, wait_until


def _scrape(stack: Stack) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    r = stack.http.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    out = {}
    for family in text_string_to_metric_families(r.text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def _get(m: dict, name: str, **labels: str) -> float:
    return m.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_move_after_a_run(stack: Stack) -> None:
    wid = stack.workflow([{"id": "t", "type": "trigger.message_received",
                           "config": {"keywords": ["hi"], "match_type": "equals"}},
                          text_node("m", "hello"),
                          {"id": "d", "type": "action.delay",
                           "config": {"amount": 1, "unit": "days"}}],
                         [("start", "t"), ("t", "m"), ("m", "d")])
    before = _scrape(stack)
    uid = user_id()
    stack.sim.add_friend(uid, "Metrics")
    stack.act("message", user_id=uid, text="hi")
    wait_until(lambda: stack.runs(wid, "waiting"), what="run waiting")
    stack.act("message", user_id=uid, text="hi")  # skipped: already in a run
    stack.idle()
    bad = stack.http.post(f"/webhooks/line/{stack.channel_id}", content=b'{"events":[]}',
                          headers={"X-Line-Signature": "bm9wZQ=="})
    assert bad.status_code == 401
    after = _scrape(stack)

    def moved(name: str, **labels: str) -> float:
        return _get(after, name, **labels) - _get(before, name, **labels)

    w = str(wid)
    assert moved("lumo_events_received_total", source="line") >= 2
    assert moved("lumo_events_rejected_total", reason="bad_signature") == 1
    assert moved("lumo_runs_started_total", workflow_id=w) == 1
    assert moved("lumo_runs_skipped_total", workflow_id=w, reason="already_in_run") == 1
    assert moved("lumo_step_duration_seconds_count", node_type="action.send_message",
                 status="completed") == 1
    assert moved("lumo_step_duration_seconds_count", node_type="action.delay",
                 status="waiting") == 1
    # One message out: a reply while the event's token is valid, else a push (issue 16).
    assert moved("lumo_line_sends_total", kind="push", result="ok") + \
        moved("lumo_line_sends_total", kind="reply", result="ok") == 1
    assert _get(after, "lumo_waits_pending", kind="delay") == 1
    assert _get(after, "lumo_webhook_events", status="processed") >= 2


def test_livez_and_readyz_answer_json(client: TestClient) -> None:
    live = client.get("/livez")
    assert live.status_code == 200 and live.json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ok" and ready.json()["checks"]["database"]["ok"]
    assert "redis" not in ready.json()["checks"]  # only checked under Celery


def test_readyz_is_503_when_the_database_is_unreachable() -> None:
    from api.app import create_app

    app = create_app(Settings(database_url="postgresql://lumo@127.0.0.1:1/nowhere",
                              backend="celery", redis_url="redis://127.0.0.1:1/0"),
                     migrate=False)
    client = TestClient(app)  # (no lifespan: nothing starts in the background)
    r = client.get("/readyz")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["redis"]["ok"] is False
    assert client.get("/livez").status_code == 200
    app.state.db.dispose()
