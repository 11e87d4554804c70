"""The webhook door's CPU cost per body: what the request does before the group commit.

Compares, on one signed body of --events LINE events (text messages, as LINE sends them):
  - before issue 15: linebot.v3 WebhookParser.parse (signature + the SDK's models of every
    event) and then json.loads of the same text again;
  - now: linebot.v3 SignatureValidator.validate + one parse (pydantic_core, nesting-limited)
    + Lumo's field checks of every event (engine.line.webhook_body);
and the refusals: a body with one wrongly typed field, and `[` × 50,000 (which made
json.loads raise RecursionError).
Usage: python bench/webhook_door.py [--events 100] [--repeat 2000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

from _common import machine
from linebot.v3.webhook import SignatureValidator, WebhookParser

from engine.line.signature import sign
from engine.line.simulator import build_body, build_event
from engine.line.webhook_body import BodyError, parse_body

SECRET = "bench-channel-secret-0123456789abcd"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and p99 in microseconds."""
    for _ in range(min(50, repeat)):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e6)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=2000)
    args = ap.parse_args()

    events = [build_event("message", f"U{i:032x}", text=f"coupon please {i}")
              for i in range(args.events)]
    body = build_body("U" + "0" * 32, events)
    text = body.decode()
    signature = sign(body, SECRET)
    parser, validator = WebhookParser(SECRET), SignatureValidator(SECRET)

    def before() -> object:
        parser.parse(text, signature)
        return json.loads(text)

    def now() -> object:
        assert validator.validate(text, signature)
        return parse_body(body)

    bad_events = [*events[:-1], {**events[-1], "message": {**events[-1]["message"], "text": 5}}]
    bad = build_body("U" + "0" * 32, bad_events)
    nested = b'{"events":' + b"[" * 50_000 + b"]" * 50_000 + b"}"

    def refuse(raw: bytes) -> Callable[[], object]:
        def run() -> object:
            try:
                return parse_body(raw)
            except BodyError as exc:
                return exc
        return run

    def old_nested() -> object:
        try:
            return json.loads(nested)
        except RecursionError as exc:
            return exc

    print(f"machine: {machine()}")
    print(f"body: {args.events} text-message events, {len(body):,} bytes; "
          f"{args.repeat} repetitions")
    rows = [("WebhookParser.parse + json.loads (before)", before, args.repeat),
            ("SignatureValidator + parse_body (now)", now, args.repeat),
            ("  of which SignatureValidator alone", lambda: validator.validate(text, signature),
             args.repeat),
            ("refuse a body with one text: 5 (400)", refuse(bad), args.repeat),
            ("refuse [ x 50,000 (400; before: RecursionError, 500)", refuse(nested),
             max(20, args.repeat // 20)),
            ("  json.loads of [ x 50,000 (before)", old_nested, max(20, args.repeat // 20))]
    results = {}
    for name, fn, n in rows:
        p50, p99 = timed(fn, n)
        results[name] = p50
        print(f"{name:<55} p50 {p50:9.1f} µs   p99 {p99:9.1f} µs")
    b, n = results[rows[0][0]], results[rows[1][0]]
    print(f"door per {args.events}-event body: {b:.0f} µs → {n:.0f} µs ({b / n:.1f}× faster); "
          f"per event {n / args.events:.2f} µs")


if __name__ == "__main__":
    main()
