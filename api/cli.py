"""The `lumo` command line (public contract: serve, worker, scheduler, chat, eval, simulator;
plus openapi)."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from evals.cli import eval_app

app = typer.Typer(help="Lumo Workflows: marketing automation for LINE Official Accounts.",
                  no_args_is_help=True)


@app.callback()
def _root() -> None:
    """Keeps `lumo` a command group even while it has a single command."""


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    database_url: Annotated[str | None, typer.Option(
        help="Overrides LUMO_DATABASE_URL.")] = None,
    demo: Annotated[bool, typer.Option(
        help="Seed a demo organisation with a simulated LINE account, and start the LINE "
             "simulator when LUMO_LINE_API_HOST points at this machine.")] = False,
) -> None:
    """Run the web service (API, webhooks, web app, in-process workers)."""
    import uvicorn

    from api.app import create_app
    from api.bootstrap import seed_demo
    from api.demo import connect_demo_to_simulator
    from engine.logs import configure_logging
    from engine.settings import get_settings

    if database_url:
        os.environ["LUMO_DATABASE_URL"] = database_url
        get_settings.cache_clear()
    settings = get_settings()
    configure_logging(settings)
    if "LUMO_PUBLIC_URL" not in os.environ:
        settings.public_url = f"http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}"
    application = create_app(settings)
    if demo:
        creds = seed_demo(application.state.db)
        sim = connect_demo_to_simulator(settings, creds)
        typer.echo(f"Demo organisation ready at {settings.public_url}")
        typer.echo(f"  sign in as {creds.email} / password {creds.password}")
        # Generated for this installation (kept in its database), like the password.
        typer.echo(f"  LINE channel {creds.channel_id} / channel secret {creds.channel_secret}")
        typer.echo(f"  LINE simulator: {sim}")
    # Our JSON "request" line (api/request_ids.py) replaces uvicorn's access log.
    uvicorn.run(application, host=host, port=port, log_level=settings.log_level.lower(),
                log_config=None, access_log=False)


def _process_setup(settings: Any, metrics_port: int | None) -> None:
    """Logging and (when a port is given) this process's /metrics."""
    from engine import metrics
    from engine.logs import configure_logging

    configure_logging(settings)
    port = settings.metrics_port if metrics_port is None else metrics_port
    if port:
        metrics.serve_worker_metrics(port)


@app.command()
def migrate(
    database_url: Annotated[str | None, typer.Option(
        help="Overrides LUMO_DATABASE_URL.")] = None,
    revision: Annotated[str, typer.Option(help="Target revision.")] = "head",
) -> None:
    """Apply the database migrations (safe when several processes start together)."""
    from engine.settings import get_settings
    from engine.storage.migrate import current_revision, upgrade

    settings = get_settings()
    url = database_url or settings.database_url
    before = upgrade(url, revision, lock_timeout=settings.migration_lock_timeout)
    after = current_revision(url)
    if before == after:
        typer.echo(f"database already at {after}")
    else:
        typer.echo(f"migrated {before or 'empty database'} → {after}")


@app.command("config")
def config_command(
    markdown: Annotated[bool, typer.Option(
        help="Print the README's table (variable, default, meaning) instead.")] = False,
) -> None:
    """Print every setting: its variable, default, current value (secrets hidden) and meaning."""
    from engine.settings import current_values, get_settings, markdown_table

    if markdown:
        typer.echo(markdown_table(), nl=False)
        return
    rows = current_values(get_settings(), dict(os.environ))
    width = max(len(v.name) for v, _ in rows)
    for v, value in rows:
        typer.echo(f"{v.name.ljust(width)}  {value}")
        plain = v.default.replace("`", "")
        typer.echo(f"{' ' * width}  default {plain}: {v.meaning.replace('`', '')}")


@app.command()
def worker(
    concurrency: Annotated[int, typer.Option(help="Worker threads in this process.")] = 8,
    metrics_port: Annotated[int | None, typer.Option(
        help="Serve this worker's /metrics on this port (overrides LUMO_METRICS_PORT).")] = None,
) -> None:
    """Run a Celery worker (LUMO_BACKEND=celery, LUMO_REDIS_URL, PostgreSQL)."""
    from api.runtime import build_services
    from engine.dispatch.celery_backend import celery_app, configure, set_services_factory
    from engine.settings import get_settings
    from engine.storage.db import Database

    settings = get_settings()
    _process_setup(settings, metrics_port)
    configure(settings)
    set_services_factory(lambda s: build_services(s, Database(s.database_url)))
    # Threads, not prefork: steps mostly wait on LINE and the database.
    celery_app.worker_main(["worker", "--pool", "threads", "--concurrency", str(concurrency),
                            "--queues", "lumo", "--loglevel", "INFO", "--without-gossip",
                            "--without-mingle"])


@app.command()
def scheduler(
    tick: Annotated[float, typer.Option(help="Seconds between claims of due waits.")] = 0.25,
    metrics_port: Annotated[int | None, typer.Option(
        help="Serve the scheduler's /metrics on this port (overrides LUMO_METRICS_PORT).")]
    = None,
) -> None:
    """Run the scheduler: claims due waits and lost work, enqueues them for the workers."""
    from api.runtime import build_services
    from engine.dispatch.celery_backend import run_scheduler, set_services_factory
    from engine.settings import get_settings
    from engine.storage.db import Database

    _process_setup(get_settings(), metrics_port)
    set_services_factory(lambda s: build_services(s, Database(s.database_url)))
    typer.echo("lumo scheduler running")
    run_scheduler(get_settings(), tick=tick)


@app.command()
def chat(
    goal: Annotated[str, typer.Argument(
        help="What the workflow should do (English or Japanese).")],
    org: Annotated[int | None, typer.Option(
        "--org", help="Organisation id (default: the only one in the database).")] = None,
) -> None:
    """Draft a workflow from a goal (one shot) and print it as JSON. Nothing is saved."""
    import json

    from agent.chat import one_shot
    from engine.settings import get_settings
    from engine.storage.migrate import upgrade

    settings = get_settings()
    upgrade(settings.database_url)  # the agent reads the organisation's tags and menus
    typer.echo(json.dumps(one_shot(goal, settings, organisation_id=org),
                          ensure_ascii=False, indent=2, default=str))


@app.command()
def simulator(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8100,
) -> None:
    """Run the LINE simulator: a stand-in for the Messaging API that can also play a friend."""
    from engine.line.simulator import serve as serve_simulator

    serve_simulator(host=host, port=port)


@app.command()
def openapi(
    out: Annotated[str | None, typer.Option(
        "--out", help="Write to this file instead of standard output.")] = None,
) -> None:
    """Print the HTTP API's OpenAPI document (no server is started)."""
    from pathlib import Path

    from api.openapi import openapi_json

    text = openapi_json()
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)


app.add_typer(eval_app, name="eval")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
