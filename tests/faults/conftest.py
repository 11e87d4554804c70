"""Fixtures for the fault tests: a fresh LINE simulator per test (its counts are the test's)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.servers import ThreadServer
from tests.support.stack import Simulator


@pytest.fixture
def sim() -> Iterator[Simulator]:
    from engine.line.simulator import create_app

    server = ThreadServer(create_app()).start()
    yield Simulator(server.url)
    server.stop()
