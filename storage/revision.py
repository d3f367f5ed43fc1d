"""Developer tool: write a migration from the models.

``python -m storage.revision "message" ID [--branch LABEL] [--head REV]``
"""

from __future__ import annotations

import argparse
import asyncio

from alembic import command
from sqlalchemy import Connection

from storage.db import alembic_config, make_engine, upgrade


async def _write(message: str, rev_id: str, branch: str | None, head: str) -> None:
    engine = make_engine("sqlite+aiosqlite://")
    await upgrade(engine)

    def write(connection: Connection) -> None:
        command.revision(
            alembic_config(connection),
            message=message,
            autogenerate=True,
            rev_id=rev_id,
            branch_label=branch,
            head=head,
            splice=branch is not None,  # a new branch may start from a revision that is no longer a head
        )

    async with engine.begin() as connection:
        await connection.run_sync(write)
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("message")
    parser.add_argument("rev_id")
    parser.add_argument("--branch")
    parser.add_argument("--head", default="head")
    args = parser.parse_args()
    asyncio.run(_write(args.message, args.rev_id, args.branch, args.head))


if __name__ == "__main__":
    main()
