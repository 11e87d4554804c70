"""Fixtures of the browser tests: the web app built, one Chromium per session, a real Lumo per
module (uvicorn in a thread, its own SQLite, the demo organisation, the real LINE simulator),
and per-test pages that fail the test on console errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.e2e.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMEOUT_MS,
    Console,
    Lumo,
    ensure_web_built,
    new_context,
    sign_in_state,
    start_lumo,
)
from tests.support.stack import Simulator

expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def web_dist() -> Path:
    return ensure_web_built()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium "
                    "(or point LUMO_CHROMIUM at one)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def lumo(web_dist: Path, simulator: Simulator, browser: Browser,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lumo]:
    """A fresh Lumo (own database) per test module, signed in once through the UI."""
    with pytest.MonkeyPatch.context() as mp:
        # The Marketing Agent's offline planner is the baseline, whatever the shell exports.
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "LUMO_MODEL"):
            mp.delenv(name, raising=False)
        server = start_lumo(simulator, tmp_path_factory.mktemp("lumo-e2e"))
        try:
            server.storage_state = sign_in_state(browser, server)
            yield server
        finally:
            server.stop()


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def context(browser: Browser, lumo: Lumo) -> Iterator[BrowserContext]:
    ctx = new_context(browser, lumo.storage_state)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext, console: Console) -> Iterator[Page]:
    p = context.new_page()
    console.attach(p)
    yield p
    p.wait_for_timeout(100)  # late responses land before the console is judged
    problems = console.unexpected()
    assert not problems, f"console errors: {problems}"
