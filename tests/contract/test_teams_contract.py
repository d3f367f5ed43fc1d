"""Recorded Teams activities → InboundMessage, and Reply → Adaptive Card JSON of the 1.5 shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botbuilder.schema import ConversationReference

from adapters.teams.parse import bot_was_added, conversation_reference, parse_activity
from adapters.teams.render import MAX_CARD_BYTES, MAX_TEXT_CHARS, adaptive_card, render_reply, split_text
from bot.messages import Button, Card, Choice, Input, Reply
from tests.conftest import EVENT_DAY_MORNING

FIXTURES = Path(__file__).parent / "fixtures" / "teams"
KENYA = "29:1Xk3Vq-delegate-kenya"

# fixture → (text, user id, conversation id, action (id, value, inputs) or None, locale, tz); None = ignored
EXPECTED: dict[str, tuple[str, str, str, tuple[str, str, dict[str, str]] | None, str, str | None] | None] = {
    "payload_message_personal.json": (
        "When is the welcome reception?",
        KENYA,
        "a:1personal-chat-amina",
        None,
        "en-US",
        "America/New_York",
    ),
    "payload_message_channel_mention.json": (
        "where is the reception?",
        "29:1Yz-delegate-chile",
        "19:general-roundtable@thread.tacv2;messageid=1715268000000",
        None,
        "es-CL",
        "America/Santiago",
    ),
    "payload_message_group_mention.json": (
        "what's next? cc Lena Fischer",
        "29:1Ab-delegate-germany",
        "19:meeting-group@thread.v2",
        None,
        "de-DE",
        None,
    ),
    "payload_card_submit.json": (
        "",
        KENYA,
        "a:1personal-chat-amina",
        ("registration.submit", "", {"delegation": "Kenya", "seats": "2"}),
        "en-US",
        None,
    ),
    "payload_card_execute.json": (
        "",
        KENYA,
        "a:1personal-chat-amina",
        ("pitch.claim", "4", {}),
        "en-US",
        None,
    ),
    "payload_conversation_update_bot_added.json": None,
    "payload_typing.json": None,
    "payload_message_reaction.json": None,
}


def _load(name: str) -> dict[str, Any]:
    return dict(json.loads((FIXTURES / name).read_text(encoding="utf-8")))


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_recorded_activity_parses_to_the_neutral_message(name: str) -> None:
    msg = parse_activity(_load(name), EVENT_DAY_MORNING)
    expected = EXPECTED[name]
    if expected is None:
        assert msg is None
        return
    text, user_id, conversation_id, action, locale, tz = expected
    assert msg is not None
    assert (msg.text, msg.user.user_id, msg.conversation.conversation_id) == (text, user_id, conversation_id)
    assert (msg.user.platform, msg.user.locale, msg.user.tz) == ("teams", locale, tz)
    assert msg.conversation.service_url and msg.conversation.service_url.startswith("https://smba.")
    assert msg.event_id == _load(name)["id"] and msg.received_at == EVENT_DAY_MORNING
    if action is None:
        assert msg.action is None
    else:
        assert msg.action is not None
        assert (msg.action.id, msg.action.value, dict(msg.action.inputs)) == action


def test_channel_message_carries_the_tenant() -> None:
    msg = parse_activity(_load("payload_message_channel_mention.json"), EVENT_DAY_MORNING)
    assert msg is not None and msg.conversation.tenant_id == "72f988bf-0000-41af-91ab-2d7cd011db47"


def test_conversation_update_is_recognised_as_the_bot_being_added() -> None:
    assert bot_was_added(_load("payload_conversation_update_bot_added.json"))
    assert not bot_was_added(_load("payload_message_personal.json"))
    assert not bot_was_added({"type": "conversationUpdate", "membersAdded": "not a list"})


@pytest.mark.parametrize(
    "junk", [None, [], "text", {}, {"type": 3}, {"type": "message"}, {"type": "message", "id": "1"}]
)
def test_malformed_activities_parse_to_none(junk: object) -> None:
    assert parse_activity(junk, EVENT_DAY_MORNING) is None


def test_stored_reference_round_trips_through_botbuilder() -> None:
    stored = conversation_reference(_load("payload_message_personal.json"))
    json.dumps(stored)  # it goes into a JSON column
    reference = ConversationReference().deserialize(stored)
    assert reference.conversation.id == "a:1personal-chat-amina"
    assert reference.service_url == "https://smba.trafficmanager.net/amer/"
    assert (reference.channel_id, reference.bot.id, reference.user.id) == (
        "msteams",
        "28:00000000-1111-2222-3333-444444444444",
        KENYA,
    )


# --- Reply → Adaptive Card -------------------------------------------------------------------------

BODY_TYPES = {"TextBlock", "RichTextBlock", "FactSet", "ColumnSet", "Container", "Image", "ActionSet"}
INPUT_TYPES = {"Input.Text", "Input.ChoiceSet", "Input.Number", "Input.Date", "Input.Time", "Input.Toggle"}
ACTION_TYPES = {
    "Action.Submit",
    "Action.Execute",
    "Action.OpenUrl",
    "Action.ShowCard",
    "Action.ToggleVisibility",
}


def check_adaptive_card_1_5(card: dict[str, Any]) -> None:
    """A structural check of the Adaptive Card 1.5 shape, the parts this bot uses."""
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    assert card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json"
    assert isinstance(card["fallbackText"], str) and card["fallbackText"]
    assert len(json.dumps(card).encode()) < 28 * 1024
    ids: list[str] = []
    for element in card["body"]:
        assert element["type"] in BODY_TYPES | INPUT_TYPES, element["type"]
        if element["type"] == "RichTextBlock":
            assert element["inlines"] and all(
                run["type"] == "TextRun" and isinstance(run["text"], str) for run in element["inlines"]
            )
        if element["type"] in INPUT_TYPES:
            assert isinstance(element["id"], str) and element["id"] and isinstance(element["label"], str)
            assert isinstance(element["isRequired"], bool)
            ids.append(element["id"])
        if element["type"] == "Input.ChoiceSet":
            assert all(set(c) == {"title", "value"} for c in element["choices"])
    assert len(ids) == len(set(ids)), "input ids must be unique"
    for action in card.get("actions", []):
        assert action["type"] in ACTION_TYPES and isinstance(action["title"], str) and action["title"]
        assert action.get("style", "default") in {"default", "positive", "destructive"}
        assert action.get("associatedInputs", "auto") in {"auto", "none"}
        if action["type"] == "Action.Submit":
            assert isinstance(action["data"], dict) and action["data"]["rt_action"]


FULL_CARD = Card(
    title="Pitch slot 4",
    sections=("13:20–13:23, Conference Room 1", "Three minutes, three slides."),
    fields=(("Provider", "Kenya"), ("Status", "confirmed")),
    buttons=(Button("Cancel", "pitch.cancel", "4", style="danger"), Button("Agenda", "agenda.show")),
    inputs=(
        Input("org", "Organisation", placeholder="e.g. Kenya"),
        Input("notes", "Notes", required=False, multiline=True, initial="none"),
        Input("capability", "Capability", choices=(Choice("Policy", "policy"), Choice("CERT", "cert"))),
    ),
    submit=Button("Register", "registration.submit", style="primary"),
)


@pytest.mark.parametrize(
    "card", [FULL_CARD, Card(title="Only a title"), Card(title="", sections=("Only a section",))]
)
def test_cards_render_to_the_adaptive_card_1_5_shape(card: Card) -> None:
    check_adaptive_card_1_5(adaptive_card(card))


def test_card_reply_is_one_message_with_the_card_attached() -> None:
    [activity] = render_reply(Reply("Your slot", card=FULL_CARD, lang="fr"))
    assert (activity["type"], activity["text"], activity["textFormat"], activity["locale"]) == (
        "message",
        "Your slot",
        "plain",
        "fr",
    )
    [attachment] = activity["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    content = attachment["content"]
    assert [a["title"] for a in content["actions"]] == ["Cancel", "Agenda", "Register"]
    assert (
        content["actions"][0]["associatedInputs"] == "none"
        and "associatedInputs" not in content["actions"][2]
    )
    assert content["actions"][0]["data"] == {"rt_action": "pitch.cancel", "rt_value": "4"}


def test_only_fields_that_are_set_are_rendered() -> None:
    content = adaptive_card(Card(title="Hello"))
    assert "actions" not in content and len(content["body"]) == 1
    text_input = adaptive_card(Card(title="x", inputs=(Input("a", "A"),)))["body"][1]
    assert set(text_input) == {"type", "id", "label", "isRequired"}


def test_user_text_is_never_markup() -> None:
    hostile = "**bold** [link](https://evil.example) <b>tag</b> _x_"
    content = adaptive_card(Card(title=hostile, sections=(hostile,), fields=((hostile, hostile),)))
    assert all(element["type"] == "RichTextBlock" for element in content["body"])  # no Markdown TextBlock
    runs = [run["text"] for element in content["body"] for run in element["inlines"]]
    assert hostile in runs and f"{hostile}: " in runs
    assert render_reply(Reply(hostile))[0] == {
        "type": "message",
        "text": hostile,
        "textFormat": "plain",
        "locale": "en",
    }


def test_a_card_too_big_for_teams_falls_back_to_its_plain_text() -> None:
    huge = Card(title="Everyone", sections=tuple(f"Delegation number {i} " * 20 for i in range(200)))
    activities = render_reply(Reply("", card=huge))
    assert activities and all("attachments" not in a and a["textFormat"] == "plain" for a in activities)
    assert "".join(a["text"] for a in activities).replace("\n", "") == huge.fallback_text().replace("\n", "")
    assert len(json.dumps(adaptive_card(huge)).encode()) > MAX_CARD_BYTES


def test_split_text_keeps_lines_and_limits() -> None:
    assert split_text("short") == ["short"]
    assert split_text("") == [""]
    chunks = split_text("a" * 25 + "\n" + "b" * 5, limit=10)
    assert chunks == ["a" * 10, "a" * 10, "a" * 5, "b" * 5]
    assert all(len(c) <= MAX_TEXT_CHARS for c in split_text("x" * (MAX_TEXT_CHARS * 2 + 5)))
