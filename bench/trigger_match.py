"""Trigger matching: time to match one message event against N active keyword workflows.

Creates N active workflows (random keywords, all four match types) in a SQLite database,
builds the trigger index from their published revisions, and times `match_loaded` over
random messages. Usage: python bench/trigger_match.py [--sizes 10,1000,10000] [--events 20000]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time

from _common import machine, pct
from cryptography.fernet import Fernet

os.environ.setdefault("LUMO_SECRET_KEY", Fernet.generate_key().decode())

from engine.events import from_line  # noqa: E402
from engine.storage.db import Database  # noqa: E402
from engine.storage.migrate import upgrade  # noqa: E402
from engine.storage.models import (  # noqa: E402
    LineAccount,
    Organisation,
    Workflow,
    WorkflowRevision,
)
from engine.triggers import TriggerIndex  # noqa: E402

WORDS = ["sale", "coupon", "price", "hours", "予約", "クーポン", "セール", "料金", "営業時間",
         "menu", "vip", "campaign", "キャンペーン", "問い合わせ", "shipping", "return"]
MATCH = ["equals", "contains", "starts_with", "ends_with"]


def keyword(rng: random.Random, i: int) -> str:
    return f"{rng.choice(WORDS)}{i}"


def build(n: int, rng: random.Random) -> tuple[TriggerIndex, int, float]:
    url = f"sqlite:///{tempfile.mkdtemp()}/tm.db"
    upgrade(url)
    db = Database(url)
    with db.session() as s:
        org = Organisation(name="bench")
        s.add(org)
        s.flush()
        acc = LineAccount(organisation_id=org.id, name="a", channel_id=f"tm{n}",
                          channel_secret_enc="x", access_token_enc="y")
        s.add(acc)
        s.flush()
        account_id = acc.id
        for i in range(n):
            wf = Workflow(organisation_id=org.id, name=f"w{i}", status="active",
                          latest_revision=1, published_revision=1)
            s.add(wf)
            s.flush()
            s.add(WorkflowRevision(workflow_id=wf.id, number=1, definition={
                "nodes": [{"id": "start", "type": "start", "config": {"account_ids": [account_id]}},
                          {"id": "t", "type": "trigger.message_received",
                           "config": {"keywords": [keyword(rng, i)],
                                      "match_type": MATCH[i % 4]}},
                          {"id": "m", "type": "action.send_message", "config": {
                              "messages": [{"type": "text", "text": "hi"}]}}],
                "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "m"}]}))
    index = TriggerIndex()
    t0 = time.perf_counter()
    with db.session() as s:
        index.refresh(s, force=True)
    return index, account_id, time.perf_counter() - t0


def message(text: str) -> dict[str, object]:
    return {"type": "message", "mode": "active", "webhookEventId": "x",
            "source": {"type": "user", "userId": "U" + "0" * 32},
            "message": {"id": "1", "type": "text", "text": text}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10,1000,10000")
    ap.add_argument("--events", type=int, default=20000)
    args = ap.parse_args()
    print(f"machine: {machine()}")
    for n in (int(x) for x in args.sizes.split(",")):
        rng = random.Random(n)
        index, account_id, build_s = build(n, rng)
        events = []
        for _ in range(args.events):
            k = keyword(rng, rng.randrange(max(n, 1)))
            events.append(from_line(message(rng.choice([
                k, f"please tell me about {k} today", f"{k}について教えて", "hello there"]))))
        samples = []
        matched = 0
        for ev in events:
            t0 = time.perf_counter_ns()
            matched += len(index.match_loaded(account_id, ev))
            samples.append((time.perf_counter_ns() - t0) / 1000)
        print(f"{n:>6} active keyword workflows: index built in {build_s * 1000:.0f} ms; "
              f"per event p50 {pct(samples, 50):.1f} µs, p99 {pct(samples, 99):.1f} µs, "
              f"mean {sum(samples) / len(samples):.1f} µs ({matched} matches "
              f"over {len(events)} events)")


if __name__ == "__main__":
    main()
