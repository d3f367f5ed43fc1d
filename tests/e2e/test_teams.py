"""Teams end to end, local mode: the real server (build_app) ↔ the real CloudAdapter ↔ a fake Bot Connector.

Every test runs under a guard that refuses any name lookup beyond loopback, so a token request to
login.microsoftonline.com or a key fetch from login.botframework.com would fail the test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from bot.context import Context, DeliveryStatus
from bot.event import Event
from bot.messages import Button, Card, InboundMessage, Input, Notice, Reply, UserRef
from bot.router import Router
from handlers.shared.kinds import CampaignKind
from service.routes import build_router
from service.sender import OutboxSender
from storage.outbox import NewRecipient
from tests.conftest import MutableClock
from tests.e2e.fake_connector import TeamsRig, loopback_only, teams_server


async def _probe_action(msg: InboundMessage, ctx: Context) -> Reply:
    assert msg.action is not None
    inputs = ",".join(f"{k}={v}" for k, v in sorted(msg.action.inputs.items()))
    return Reply(f"routed {msg.action.id} value={msg.action.value} inputs={inputs}")


async def _probe_card(msg: InboundMessage, ctx: Context) -> Reply:
    card = Card(
        title="Pitch slots <b>*bold*</b>",
        sections=("Pick one.",),
        fields=(("Slot 4", "13:20"),),
        buttons=(Button("Claim slot 4", "probe.claim", "4", style="primary"),),
        inputs=(Input("org", "Organisation"),),
        submit=Button("Send", "probe.submit"),
    )
    return Reply("Here are the slots", card=card)


def _router_with_probes() -> Router:
    router = build_router()
    router.action("probe.", _probe_action)
    router.command(["probe card"], _probe_card)
    return router


@pytest.fixture
def network_guard() -> Iterator[list[str]]:
    with loopback_only() as refused:
        yield refused
    assert refused == [], f"a test tried to reach {refused}"


@pytest.fixture
async def teams(event: Event, clock: MutableClock, network_guard: list[str]) -> AsyncIterator[TeamsRig]:
    async with teams_server(event, clock, router_factory=_router_with_probes) as rig:
        yield rig


async def test_question_in_personal_chat_gets_one_reply(teams: TeamsRig) -> None:
    response = await teams.post(teams.activity(text="help"))
    assert response.status == 200
    assert len(teams.connector.posted) == 1
    posted = teams.connector.posted[0]
    assert posted.conversation_id == "a:personal-alice"
    assert "cyberoewgchair@gmail.com" in posted.text
    assert posted.authorization is None  # local mode: no token was acquired or sent


async def test_channel_mention_is_stripped_and_answered_in_the_thread(teams: TeamsRig) -> None:
    mention = {"type": "mention", "text": "<at>Roundtable</at>", "mentioned": {"id": "28:roundtable-bot"}}
    body = teams.activity(
        text="<at>Roundtable</at> help",
        conversation="19:general@thread.tacv2;messageid=1",
        conversation_type="channel",
        entities=[mention],
    )
    response = await teams.post(body)
    assert response.status == 200
    [posted] = teams.connector.posted
    assert posted.reply_to_id == body["id"]  # POST /v3/conversations/{id}/activities/{replyToId}
    assert "cyberoewgchair@gmail.com" in posted.text  # "help" was recognised once the mention was gone


async def test_welcome_when_the_bot_is_added_and_nothing_for_other_members(teams: TeamsRig) -> None:
    added = teams.activity(
        kind="conversationUpdate", membersAdded=[{"id": "28:roundtable-bot"}], locale="fr-FR"
    )
    someone_else = teams.activity(kind="conversationUpdate", membersAdded=[{"id": "29:bob"}])
    assert (await teams.post(added)).status == 200
    assert (await teams.post(someone_else)).status == 200
    [welcome] = teams.connector.posted
    assert "assistant de la Table ronde mondiale" in welcome.text
    assert welcome.activity["textFormat"] == "plain"


async def test_card_reply_then_submit_is_routed_as_an_action(teams: TeamsRig) -> None:
    await teams.post(teams.activity(text="probe card"))
    [posted] = teams.connector.posted
    card = posted.card
    assert card is not None and card["version"] == "1.5"
    claim, send = card["actions"]
    # Send the button's own data back, as Teams does for Action.Submit, plus the form input.
    await teams.post(teams.activity(value=claim["data"]))
    await teams.post(teams.activity(value={**send["data"], "org": "Kenya"}))
    texts = [p.text for p in teams.connector.posted[1:]]
    assert texts == ["routed probe.claim value=4 inputs=", "routed probe.submit value= inputs=org=Kenya"]


async def test_action_execute_is_routed_and_gets_an_invoke_response(teams: TeamsRig) -> None:
    value = {"action": {"type": "Action.Execute", "verb": "probe.claim", "data": {"rt_value": "7"}}}
    body = teams.activity(kind="invoke", name="adaptiveCard/action", value=value)
    async with teams.http.post(f"{teams.url}/api/messages", json=body) as response:
        invoke = await response.json()
    assert response.status == 200 and invoke["statusCode"] == 200
    assert [p.text for p in teams.connector.posted] == ["routed probe.claim value=7 inputs="]


async def test_a_retried_activity_is_answered_once(teams: TeamsRig) -> None:
    body = teams.activity(text="help")
    await teams.post(body)
    await teams.post(body)
    assert len(teams.connector.posted) == 1


@pytest.mark.parametrize(
    ("payload", "content_type", "status"),
    [
        (b"{not json", "application/json", 400),
        (b'["a list"]', "application/json", 400),
        (b'{"type": "message"}', "text/plain", 415),
    ],
)
async def test_malformed_requests_get_a_client_error(
    teams: TeamsRig, payload: bytes, content_type: str, status: int
) -> None:
    headers = {"Content-Type": content_type}
    async with teams.http.post(f"{teams.url}/api/messages", data=payload, headers=headers) as response:
        text = await response.text()
    assert response.status == status and "Traceback" not in text
    assert teams.connector.posted == []


async def test_hostile_text_gets_a_polite_plain_reply(teams: TeamsRig) -> None:
    for text in ["x" * 5000, "🎉🎉 **bold** <script>alert(1)</script>", "'; DROP TABLE member; --"]:
        assert (await teams.post(teams.activity(text=text))).status == 200
    assert len(teams.connector.posted) == 3
    assert all(p.activity["textFormat"] == "plain" and p.text for p in teams.connector.posted)


async def test_typing_and_unknown_activities_are_acknowledged_silently(teams: TeamsRig) -> None:
    assert (await teams.post(teams.activity(kind="typing"))).status == 200
    assert (await teams.post(teams.activity(kind="messageReaction"))).status == 200
    assert teams.connector.posted == []


def _notice(text: str = "Reminder: registration closes on 19 April.") -> Notice:
    return Notice(UserRef("teams", "29:alice"), Reply(text))


async def test_proactive_send_uses_the_stored_reference(teams: TeamsRig) -> None:
    await teams.post(teams.activity(text="help"))
    result = await teams.bot.notifier.send(_notice())
    assert result.status is DeliveryStatus.SENT
    proactive = teams.connector.posted[-1]
    assert proactive.conversation_id == "a:personal-alice"
    assert proactive.text.startswith("Reminder")


async def test_a_channel_never_displaces_the_personal_chat_for_notices(teams: TeamsRig) -> None:
    await teams.post(teams.activity(text="help"))
    await teams.post(
        teams.activity(text="help", conversation="19:general@thread", conversation_type="channel")
    )
    await teams.bot.notifier.send(_notice())
    assert teams.connector.posted[-1].conversation_id == "a:personal-alice"


async def test_429_waits_retry_after_then_delivers_once(teams: TeamsRig) -> None:
    await teams.post(teams.activity(text="help"))
    teams.connector.answer_next(429, **{"Retry-After": "2"})
    result = await teams.bot.notifier.send(_notice())
    assert result.status is DeliveryStatus.SENT
    assert teams.slept == [2.0]
    assert [p.text for p in teams.connector.posted].count(_notice().reply.text) == 1


async def test_429_every_time_gives_back_retry_with_retry_after(teams: TeamsRig) -> None:
    await teams.post(teams.activity(text="help"))
    for _ in range(3):
        teams.connector.answer_next(429, **{"Retry-After": "5"})
    result = await teams.bot.notifier.send(_notice())
    assert (result.status, result.retry_after) == (DeliveryStatus.RETRY, 5.0)
    assert teams.slept == [5.0, 5.0]


async def _through_the_outbox(teams: TeamsRig, name: str) -> str:
    """One broadcast row for alice, drained by the sender as reminders and broadcasts are; its status."""
    bot, now = teams.bot, teams.bot.clock()
    async with bot.uow() as uow:
        kind = CampaignKind.BROADCAST
        campaign_id = await uow.outbox.create_campaign(
            f"broadcast:{name}", kind, "everyone", now, now, "test", text="Hi", expanded=True
        )
        assert campaign_id is not None
        await uow.outbox.add_recipients(campaign_id, [NewRecipient("teams:29:alice", "teams", now, {})])
        await uow.commit()
    await OutboxSender(bot.uow, bot.notifier, ["teams"], lambda: bot.event, bot.clock).drain()
    async with bot.uow() as uow:
        [row] = await uow.outbox.items(campaign_id)
        return row.status


@pytest.mark.parametrize("status", [403, 404])
async def test_blocked_or_gone_is_recorded_unreachable_and_not_retried(teams: TeamsRig, status: int) -> None:
    await teams.post(teams.activity(text="help"))
    attempts_before = teams.connector.attempts
    teams.connector.answer_next(status)
    assert await _through_the_outbox(teams, "first") == "unreachable"
    assert await _through_the_outbox(teams, "second") == "unreachable"  # the marked reference is not tried
    assert teams.connector.attempts == attempts_before + 1 and teams.slept == []
    async with teams.bot.uow() as uow:
        row = await uow.conversations.get("teams:29:alice")
        assert row is not None and row.unreachable_at is not None


async def test_a_user_who_writes_again_is_reachable_again(teams: TeamsRig) -> None:
    await teams.post(teams.activity(text="help"))
    teams.connector.answer_next(403)
    assert await _through_the_outbox(teams, "blocked") == "unreachable"
    await teams.post(teams.activity(text="help"))
    assert await _through_the_outbox(teams, "back") == "sent"


async def test_no_reference_means_unreachable(teams: TeamsRig) -> None:
    result = await teams.bot.notifier.send(_notice())
    assert result.status is DeliveryStatus.UNREACHABLE and teams.connector.attempts == 0


async def test_the_faq_answers_the_question_asked(teams: TeamsRig) -> None:
    await teams.post(teams.activity(text="when is the welcome reception?"))
    [posted] = teams.connector.posted
    assert "6:30" in posted.text


async def test_a_refused_reply_turns_into_an_apology_not_a_crash(teams: TeamsRig) -> None:
    teams.connector.answer_next(400)  # the connector rejects the answer itself
    response = await teams.post(teams.activity(text="help", locale="es-ES"))
    assert response.status == 200
    [apology] = teams.connector.posted
    assert apology.text.startswith("Lo siento") and "cyberoewgchair@gmail.com" in apology.text


async def test_a_connector_that_refuses_everything_gets_a_502_and_no_traceback(teams: TeamsRig) -> None:
    teams.connector.answer_next(400)
    teams.connector.answer_next(400)  # the apology is refused too
    async with teams.http.post(f"{teams.url}/api/messages", json=teams.activity(text="help")) as response:
        text = await response.text()
    assert response.status == 502 and "Traceback" not in text
