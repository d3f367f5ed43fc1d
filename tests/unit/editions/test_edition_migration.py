"""Migration 0008_editions on a database written before editions: its registrations are adopted by the
edition the bot runs, and a delegation may then register once per edition (not twice for one)."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

from storage.db import alembic_config, make_engine, upgrade

BEFORE_EDITIONS = ("0007_delegation_state", "0007_match_contact")
_REGISTRATION = text(
    "INSERT INTO registration (delegation_id, status, hod_name, hod_designation, hod_is_minister, experts,"
    " reception_experts, breakout_group, contact_email, late, registered_by, confirmed_at, updated_at"
    "{column}) VALUES (1, 'confirmed', 'Jone Usamate', '', 0, '[]', '[]', 'I', 'hod@fiji.example', 0,"
    " 'slack:aide', '2024-04-10 13:00:00', '2024-04-10 13:00:00'{value})"
)


def _before_editions(connection: Connection) -> None:
    config = alembic_config(connection)
    for revision in BEFORE_EDITIONS:
        command.upgrade(config, revision)


async def test_old_registrations_are_adopted_and_one_per_edition_is_kept() -> None:
    engine = make_engine("sqlite+aiosqlite://")
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_before_editions)
            await connection.execute(
                text(
                    "INSERT INTO delegation (id, name, name_key, join_code, created_at)"
                    " VALUES (1, 'Fiji', 'fiji', 'W9WB-GP9N', '2024-04-10 13:00:00')"
                )
            )
            await connection.execute(text(_REGISTRATION.text.format(column="", value="")))
        await upgrade(engine, "global-roundtable-2024")
        async with engine.begin() as connection:
            adopted = (await connection.execute(text("SELECT event_id FROM registration"))).scalars().all()
            assert adopted == ["global-roundtable-2024"]
            next_edition = _REGISTRATION.text.format(column=", event_id", value=", 'second-edition'")
            await connection.execute(text(next_edition))
        with pytest.raises(IntegrityError):
            async with engine.begin() as connection:
                await connection.execute(text(next_edition))
    finally:
        await engine.dispose()
