"""The `lumo` command line (public contract: serve, worker, scheduler, chat, eval, simulator)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

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
        help="Seed a demo organisation with a simulated LINE account.")] = False,
) -> None:
    """Run the web service (API, webhooks, web app)."""
    import uvicorn

    from api.app import create_app
    from api.bootstrap import seed_demo
    from engine.settings import get_settings

    if database_url:
        os.environ["LUMO_DATABASE_URL"] = database_url
        get_settings.cache_clear()
    settings = get_settings()
    application = create_app(settings)
    if demo:
        creds = seed_demo(application.state.db)
        typer.echo(f"Demo organisation ready at http://{host}:{port}")
        typer.echo(f"  sign in as {creds.email} / password {creds.password}")
    uvicorn.run(application, host=host, port=port, log_level="info")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
