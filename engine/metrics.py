"""Application metrics (Prometheus): every metric of Lumo is declared here, once.

Counters and histograms live in the process that observes them. Under several processes
(Celery workers, uvicorn workers) set `PROMETHEUS_MULTIPROC_DIR` to a shared, empty directory
before they start: `render()` then merges every process's values; or give each worker its own
port (`lumo worker --metrics-port`, `LUMO_METRICS_PORT`). Gauges of durable state (pending
waits, events by status) are read from the database at scrape time, so they are right whichever
process scrapes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

EVENTS_RECEIVED = Counter("lumo_events_received_total",
                          "Inbound events stored for processing, by source.", ["source"])
EVENTS_REJECTED = Counter("lumo_events_rejected_total",
                          "Inbound webhook requests refused at the door, by reason.", ["reason"])
EVENTS_DEAD_LETTERED = Counter("lumo_events_dead_lettered_total",
                               "Events whose handling kept failing and were set aside.")
RUNS_STARTED = Counter("lumo_runs_started_total", "Runs started, per workflow.",
                       ["workflow_id"])
RUNS_FINISHED = Counter("lumo_runs_finished_total",
                        "Runs that ended, per workflow and outcome (completed, failed, "
                        "cancelled).", ["workflow_id", "status"])
RUNS_SKIPPED = Counter("lumo_runs_skipped_total",
                       "Triggers refused by the workflow's re-entry rule, per workflow and "
                       "reason.", ["workflow_id", "reason"])
STEP_SECONDS = Histogram("lumo_step_duration_seconds",
                         "Time to execute one step, per node type and outcome.",
                         ["node_type", "status"],
                         buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
LINE_SENDS = Counter("lumo_line_sends_total",
                     "Messages sent to LINE, by kind (push, reply) and result (ok, "
                     "already_sent, refused, failed).", ["kind", "result"])
# The webhook door and dead letters (issue 15).
WEBHOOK_BODIES_REFUSED = Counter(
    "lumo_webhook_bodies_refused_total",
    "LINE webhook bodies answered non-2xx after a valid signature, by reason "
    "(bad_body and unstorable: 400, never redelivered; unavailable: 503, redelivered).",
    ["reason"])
EVENT_FAILURES = Counter(
    "lumo_event_failures_total",
    "Stored events whose handler failed; each failure counts one attempt.")
EVENTS_DEAD = Gauge(
    "lumo_events_dead", "Events in the dead-letter state now (all organisations).")
# method: reply | push; result: sent | already_sent (409 on a retry key) | refused (a reply
# LINE turned down, e.g. an expired token: a push follows) | failed.
LINE_MESSAGES = Counter("lumo_line_messages", "LINE message requests by method and result",
                        ["method", "result"])

AGENT_TURNS = Counter("lumo_agent_turns_total",
                      "Agent turns, by agent (customer, marketing) and result (ok, error).",
                      ["agent", "result"])
AGENT_SECONDS = Histogram("lumo_agent_turn_seconds", "Time to answer one agent turn.",
                          ["agent"], buckets=(.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60))

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


@contextmanager
def timed_turn(agent: str) -> Iterator[None]:
    """Count and time one agent turn; an exception counts as an error and propagates."""
    start = time.perf_counter()
    try:
        yield
    except BaseException:
        AGENT_TURNS.labels(agent, "error").inc()
        raise
    else:
        AGENT_TURNS.labels(agent, "ok").inc()
    finally:
        AGENT_SECONDS.labels(agent).observe(time.perf_counter() - start)


class DatabaseGauges:
    """Gauges read from the database when scraped: pending waits and events by status."""

    def __init__(self, db: Any):
        self.db = db

    def describe(self) -> list[Any]:
        return []

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from sqlalchemy import func, select

        from engine.storage.models import Wait, WebhookEvent

        waits = GaugeMetricFamily("lumo_waits_pending",
                                  "Durable waits not yet resumed, by kind (delay, question).",
                                  labels=["kind"])
        events = GaugeMetricFamily("lumo_webhook_events",
                                   "Stored inbound events, by status.", labels=["status"])
        try:
            with self.db.session() as session:
                counts = dict(session.execute(
                    select(Wait.kind, func.count()).where(Wait.status.in_(("pending",
                                                                           "claimed")))
                    .group_by(Wait.kind)).all())
                by_status = dict(session.execute(
                    select(WebhookEvent.status, func.count()).group_by(WebhookEvent.status))
                    .all())
        except Exception:  # noqa: BLE001 - a scrape must not fail because the database did
            return
        for kind in ("delay", "question", *sorted(set(counts) - {"delay", "question"})):
            waits.add_metric([kind], counts.get(kind, 0))
        for status, n in sorted(by_status.items()):
            events.add_metric([status], n)
        yield waits
        yield events


def process_registry() -> CollectorRegistry:
    """This process's metrics, or every process's when multiprocess mode is on."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def render(db: Any | None = None) -> tuple[bytes, str]:
    """The Prometheus text exposition: process metrics, then the database gauges."""
    out = generate_latest(process_registry())
    if db is not None:
        extra = CollectorRegistry(auto_describe=False)
        extra.register(DatabaseGauges(db))
        out += generate_latest(extra)
    return out, CONTENT_TYPE_LATEST


def serve_worker_metrics(port: int, addr: str = "0.0.0.0") -> Any:
    """A worker's own /metrics on `port` (its process's counters, or all in multiprocess mode).
    Returns the server (`shutdown()` stops it)."""
    from prometheus_client import start_http_server

    server, _thread = start_http_server(port, addr=addr, registry=process_registry())
    return server
