"""Lumo embedded against n8n, side by side: the same burst, one load generator, one LINE double.

A friend-add webhook in, one push out. Lumo runs its `friend_add → send_message` workflow
(`lumo serve`, SQLite, in-process workers); n8n runs Webhook → HTTP Request posting the push to
the same LINE API double (`lumo simulator`), which counts the pushes of each on a channel of
its own. Prints runs/s (first webhook sent → last push received), webhook→push p50/p99 for
each, and the ratio Lumo / n8n.

Usage: python bench/vs_n8n.py [--runs 2000] [--rate 0 (burst) | 200 (steady runs/s)]
       [--with-n8n] [--n8n-dir /tmp/lumo-bench-n8n] [--n8n-version 1.123.0]
--with-n8n installs n8n from npm into --n8n-dir (outside the repo) when it is not there yet;
without it only Lumo is measured unless --n8n-dir already holds an installed n8n.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from _common import cpu_seconds, machine, pct
from cryptography.fernet import Fernet
from end_to_end import fire, spawn

from tests.support.servers import LumoProcess, free_port, wait_http

SECRET = "vs-n8n-bench-secret-0123456789abcdef"
N8N_DIR = Path(tempfile.gettempdir()) / "lumo-bench-n8n"


# -- n8n ----------------------------------------------------------------------------------------

def n8n_bin(folder: Path) -> Path:
    return folder / "node_modules" / ".bin" / "n8n"


def install_n8n(folder: Path, version: str) -> None:
    """npm install n8n into a scratch folder. Its `xlsx` dependency points at a CDN tarball;
    npm overrides pin the registry's 0.18.5 instead."""
    if n8n_bin(folder).exists():
        return
    if shutil.which("npm") is None:
        raise SystemExit("--with-n8n needs node and npm on PATH")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text(json.dumps({
        "name": "lumo-bench-n8n", "private": True,
        "dependencies": {"n8n": version}, "overrides": {"xlsx": "0.18.5"}}, indent=2))
    print(f"installing n8n {version} into {folder} (a few minutes) …", flush=True)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=folder, check=True)


def n8n_workflow(wid: str, path: str, sim_url: str, token: str) -> dict[str, Any]:
    push_body = ('={{ JSON.stringify({to: $json.body.events[0].source.userId, '
                 'messages: [{type: "text", text: "welcome"}]}) }}')
    return {
        "id": wid, "name": "welcome (bench)", "active": False, "versionId": str(uuid.uuid4()),
        "settings": {"executionOrder": "v1"}, "connections": {
            "Webhook": {"main": [[{"node": "Push", "type": "main", "index": 0}]]}},
        "nodes": [
            {"id": str(uuid.uuid4()), "name": "Webhook", "type": "n8n-nodes-base.webhook",
             "typeVersion": 2, "position": [0, 0], "webhookId": str(uuid.uuid4()),
             "parameters": {"httpMethod": "POST", "path": path,
                            "responseMode": "onReceived", "options": {}}},
            {"id": str(uuid.uuid4()), "name": "Push", "type": "n8n-nodes-base.httpRequest",
             "typeVersion": 4.2, "position": [220, 0], "parameters": {
                 "method": "POST", "url": f"{sim_url}/v2/bot/message/push",
                 "sendHeaders": True, "headerParameters": {"parameters": [
                     {"name": "Authorization", "value": f"Bearer {token}"}]},
                 "sendBody": True, "contentType": "raw", "rawContentType": "application/json",
                 "body": push_body, "options": {}}}]}


def activate_in_db(db: Path, wid: str) -> None:
    """A workflow imported into a fresh n8n is inactive; newer n8n also reads the active
    version through workflow_history (activeVersionId). Mark both, before n8n starts."""
    with sqlite3.connect(db) as conn:
        cols = {r[1] for r in conn.execute("PRAGMA table_info(workflow_entity)")}
        (version,) = conn.execute("SELECT versionId FROM workflow_entity WHERE id = ?",
                                  (wid,)).fetchone()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "workflow_history" in tables and not conn.execute(
                "SELECT 1 FROM workflow_history WHERE versionId = ?", (version,)).fetchone():
            nodes, connections = conn.execute(
                "SELECT nodes, connections FROM workflow_entity WHERE id = ?", (wid,)).fetchone()
            hcols = {r[1] for r in conn.execute("PRAGMA table_info(workflow_history)")}
            row = {"versionId": version, "workflowId": wid, "nodes": nodes,
                   "connections": connections, "authors": "bench",
                   "createdAt": time.strftime("%Y-%m-%d %H:%M:%S"),
                   "updatedAt": time.strftime("%Y-%m-%d %H:%M:%S")}
            row = {k: v for k, v in row.items() if k in hcols}
            conn.execute(f"INSERT INTO workflow_history ({', '.join(row)}) VALUES "
                         f"({', '.join('?' for _ in row)})", list(row.values()))
        sets = "active = 1" + (", activeVersionId = versionId" if "activeVersionId" in cols
                               else "")
        conn.execute(f"UPDATE workflow_entity SET {sets} WHERE id = ?", (wid,))


class N8n:
    def __init__(self, folder: Path, tmp: Path, sim_url: str, token: str) -> None:
        self.folder, self.tmp = folder, tmp
        self.port = free_port()
        self.path = "line-" + uuid.uuid4().hex[:8]
        self.home = tmp / "n8n-home"
        self.env = {**os.environ, "N8N_USER_FOLDER": str(self.home), "N8N_PORT": str(self.port),
                    "N8N_LISTEN_ADDRESS": "127.0.0.1", "N8N_DIAGNOSTICS_ENABLED": "false",
                    "N8N_VERSION_NOTIFICATIONS_ENABLED": "false",
                    "N8N_TEMPLATES_ENABLED": "false", "N8N_PERSONALIZATION_ENABLED": "false",
                    "N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS": "false",
                    "N8N_RUNNERS_ENABLED": "false", "DB_TYPE": "sqlite",
                    "N8N_LOG_LEVEL": "warn", "NODE_ENV": "production"}
        self.wf = n8n_workflow("benchWelcome0001", self.path, sim_url, token)
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def webhook_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook/{self.path}"

    def start(self) -> None:
        wf_file = self.tmp / "n8n-workflow.json"
        wf_file.write_text(json.dumps([self.wf]))
        log = (self.tmp / "n8n.log").open("ab")
        subprocess.run([str(n8n_bin(self.folder)), "import:workflow", f"--input={wf_file}"],
                       env=self.env, check=True, stdout=log, stderr=subprocess.STDOUT)
        activate_in_db(self.home / ".n8n" / "database.sqlite", self.wf["id"])
        self.proc = subprocess.Popen([str(n8n_bin(self.folder)), "start"], env=self.env,
                                     stdout=log, stderr=subprocess.STDOUT)
        wait_http(f"http://127.0.0.1:{self.port}/healthz", timeout=180)
        deadline = time.time() + 120
        while True:  # the webhook is registered once the workflow is activated
            r = httpx.post(self.webhook_url, json={"destination": "warmup", "events": [
                {"type": "follow", "source": {"type": "user", "userId": "U" + "0" * 32}}]})
            if r.status_code == 200:
                return
            if time.time() > deadline:
                raise TimeoutError(f"n8n webhook not active: {r.status_code} {r.text[:200]}")
            time.sleep(1)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# -- Lumo ---------------------------------------------------------------------------------------

class Lumo:
    def __init__(self, tmp: Path, sim_url: str, channel: str, token: str) -> None:
        self.boot = "lumo_bench_" + uuid.uuid4().hex
        env = {**os.environ, "LUMO_SECRET_KEY": Fernet.generate_key().decode(),
               "LUMO_BOOTSTRAP_TOKEN": self.boot, "LUMO_LINE_API_HOST": sim_url,
               "LUMO_TEST_LOG": str(tmp / "lumo.log")}
        self.api = LumoProcess(f"sqlite:///{tmp}/lumo.db", env)
        self.channel, self.token = channel, token

    @property
    def webhook_url(self) -> str:
        return f"{self.api.url}/webhooks/line/{self.channel}"

    def start(self) -> None:
        self.api.start()
        http = httpx.Client(base_url=self.api.url, timeout=30,
                            headers={"Authorization": f"Bearer {self.boot}"})
        acc = http.post("/api/accounts", json={
            "name": "bench", "channel_id": self.channel, "channel_secret": SECRET,
            "access_token": self.token}).json()
        wid = http.post("/api/workflows", json={"name": "welcome"}).json()["id"]
        http.put(f"/api/workflows/{wid}", headers={"If-Match": "1"}, json={"definition": {
            "nodes": [{"id": "start", "type": "start", "config": {"account_ids": [acc["id"]]}},
                      {"id": "t", "type": "trigger.friend_add", "config": {}},
                      {"id": "m", "type": "action.send_message", "config": {
                          "messages": [{"type": "text", "text": "welcome"}]}}],
            "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "m"}]}}
        ).raise_for_status()
        http.post(f"/api/workflows/{wid}/activate", headers={"If-Match": "2"}).raise_for_status()
        time.sleep(2.5)  # the workers' trigger index refresh

    def stop(self) -> None:
        self.api.stop()

    @property
    def pid(self) -> int | None:
        return self.api.proc.pid if self.api.proc else None


# -- measuring ----------------------------------------------------------------------------------

def measure(name: str, url: str, channel: str, sim_url: str, runs: int, rate: float,
            pid: int | None) -> dict[str, float]:
    users = ["U" + uuid.uuid4().hex for _ in range(runs)]
    cpu0 = cpu_seconds(pid) if pid else 0.0
    t0 = time.time()
    sent = asyncio.run(fire(url, users, rate, SECRET))
    fired = time.time() - t0
    wanted = set(users)
    deadline = time.time() + max(180, runs / 10)
    received: dict[str, float] = {}
    while time.time() < deadline and len(received) < runs:
        msgs = httpx.get(f"{sim_url}/_sim/messages", params={"channel_id": channel},
                         timeout=60).json()["messages"]
        received = {m["to"]: m["received_at"] for m in msgs if m["to"] in wanted}
        time.sleep(0.5)
    cpu = (cpu_seconds(pid) - cpu0) * 1000 / max(len(received), 1) if pid else float("nan")
    lat = [(received[u] - sent[u]) * 1000 for u in users if u in received]
    span = max(received.values()) - min(sent.values()) if received else float("nan")
    out = {"done": len(received), "runs_s": len(received) / span, "p50": pct(lat, 50),
           "p99": pct(lat, 99), "cpu": cpu}
    print(f"{name}: {len(received)}/{runs} pushes; webhooks sent in {fired:.1f}s; "
          f"{out['runs_s']:.0f} runs/s; webhook→push p50 {out['p50']:.0f} ms, "
          f"p99 {out['p99']:.0f} ms; server CPU {cpu:.1f} ms/run", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--rate", type=float, default=0.0, help="steady runs/s; 0 = one burst")
    ap.add_argument("--with-n8n", action="store_true", help="install n8n if missing")
    ap.add_argument("--n8n-dir", type=Path, default=N8N_DIR)
    ap.add_argument("--n8n-version", default="1.123.0")
    ap.add_argument("--skip-lumo", action="store_true")
    args = ap.parse_args()
    if args.with_n8n:
        install_n8n(args.n8n_dir, args.n8n_version)
    use_n8n = n8n_bin(args.n8n_dir).exists()
    tmp = Path(tempfile.mkdtemp(prefix="lumo-vs-n8n-"))
    print(f"machine: {machine()}; {'burst' if not args.rate else f'{args.rate:g} runs/s'} "
          f"of {args.runs}")
    sim_port = free_port()
    sim_url = f"http://127.0.0.1:{sim_port}"
    sim = spawn(["simulator", "--port", str(sim_port)], dict(os.environ), tmp / "sim.log")
    wait_http(f"{sim_url}/_sim/stats")
    results: dict[str, dict[str, float]] = {}

    def channel() -> tuple[str, str]:
        ch, tok = str(uuid.uuid4().int)[:10], "tok-" + uuid.uuid4().hex
        httpx.post(f"{sim_url}/_sim/channels", json={
            "channel_id": ch, "channel_secret": SECRET, "access_token": tok,
            "webhook_url": "http://127.0.0.1:9/unused"}
        ).raise_for_status()
        return ch, tok

    try:
        if not args.skip_lumo:
            ch, tok = channel()
            lumo = Lumo(tmp, sim_url, ch, tok)
            lumo.start()
            try:
                results["lumo"] = measure("Lumo embedded", lumo.webhook_url, ch, sim_url,
                                          args.runs, args.rate, lumo.pid)
            finally:
                lumo.stop()
        if use_n8n:
            ch, tok = channel()
            n8n = N8n(args.n8n_dir, tmp, sim_url, tok)
            n8n.start()
            try:
                results["n8n"] = measure("n8n", n8n.webhook_url, ch, sim_url, args.runs,
                                         args.rate, n8n.proc.pid if n8n.proc else None)
            finally:
                n8n.stop()
        else:
            print("n8n: not installed (pass --with-n8n to install it)")
    finally:
        sim.terminate()
    if "lumo" in results and "n8n" in results:
        a, b = results["lumo"], results["n8n"]
        print(f"ratio Lumo / n8n: {a['runs_s'] / b['runs_s']:.1f}× runs/s; "
              f"p99 {a['p99']:.0f} ms vs {b['p99']:.0f} ms")


if __name__ == "__main__":
    main()
