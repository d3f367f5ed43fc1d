"""Platform-neutral message types: every adapter parses into these and renders from these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

Platform = Literal["console", "slack", "teams"]


# Longer than this is a paste, not a message: every platform answers it politely without the router
# (Bot.handle), and the FAQ's own entry for `roundtable-bot ask` refuses it alike. Feature limits are smaller.
MAX_MESSAGE_CHARS = 4000


@dataclass(frozen=True, slots=True)
class UserRef:
    platform: str
    user_id: str
    display_name: str = ""
    locale: str | None = None
    tz: str | None = None

    @property
    def key(self) -> str:
        """Stable identity across the database: ``slack:U123``."""
        return f"{self.platform}:{self.user_id}"


@dataclass(frozen=True, slots=True)
class ConversationRef:
    platform: str
    conversation_id: str
    service_url: str | None = None
    tenant_id: str | None = None
    thread_id: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    """A button click (``value``) or a form submit (``inputs``), named by ``id`` such as ``pitch.claim``."""

    id: str
    value: str = ""
    inputs: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class InboundMessage:
    text: str
    user: UserRef
    conversation: ConversationRef
    event_id: str
    received_at: datetime
    action: Action | None = None


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    action_id: str
    value: str = ""
    style: Literal["default", "primary", "danger"] = "default"


@dataclass(frozen=True, slots=True)
class Choice:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Input:
    """A form field; ``choices`` makes it a single-select."""

    id: str
    label: str
    placeholder: str = ""
    initial: str = ""
    required: bool = True
    multiline: bool = False
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True, slots=True)
class Card:
    title: str
    sections: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    buttons: tuple[Button, ...] = ()
    inputs: tuple[Input, ...] = ()
    submit: Button | None = None

    def fallback_text(self) -> str:
        """Plain text for the console and for notifications: every platform can show this."""
        lines = [self.title] if self.title else []
        lines.extend(self.sections)
        lines.extend(f"{label}: {value}" for label, value in self.fields)
        for field_ in self.inputs:
            options = ", ".join(c.value for c in field_.choices)
            lines.append(f"{field_.label}" + (f" ({options})" if options else ""))
        if self.buttons:
            lines.append("Options: " + " | ".join(_button_hint(b) for b in self.buttons))
        return "\n".join(lines)


def _button_hint(button: Button) -> str:
    return f"{button.label} [{button.value}]" if button.value else button.label


# Where `serve` hands out files offered through a single-use link (platforms that take no upload).
DOWNLOAD_PATH = "/files"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file the user can download (an .ics calendar, a CSV export)."""

    filename: str
    content: bytes
    media_type: str


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    card: Card | None = None
    # For the asker's eyes only (personal data, files): adapters never show it in a shared channel.
    private: bool = False
    attachments: tuple[Attachment, ...] = ()
    lang: str = "en"

    def plain_text(self) -> str:
        if self.card is None:
            return self.text
        fallback = self.card.fallback_text()
        return f"{self.text}\n{fallback}" if self.text else fallback


@dataclass(frozen=True, slots=True)
class Notice:
    """A proactive message to one recipient (reminder, broadcast, promotion)."""

    recipient: UserRef
    reply: Reply
    conversation: ConversationRef | None = None
    reason: str = ""


def reply_to_data(reply: Reply) -> dict[str, Any]:
    """A JSON-safe form of a Reply without attachments, for a notice kept in the outbox."""
    data = asdict(reply)
    data.pop("attachments")
    return data


def reply_from_data(data: dict[str, Any]) -> Reply:
    card = data.get("card")
    return Reply(
        text=data.get("text", ""),
        card=_card_from_data(card) if card else None,
        # Outbox rows written before the field was renamed say "ephemeral".
        private=bool(data.get("private", data.get("ephemeral", False))),
        lang=data.get("lang", "en"),
    )


def _card_from_data(data: dict[str, Any]) -> Card:
    submit = data.get("submit")
    return Card(
        title=data.get("title", ""),
        sections=tuple(data.get("sections", ())),
        fields=tuple((label, value) for label, value in data.get("fields", ())),
        buttons=tuple(Button(**b) for b in data.get("buttons", ())),
        inputs=tuple(
            Input(**{**i, "choices": tuple(Choice(**c) for c in i.get("choices", ()))})
            for i in data.get("inputs", ())
        ),
        submit=Button(**submit) if submit else None,
    )
