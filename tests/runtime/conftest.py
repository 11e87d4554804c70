"""Fixtures for end-to-end engine tests: a real LINE simulator and a real Lumo server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.stack import Simulator, Stack


@pytest.fixture
def stack(simulator: Simulator, tmp_path: Path) -> Iterator[Stack]:
    simulator.clear_faults()
    s = Stack(f"sqlite:///{tmp_path / 'lumo.db'}", simulator).start()
    yield s
    s.stop()
    simulator.clear_faults()


@pytest.fixture(autouse=True)
def _reset_clock() -> Iterator[None]:
    from engine import clock

    clock.reset()
    yield
    clock.reset()
