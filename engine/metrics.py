"""Prometheus metrics the engine records (served by api/ at GET /metrics).

Counters count what this process did; the dead-letter gauge is read from the database when
/metrics is scraped, so every process reports the same number.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge

WEBHOOK_BODIES_REFUSED = Counter(
    "lumo_webhook_bodies_refused_total",
    "LINE webhook bodies answered non-2xx after a valid signature, by reason "
    "(bad_body and unstorable: 400, never redelivered; unavailable: 503, redelivered).",
    ["reason"])
EVENT_FAILURES = Counter(
    "lumo_event_failures_total",
    "Stored events whose handler failed; each failure counts one attempt.")
EVENTS_DEAD_LETTERED = Counter(
    "lumo_events_dead_lettered_total",
    "Stored events moved to the dead-letter state (attempts exhausted or never processable).")
EVENTS_DEAD = Gauge(
    "lumo_events_dead", "Events in the dead-letter state now (all organisations).")

# method: reply | push; result: sent | already_sent (409 on a retry key) | refused (a reply
# LINE turned down, e.g. an expired token: a push follows) | failed.
LINE_MESSAGES = Counter("lumo_line_messages", "LINE message requests by method and result",
                        ["method", "result"])
