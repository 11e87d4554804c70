"""Draft latency of the offline planner through the whole agent (p50 / p95).

`python -m agent.bench [--runs N]` prints one JSON line; bench/agent_latency.py can call main().
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

from agent.marketing.account import snapshot_from_fixture
from agent.marketing.service import MarketingAgent
from agent.marketing.workspace import MemoryWorkspace
from agent.providers.offline import OfflinePlanner

GOALS = [
    "I want to send a coupon three days after someone adds us as a friend",
    "When a friend sends a message containing 'price', reply 'Prices are on our site'",
    "When someone adds us, ask 'Which do you prefer?' with options 'Cats' and 'Dogs'. If they "
    "answer 'Cats', tag them 'Cat lover'; if they answer 'Dogs' tag them 'Dog lover'",
    "友だち追加の三日後にクーポンを送る",
    "「資料」と完全一致するメッセージを受信したら「資料はこちら」と返信",
    "When a cart is abandoned, send a reminder 1 hour later",
]
ACCOUNT = {"accounts": ["Main"], "tags": ["VIP", "Newsletter"], "rich_menus": ["Members"]}


def measure(runs: int = 20) -> dict[str, Any]:
    agent = MarketingAgent(OfflinePlanner(), MemoryWorkspace(snapshot_from_fixture(ACCOUNT)))
    times: list[float] = []
    for _ in range(runs):
        for goal in GOALS:
            conversation = agent.start(1)
            started = time.perf_counter()
            turn = agent.send(conversation, 1, goal)
            times.append((time.perf_counter() - started) * 1000)
            assert turn["draft"] is not None, goal
    times.sort()
    return {"provider": "offline", "drafts": len(times),
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
            "max_ms": round(times[-1], 2)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    result = measure(parser.parse_args(argv).runs)
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
