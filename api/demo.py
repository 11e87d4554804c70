"""The demo's LINE side: start the simulator (if it is local and not running) and register the
demo channel with it, so the demo account works end to end without LINE."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlparse

import httpx

from api.bootstrap import DemoCredentials
from engine.settings import Settings

DEMO_FRIENDS = (("U" + "1" * 32, "Aiko"), ("U" + "2" * 32, "Kenji"), ("U" + "3" * 32, "Mia"))


def _up(url: str) -> bool:
    try:
        httpx.get(f"{url}/_sim/stats", timeout=0.5)
        return True
    except httpx.HTTPError:
        return False


def ensure_simulator(settings: Settings) -> str:
    url = settings.line_api_host.rstrip("/")
    parsed = urlparse(url)
    if _up(url) or parsed.hostname not in ("127.0.0.1", "localhost"):
        return url
    from engine.line.simulator import serve

    port = parsed.port or 80
    threading.Thread(target=serve, kwargs={"host": parsed.hostname, "port": port},
                     name="line-simulator", daemon=True).start()
    for _ in range(50):
        if _up(url):
            break
        time.sleep(0.1)
    return url


def connect_demo_to_simulator(settings: Settings, creds: DemoCredentials) -> str:
    """Registers the demo channel with this installation's own secret and token."""
    url = ensure_simulator(settings)
    try:
        httpx.post(f"{url}/_sim/channels", json={
            "channel_id": creds.channel_id, "channel_secret": creds.channel_secret,
            "access_token": creds.access_token,
            "webhook_url": f"{settings.public_url}/webhooks/line/{creds.channel_id}"},
            timeout=2).raise_for_status()
        for user_id, name in DEMO_FRIENDS:
            httpx.post(f"{url}/_sim/friends", json={"user_id": user_id, "display_name": name},
                       timeout=2).raise_for_status()
    except httpx.HTTPError as exc:
        return f"{url} (not reachable: {exc})"
    return url
