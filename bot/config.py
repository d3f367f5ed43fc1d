"""Settings from the environment. A missing or malformed value fails at start with one line naming it."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from bot.errors import ConfigError

ENV_NAMES = {
    "database_url": "DATABASE_URL",
    "event_path": "ROUNDTABLE_EVENT",
    "organisers": "ROUNDTABLE_ORGANISERS",
    "now": "ROUNDTABLE_NOW",
    "lang": "ROUNDTABLE_LANG",
    "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_signing_secret": "SLACK_SIGNING_SECRET",
    "slack_app_token": "SLACK_APP_TOKEN",
    "slack_api_url": "SLACK_API_URL",
    "slack_team_id": "SLACK_TEAM_ID",
    "microsoft_app_id": "MICROSOFT_APP_ID",
    "microsoft_app_password": "MICROSOFT_APP_PASSWORD",
    "microsoft_app_tenant_id": "MICROSOFT_APP_TENANT_ID",
    "microsoft_app_type": "MICROSOFT_APP_TYPE",
    "teams_local": "ROUNDTABLE_TEAMS_LOCAL",
    "teams_channels": "ROUNDTABLE_TEAMS_CHANNELS",
    "host": "HOST",
    "port": "PORT",
    "log_level": "LOG_LEVEL",
    "outbox_concurrency": "ROUNDTABLE_OUTBOX_CONCURRENCY",
    "outbox_lease_seconds": "ROUNDTABLE_OUTBOX_LEASE_SECONDS",
    "answer_lease_seconds": "ROUNDTABLE_ANSWER_LEASE_SECONDS",
    "db_lock_timeout_seconds": "ROUNDTABLE_DB_LOCK_TIMEOUT_SECONDS",
    "pid_file": "ROUNDTABLE_PID_FILE",
    "metrics_token": "ROUNDTABLE_METRICS_TOKEN",
    "public_url": "ROUNDTABLE_PUBLIC_URL",
    "console_secret": "ROUNDTABLE_CONSOLE_SECRET",
    "console_api_token": "ROUNDTABLE_CONSOLE_API_TOKEN",
}


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    database_url: str = "sqlite+aiosqlite:///roundtable.db"
    event_path: Path | None = None
    organisers: frozenset[str] = frozenset()
    now: datetime | None = None
    lang: str | None = None
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_team_id: str | None = None  # the installed workspace; unset: asked of auth.test at start
    microsoft_app_id: str | None = None
    microsoft_app_password: SecretStr | None = None
    microsoft_app_tenant_id: str | None = None
    microsoft_app_type: Literal["MultiTenant", "SingleTenant", "UserAssignedMSI"] = "MultiTenant"
    teams_local: bool = False
    teams_channels: frozenset[str] = frozenset({"msteams"})  # Bot Framework channelIds /api/messages takes
    host: str = "127.0.0.1"
    port: int = Field(default=3978, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    outbox_concurrency: int = Field(default=8, ge=1, le=100)  # proactive sends in flight per platform
    outbox_lease_seconds: float = Field(default=120, ge=1)  # a killed sender's rows are retried after this
    # A claimed message whose process stopped renewing this long is answered by another (or the next) one.
    answer_lease_seconds: float = Field(default=30, ge=0.5)
    # How long a SQLite write waits for another writer: short, so a message that cannot be claimed is
    # refused (and retried by the platform) within Slack's 3 seconds.
    db_lock_timeout_seconds: float = Field(default=2, gt=0, le=60)
    public_url: str | None = None  # where people reach `serve` (https://bot.example.org): file links
    metrics_token: SecretStr | None = None  # when set, /metrics wants "Authorization: Bearer <token>"
    console_secret: SecretStr | None = None  # the web console's cookie key; unset: made and kept in the DB
    console_api_token: SecretStr | None = None  # when set, /organiser/api/ also takes "Bearer <token>"
    pid_file: Path = Path("roundtable-bot.pid")  # written by `serve`; `event reload` signals that process

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///FILE or postgresql+asyncpg://USER:PASS@HOST/DB")
        return value

    @field_validator("organisers", "teams_channels", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("organisers")
    @classmethod
    def _platform_ids(cls, value: frozenset[str]) -> frozenset[str]:
        bad = [v for v in value if not v.startswith(("slack:", "teams:", "console:"))]
        if bad:
            raise ValueError(f"each id must start with slack:, teams: or console: (got {bad[0]!r})")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def outbox_lease(self) -> timedelta:
        return timedelta(seconds=self.outbox_lease_seconds)

    @property
    def answer_lease(self) -> timedelta:
        return timedelta(seconds=self.answer_lease_seconds)

    @property
    def host_is_loopback(self) -> bool:
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return self.host == "localhost"


def load_settings(env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Settings from ``env`` (default ``os.environ``); explicit overrides (CLI flags) win."""
    env = os.environ if env is None else env
    values: dict[str, object] = {
        field: env[name] for field, name in ENV_NAMES.items() if env.get(name, "").strip() != ""
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        raise ConfigError(f"{ENV_NAMES.get(field, field)}: {first['msg']}") from None
