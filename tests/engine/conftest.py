"""LINE simulator fixtures: one real simulator server per session, reset before each test."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def line_simulator_server() -> Iterator[str]:
    """The simulator on a free 127.0.0.1 port, served by uvicorn in a daemon thread."""
    from engine.line.simulator import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, name="line-simulator", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the LINE simulator did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def line_simulator(line_simulator_server: str) -> str:
    """Base URL of a running LINE simulator with empty state (no channels, faults or records)."""
    httpx.post(f"{line_simulator_server}/_sim/reset", timeout=10).raise_for_status()
    return line_simulator_server
