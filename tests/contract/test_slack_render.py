"""Neutral replies → Block Kit JSON, within Slack's limits, with user text escaped for mrkdwn."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from adapters.slack import parse, render
from bot.messages import Button, Card, Choice, Input, Reply

SECTION = "section"


def test_plain_reply_is_escaped_text_without_blocks() -> None:
    assert render.messages(Reply("a <b> & <!channel>")) == [{"text": "a &lt;b&gt; &amp; &lt;!channel&gt;"}]


def test_card_renders_only_the_parts_that_are_set() -> None:
    card = Card(
        title="Pitch slots",
        sections=("Three minutes, three slides.",),
        fields=(("Slot 1", "13:15"),),
        buttons=(Button("Claim", "pitch.claim", "1", style="primary"), Button("Claim", "pitch.claim", "2")),
    )
    [message] = render.messages(Reply("", card=card))
    assert message == {
        "text": "Pitch slots",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "Pitch slots", "emoji": True}},
            {"type": SECTION, "text": {"type": "mrkdwn", "text": "Three minutes, three slides."}},
            {"type": SECTION, "fields": [{"type": "mrkdwn", "text": "*Slot 1*\n13:15"}]},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Claim", "emoji": True},
                        "action_id": "pitch.claim#0",
                        "value": "1",
                        "style": "primary",
                    },
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Claim", "emoji": True},
                        "action_id": "pitch.claim#1",
                        "value": "2",
                    },
                ],
            },
        ],
    }
    ids = [e["action_id"] for e in message["blocks"][-1]["elements"]]
    assert [parse.action_id(i) for i in ids] == ["pitch.claim", "pitch.claim"]


def test_form_card_renders_inputs_and_a_modal_carrying_its_submit() -> None:
    card = Card(
        title="Register your delegation",
        inputs=(
            Input("delegation", "Delegation", placeholder="e.g. Ghana"),
            Input(
                "role", "Role", required=False, choices=(Choice("Head", "head"), Choice("Expert", "expert"))
            ),
        ),
        submit=Button("Send", "registration.submit", "step-1"),
    )
    blocks = render.card_blocks(card)
    assert [b["type"] for b in blocks] == ["header", "input", "input", "actions"]
    assert blocks[1]["element"]["action_id"] == "delegation"
    assert blocks[2]["optional"] is True
    assert [o["value"] for o in blocks[2]["element"]["options"]] == ["head", "expert"]
    modal = render.modal_view(card, {"channel": "D1", "thread": None})
    assert modal["callback_id"] == "registration.submit"
    assert json.loads(modal["private_metadata"]) == {"channel": "D1", "value": "step-1"}
    assert [b["type"] for b in modal["blocks"]] == ["header", "input", "input"]
    assert len(modal["title"]["text"]) <= render.MODAL_TITLE_LIMIT
    assert render.has_form(Reply("", card=card))


def test_long_text_is_split_into_messages_of_at_most_4000_characters() -> None:
    text = "\n".join(f"Line {i}: " + "x" * 90 for i in range(120))
    sent = render.messages(Reply(text))
    assert len(sent) == 4
    assert all(len(m["text"]) <= render.MESSAGE_TEXT_LIMIT for m in sent)
    assert "\n".join(m["text"] for m in sent) == text


def test_big_cards_are_split_into_messages_of_at_most_50_blocks_and_3000_character_sections() -> None:
    card = Card(title="Everything", sections=tuple("s" * 7000 if i == 0 else f"item {i}" for i in range(60)))
    sent = render.messages(Reply("intro", card=card))
    blocks = [b for m in sent for b in m["blocks"]]
    assert len(sent) == 2
    assert all(len(m["blocks"]) <= render.MESSAGE_BLOCK_LIMIT for m in sent)
    assert all(len(b["text"]["text"]) <= render.SECTION_TEXT_LIMIT for b in blocks if b["type"] == SECTION)
    assert sum(len(b["text"]["text"]) for b in blocks[2:5]) == 7000
    assert all(m["text"] == "intro" for m in sent)


def test_home_view_keeps_within_100_blocks() -> None:
    view = render.home_view(Card(title="Home", sections=tuple(f"s{i}" for i in range(150))))
    assert view["type"] == "home"
    assert len(view["blocks"]) == render.VIEW_BLOCK_LIMIT


@given(st.text(alphabet="ab &<>\n", max_size=400), st.integers(min_value=8, max_value=60))
def test_split_text_respects_the_limit_and_never_cuts_an_entity(raw: str, limit: int) -> None:
    escaped = render.escape(raw)
    pieces = render.split_text(escaped, limit)
    assert all(len(p) <= limit for p in pieces)
    for piece in pieces:
        assert piece.count("&") == piece.count("&amp;") + piece.count("&lt;") + piece.count("&gt;")
