"""One settings object, read from the environment (names are part of the public contract).

Every setting carries its meaning (`description`): `lumo config` prints them with their
defaults and current values, and the README's configuration table is generated from them
(`lumo config --markdown`; a test keeps the two equal). Variables read outside this object (the
agent's provider, Prometheus' multiprocess directory) are listed in `OTHER_VARIABLES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

VAR_DIR = Path("var")
ENV_PREFIX = "LUMO_"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    database_url: str = Field(default=f"sqlite:///{VAR_DIR / 'lumo.db'}",
                              description="SQLite (embedded) or `postgresql://…`")
    backend: Literal["inprocess", "celery"] = Field(
        default="inprocess", description="`inprocess` (worker threads in the server) or "
                                         "`celery` (`lumo worker`, `lumo scheduler`)")
    redis_url: str = Field(default="redis://127.0.0.1:6379/0",
                           description="Celery broker (checked by `/readyz` under Celery)")
    line_api_host: str = Field(default="http://127.0.0.1:8100",
                               description="Messaging API host (the simulator by default)")
    bootstrap_token: str | None = Field(
        default=None, json_schema_extra={"secret": True},
        description="on first start, creates the admin user with this API token")
    secret_key: str | None = Field(
        default=None, json_schema_extra={"secret": True, "default_text":
                                         "generated in `var/secret.key`"},
        description="Fernet key encrypting channel secrets and tokens at rest")
    public_url: str = Field(default="http://127.0.0.1:8000",
                            description="base URL used for webhook and QR links")
    max_body_bytes: int = Field(default=1_048_576,
                                description="largest request body accepted (413 beyond)")
    workers: int = Field(default=4, description="embedded worker threads (`inprocess` backend)")
    worker_processes: int = Field(
        default=0, ge=0, description="`inprocess` backend: 0 runs the worker threads in "
                                     "`lumo serve`; N runs them (`LUMO_WORKERS` each) and "
                                     "the scheduler in N child processes, each its own GIL, "
                                     "fed stored webhook events over a pipe")
    step_retention_days: int = Field(
        default=90, description="step outputs of runs finished longer ago are cleared "
                                "(0 keeps them forever)")
    scheduler_tick: float = Field(default=0.25,
                                  description="seconds between the scheduler's claims of due "
                                              "waits")
    line_timeout: float = Field(default=5.0, description="seconds per outbound LINE request")
    line_max_attempts: int = Field(default=6,
                                   description="attempts of a LINE call on 429/5xx/timeouts")
    line_backoff_initial: float = Field(default=0.5,
                                        description="first LINE retry delay, seconds")
    line_backoff_max: float = Field(default=10.0, description="longest LINE retry delay, "
                                                              "seconds (Retry-After is honoured)")
    hubspot_api_base: str = Field(default="https://api.hubapi.com",
                                  description="HubSpot API base (tests point it at a double)")
    klaviyo_api_base: str = Field(default="https://a.klaviyo.com",
                                  description="Klaviyo API base (tests point it at a double)")
    klaviyo_revision: str = Field(default="2024-10-15",
                                  description="Klaviyo API revision header")
    integration_timeout: float = Field(default=10.0,
                                       description="seconds per HubSpot / Klaviyo request")
    integration_max_attempts: int = Field(default=5,
                                          description="attempts of a HubSpot / Klaviyo call")
    integration_backoff_initial: float = Field(
        default=0.5, description="first HubSpot / Klaviyo retry delay, seconds")
    integration_backoff_max: float = Field(
        default=20.0, description="longest HubSpot / Klaviyo retry delay, seconds")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="least severe log level written")
    log_format: Literal["json", "console"] = Field(
        default="json", description="`json` (one object a line, for collectors) or "
                                    "`console` (for people)")
    metrics_port: int = Field(default=0,
                              description="`lumo worker` / `lumo scheduler` serve `/metrics` "
                                          "on this port (0: off)")
    migrate_on_start: bool = Field(
        default=True, description="`lumo serve` applies migrations at start (under a lock); "
                                  "`false` leaves it to `lumo migrate`")
    migration_lock_timeout: float = Field(
        default=300.0, description="seconds a process waits for another's migration")
    line_blob_host: str | None = Field(
        default=None, description="Blob host for rich menu images (LINE: https://api-data.line.me);"
                                  " unset: the Messaging API host")
    line_reply_window: float = Field(
        default=50.0, description="Seconds after the event a send step replies (free) instead "
                                  "of pushing")
    event_max_attempts: int = Field(default=5, ge=1, le=100,
                                    description="Attempts before a failing event is dead-lettered")
    event_backoff_initial: float = Field(default=2.0, ge=0,
                                         description="First wait before retrying a failed event")
    event_backoff_max: float = Field(default=300.0, ge=0,
                                     description="Longest wait between a failed event's attempts")


@lru_cache
def get_settings() -> Settings:
    return Settings()


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    meaning: str
    secret: bool = False
    field: str | None = None  # the Settings attribute, for the current value


# Read by other modules (engine may not import agent/, so they are declared here).
OTHER_VARIABLES = (
    Variable("OPENAI_API_KEY", "—", "set it to use an OpenAI-compatible model for the agents",
             secret=True),
    Variable("OPENAI_BASE_URL", "OpenAI", "the model server's base URL including `/v1`"),
    Variable("LUMO_MODEL", "`gpt-4o-mini`", "the model name the server knows"),
    Variable("LUMO_AGENT_PROVIDER", "`openai` if a key is set, else `offline`",
             "`offline` or `openai`, to choose explicitly"),
    Variable("LUMO_AGENT_TIMEOUT", "`60`", "seconds per model request"),
    Variable("LUMO_AGENT_MAX_RETRIES", "`1`", "retries of a failed model request"),
    Variable("LUMO_PROMPTS_DIR", "`prompts/`", "where the versioned prompt texts are read"),
    Variable("LUMO_CLOCK_OFFSET_SECONDS", "`0`", "shifts the engine's clock (tests, demos)"),
    Variable("PROMETHEUS_MULTIPROC_DIR", "—", "shared empty directory: metrics of every "
                                               "process are merged (multiprocess mode)"),
)


def _default_text(name: str, info: Any) -> str:
    extra = info.json_schema_extra or {}
    if isinstance(extra, dict) and extra.get("default_text"):
        return str(extra["default_text"])
    if info.default is None:
        return "—"
    value = info.default
    if isinstance(value, bool):
        value = str(value).lower()
    return f"`{value}`"


def variables() -> list[Variable]:
    """Every setting: the Settings fields, then the variables read elsewhere."""
    out = []
    for name, info in Settings.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        out.append(Variable(ENV_PREFIX + name.upper(), _default_text(name, info),
                            info.description or "", secret=bool(extra.get("secret")),
                            field=name))
    return out + list(OTHER_VARIABLES)


def markdown_table() -> str:
    """The README's configuration table."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    rows += [f"| `{v.name}` | {v.default} | {v.meaning} |" for v in variables()]
    return "\n".join(rows) + "\n"


def current_values(settings: Settings, environ: dict[str, str]) -> list[tuple[Variable, str]]:
    """Each variable with its value in this environment; secrets only say whether they are set."""
    out = []
    for v in variables():
        value: Any = getattr(settings, v.field) if v.field else environ.get(v.name)
        if v.secret:
            shown = "(set)" if value else "(not set)"
        elif value is None or value == "":
            shown = "(not set)"
        else:
            shown = str(value).lower() if isinstance(value, bool) else str(value)
            shown = re.sub(r"(://[^:/@]+:)[^@]+@", r"\1***@", shown)  # a password in a URL
        out.append((v, shown))
    return out
