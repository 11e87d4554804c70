"""Helpers of the browser tests: the built web app, a real Lumo server, console checks."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from engine.settings import Settings
from tests.support.servers import ThreadServer
from tests.support.stack import Simulator, wait_until

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("LUMO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PASSWORD = "e2e correct horse battery"
TIMEOUT_MS = 20_000  # generous: a loaded 2-core machine runs other suites at the same time
VIEWPORT = {"width": 1400, "height": 900}
# Failed requests the browser itself reports on the console ("Failed to load resource: the server
# responded with a status of 401"). The app logs nothing; a test names the statuses it provokes.
NETWORK_LINE = re.compile(r"Failed to load resource: the server responded with a status of (\d+)")


# -- the built web app ------------------------------------------------------------------------

def _newest_source() -> float:
    files = [WEB / "index.html", WEB / "vite.config.ts", WEB / "package.json",
             WEB / "package-lock.json", WEB / "tsconfig.json"]
    for folder in ("src", "public"):
        files += [p for p in (WEB / folder).rglob("*") if p.is_file()]
    return max((p.stat().st_mtime for p in files if p.exists()), default=0.0)


def ensure_web_built() -> Path:
    """web/dist, rebuilt when missing or older than a source file (npm ci first if needed).
    A file lock keeps test sessions running side by side from building (and emptying dist/)
    at the same time; the second one finds the first one's fresh build."""
    index = WEB / "dist" / "index.html"
    checkout = hashlib.sha1(bytes(WEB)).hexdigest()[:12]  # one lock per checkout
    lock_path = Path(tempfile.gettempdir()) / f"lumo-web-build-{checkout}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if index.exists() and index.stat().st_mtime >= _newest_source():
            return WEB / "dist"
        _build_web()
    return WEB / "dist"


def _build_web() -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("web/dist is missing or stale and npm is not installed (Node.js ≥ 20.19)")
    if not (WEB / "node_modules").is_dir():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=WEB, check=True,
                       capture_output=True)
    done = subprocess.run([npm, "run", "build"], cwd=WEB, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"npm run build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


# -- a real Lumo ---------------------------------------------------------------------------------

@dataclass
class Lumo:
    url: str
    app: Any
    server: ThreadServer
    sim: Simulator
    email: str
    password: str
    account_id: int
    channel_id: str
    api: httpx.Client
    storage_state: dict[str, Any] = field(default_factory=dict)

    # API shortcuts to arrange a test (the browser does the acting).
    def create_workflow(self, name: str, *, template: str | None = None,
                        definition: dict[str, Any] | None = None, with_account: bool = True,
                        activate: bool = False) -> int:
        r = self.api.post("/api/workflows", json={"name": name, "template": template})
        assert r.status_code == 201, r.text
        wf = r.json()
        definition = definition or wf["definition"]
        if with_account:
            for n in definition["nodes"]:
                if n["type"] == "start":
                    n["config"] = {**n.get("config", {}), "account_ids": [self.account_id]}
        r = self.api.put(f"/api/workflows/{wf['id']}", headers={"If-Match": str(wf["revision"])},
                         json={"definition": definition})
        assert r.status_code == 200, r.text
        if activate:
            r = self.api.post(f"/api/workflows/{wf['id']}/activate",
                              headers={"If-Match": str(r.json()["revision"])})
            assert r.status_code == 200, r.text
        return int(wf["id"])

    def pause(self, wid: int) -> None:
        self.api.post(f"/api/workflows/{wid}/pause").raise_for_status()

    def executions(self, wid: int) -> dict[str, Any]:
        r = self.api.get(f"/api/workflows/{wid}/executions")
        r.raise_for_status()
        return r.json()

    def wait_runs(self, wid: int, predicate: Callable[[list[dict[str, Any]]], bool],
                  what: str = "runs", timeout: float = 15.0) -> list[dict[str, Any]]:
        def check() -> list[dict[str, Any]] | None:
            items = self.executions(wid)["items"]
            return items if predicate(items) else None
        return wait_until(check, timeout, interval=0.1, what=what)

    def friend(self, action: str, **body: Any) -> dict[str, Any]:
        """Play a friend of the demo account through the simulator."""
        return self.sim.act(self.channel_id, action, **body)

    def stop(self) -> None:
        self.api.close()
        self.server.stop()
        agent = getattr(self.app.state, "marketing_agent", None)
        if agent is not None:
            agent.close()
        self.app.state.db.dispose()


def start_lumo(simulator: Simulator, db_dir: Path, **overrides: Any) -> Lumo:
    """Lumo on a free port (in-process backend, SQLite under db_dir) with the demo organisation,
    its LINE channel registered with the simulator."""
    from api.app import create_app
    from api.bootstrap import DEMO_CHANNEL_ID, DEMO_EMAIL, seed_demo
    from engine.identity import issue_token
    from engine.storage.models import User

    settings = Settings(database_url=f"sqlite:///{db_dir / 'lumo.db'}",
                        line_api_host=simulator.url, scheduler_tick=0.05,
                        line_backoff_initial=0.05, line_backoff_max=0.2, line_timeout=2.0,
                        line_max_attempts=2, **overrides)
    app = create_app(settings)
    server = ThreadServer(app)
    settings.public_url = server.url
    server.start()
    creds = seed_demo(app.state.db, password=PASSWORD)
    with app.state.db.session() as session:
        user = session.scalar(select(User).where(User.email == DEMO_EMAIL))
        token = issue_token(session, user, name="e2e")
    simulator.clear_faults()  # the simulator is shared by the session: start from a healthy LINE
    simulator.http.post("/_sim/channels", json={
        "channel_id": DEMO_CHANNEL_ID, "channel_secret": creds.channel_secret,
        "access_token": creds.access_token,
        "webhook_url": f"{server.url}/webhooks/line/{DEMO_CHANNEL_ID}"}).raise_for_status()
    api = httpx.Client(base_url=server.url, timeout=30,
                       headers={"Authorization": f"Bearer {token}"})
    return Lumo(url=server.url, app=app, server=server, sim=simulator, email=creds.email,
                password=PASSWORD, account_id=creds.account_id, channel_id=DEMO_CHANNEL_ID,
                api=api)


# -- browser contexts and pages ------------------------------------------------------------------

def new_context(browser: Browser, storage_state: dict[str, Any] | None = None,
                lang: str = "en") -> BrowserContext:
    ctx = browser.new_context(viewport=VIEWPORT, locale="en-US", timezone_id="Asia/Tokyo",
                              storage_state=storage_state)  # type: ignore[arg-type]
    ctx.add_init_script(
        f"try {{ if (!localStorage.getItem('lumo.lang')) localStorage.setItem('lumo.lang', "
        f"'{lang}'); }} catch (e) {{}}")
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx


def sign_in(page: Page, lumo: Lumo) -> None:
    page.goto(f"{lumo.url}/login")
    page.get_by_test_id("login-email").fill(lumo.email)
    page.get_by_test_id("login-password").fill(lumo.password)
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("workflow-table")).to_be_visible()


def sign_in_state(browser: Browser, lumo: Lumo) -> dict[str, Any]:
    """Cookies and local storage of a UI sign-in, reused by every test of a module."""
    ctx = new_context(browser)
    try:
        sign_in(ctx.new_page(), lumo)
        return ctx.storage_state()  # type: ignore[return-value]
    finally:
        ctx.close()


class Console:
    """Console errors and uncaught exceptions of a page."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.allowed: set[int] = set()

    def attach(self, page: Page) -> None:
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))

    def expect_status(self, *statuses: int) -> None:
        """The test provokes these HTTP errors on purpose (the browser logs failed requests)."""
        self.allowed.update(statuses)

    def unexpected(self) -> list[str]:
        out = []
        for line in self.errors:
            m = NETWORK_LINE.search(line)
            if m and int(m.group(1)) in self.allowed:
                continue
            out.append(line)
        return out


def wait_in_canvas(page: Page, node_id: str) -> None:
    """Wait until a node lies wholly inside the visible canvas (not under a panel) and its
    middle is not covered by the minimap or the zoom controls."""
    page.wait_for_function("""id => {
        const el = document.querySelector(`.react-flow__node[data-id="${id}"]`);
        const pane = document.querySelector(".canvas");
        if (!el || !pane) return false;
        const r = el.getBoundingClientRect(), c = pane.getBoundingClientRect();
        const inside = r.left >= c.left && r.right <= c.right && r.top >= c.top
            && r.bottom <= c.bottom;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return inside && !!hit && el.contains(hit);
    }""", arg=node_id)


def fit_view(page: Page, *node_ids: str) -> None:
    """Press the canvas's "fit view" control, as a user would to find nodes that lie outside the
    visible canvas (a click there would land on the palette or the side panel), then wait until
    the given nodes are in view."""
    page.get_by_test_id("canvas").locator(".react-flow__controls-fitview").click()
    for node_id in node_ids:
        wait_in_canvas(page, node_id)


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:6]}"


def screenshot(page: Page, name: str) -> None:
    """docs/screenshots/<name>.png when LUMO_SCREENSHOTS=1 (committed, so not rewritten on
    every run)."""
    if os.environ.get("LUMO_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(400)  # let fitView and fonts settle
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
