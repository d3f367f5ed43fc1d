"""A running `serve` picks up an edited event file on `roundtable-bot event reload` (SIGHUP via its pid
file) and tells the follower of the moved session, once, through the fake Slack Web API."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert

from bot.event import BUNDLED_EVENT
from storage.db import make_engine
from storage.models import SessionFollow
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.serve_helpers import SEEDED_AT, Serve, deliveries, run_cli, seeded_environment, wait_until


async def follow(database_url: str, user_key: str, session_id: str) -> None:
    engine = make_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                insert(SessionFollow).values(
                    event_id="global-roundtable-2024",
                    session_id=session_id,
                    user_key=user_key,
                    created_at=SEEDED_AT,
                )
            )
    finally:
        await engine.dispose()


async def test_event_reload_reaches_the_running_server(slack_api: FakeSlack, tmp_path: Path) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    event_file, pid_file = tmp_path / "event.yaml", tmp_path / "serve.pid"
    env = await seeded_environment(
        database, slack_api, 3, ROUNDTABLE_EVENT=str(event_file), ROUNDTABLE_PID_FILE=str(pid_file)
    )
    await follow(database, "slack:U00001", "signature-panel")
    original = BUNDLED_EVENT.read_text(encoding="utf-8")
    event_file.write_text(original, encoding="utf-8")

    server = await Serve(env, tmp_path / "serve.log").start()
    try:
        await wait_until(pid_file.exists, 30, "the pid file")
        moved = original.replace("start: 2024-05-10T11:00:00", "start: 2024-05-10T11:30:00")
        event_file.write_text(moved, encoding="utf-8")
        assert "asked the server" in run_cli(["event", "reload"], env)
        await wait_until(lambda: deliveries(slack_api)["D00001"] == 1, 30, "the change notice")
    finally:
        server.stop()
    assert dict(deliveries(slack_api)) == {"D00001": 1}
    [notice] = slack_api.calls_to("chat.postMessage")
    assert "now starts at 11:30" in str(notice.params.get("text"))
    assert not pid_file.exists()  # removed on a clean stop
