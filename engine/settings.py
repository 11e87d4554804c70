"""One settings object, read from the environment (names are part of the public contract)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

VAR_DIR = Path("var")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LUMO_", extra="ignore")

    database_url: str = Field(default=f"sqlite:///{VAR_DIR / 'lumo.db'}")
    backend: Literal["inprocess", "celery"] = "inprocess"
    redis_url: str = "redis://127.0.0.1:6379/0"
    line_api_host: str = "http://127.0.0.1:8100"
    # Blob endpoints (rich menu images) live on their own host at LINE
    # (https://api-data.line.me); unset means the same host as line_api_host (the simulator).
    line_blob_host: str | None = None
    # A send step replies (free) instead of pushing while the triggering event is younger than
    # this; LINE's reply tokens are single use and expire about a minute after the event.
    line_reply_window: float = 50.0
    bootstrap_token: str | None = None
    # Fernet key for secrets at rest; generated under var/ on first run when unset.
    secret_key: str | None = None
    public_url: str = "http://127.0.0.1:8000"
    max_body_bytes: int = 1_048_576
    # Embedded worker threads and the scheduler's tick.
    workers: int = 4
    # Step outputs of runs finished longer ago than this are cleared (0 keeps them forever).
    step_retention_days: int = 90
    scheduler_tick: float = 0.25
    # Outbound LINE calls: per-request timeout and retry policy (429/5xx/timeouts).
    line_timeout: float = 5.0
    line_max_attempts: int = 6
    line_backoff_initial: float = 0.5
    line_backoff_max: float = 10.0
    # Stored events whose handler fails: attempts before the event is dead-lettered, and the
    # backoff between attempts (doubling from initial, capped).
    event_max_attempts: int = Field(default=5, ge=1, le=100)
    event_backoff_initial: float = Field(default=2.0, ge=0)
    event_backoff_max: float = Field(default=300.0, ge=0)
    # HubSpot / Klaviyo: API bases (tests point them at local doubles) and retry policy.
    hubspot_api_base: str = "https://api.hubapi.com"
    klaviyo_api_base: str = "https://a.klaviyo.com"
    klaviyo_revision: str = "2024-10-15"
    integration_timeout: float = 10.0
    integration_max_attempts: int = 5
    integration_backoff_initial: float = 0.5
    integration_backoff_max: float = 20.0


@lru_cache
def get_settings() -> Settings:
    return Settings()
