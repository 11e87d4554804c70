"""Offline-planner draft latency through the whole Marketing Agent (p50/p95)."""

from _common import machine  # also puts the repo root on sys.path

from agent.bench import main

if __name__ == "__main__":
    print(f"machine: {machine()}")
    main()
