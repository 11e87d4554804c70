"""Prometheus metrics the engine records (served by api/ at /metrics)."""

from __future__ import annotations

from prometheus_client import Counter

# method: reply | push; result: sent | already_sent (409 on a retry key) | refused (a reply
# LINE turned down, e.g. an expired token: a push follows) | failed.
LINE_MESSAGES = Counter("lumo_line_messages", "LINE message requests by method and result",
                        ["method", "result"])
