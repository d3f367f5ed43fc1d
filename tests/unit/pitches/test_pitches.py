"""Pitch slots through the real router on in-memory SQLite: claim, details, waitlist, promotion,
deadline, organiser commands and the constraints that make a double booking impossible."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.messages import Action
from service.bootstrap import Bot
from storage.models import AuditEntry, Delegation, PitchBooking
from tests.conftest import MutableClock, message
from tests.notifiers import RecordingNotifier

BEFORE_DEADLINE = datetime.fromisoformat("2024-04-10T10:00:00-04:00")
LAST_MINUTE = datetime.fromisoformat("2024-04-19T23:59:00-04:00")
AFTER_DEADLINE = datetime.fromisoformat("2024-04-20T00:00:00-04:00")
Say = Callable[..., Awaitable[str]]


@pytest.fixture(autouse=True)
def before_deadline(clock: MutableClock) -> None:
    clock.moment = BEFORE_DEADLINE


def plain(text: str) -> str:
    """Babel separates times with thin and narrow no-break spaces; tests compare with plain ones."""
    return text.replace("\u2009", " ").replace("\u202f", " ")


@pytest.fixture
def say(bot: Bot) -> Say:
    async def _say(text: str = "", user: str = "alice", action: Action | None = None) -> str:
        replies = await bot.handle(message(text, user, action=action))
        return plain("\n".join(r.plain_text() for r in replies))

    return _say


async def book(say: Say, user: str, slot: int, organisation: str | None = None) -> str:
    """Claims a slot as ``user``, naming the organisation the first time, and gives a title."""
    reply = await say(f"pitch {slot}", user=user)
    if "Which organisation" in reply:
        reply = await say(organisation or f"{user.title()} Org", user=user)
    if "title of your pitch" in reply:
        await say(f"{user} pitch", user=user)
        await say("skip", user=user)
    return reply


async def fill(say: Say, count: int, prefix: str = "p") -> None:
    for number in range(1, count + 1):
        await book(say, f"{prefix}{number}", number)


async def audit_actions(bot: Bot) -> list[tuple[str, str]]:
    async with bot.uow() as uow:
        return [(e.action, e.note) for e in await uow.audit.all()]


async def test_pitch_shows_free_slots_as_claim_buttons(bot: Bot) -> None:
    replies = await bot.handle(message("pitch"))
    card = replies[0].card
    assert card is not None
    assert [(b.action_id, b.value) for b in card.buttons] == [("pitch.claim", str(n)) for n in range(1, 16)]
    assert plain(card.buttons[0].label) == "1 · 1:40 pm"
    assert "3 minutes and 3 slides" in replies[0].text and "15 of 15" in replies[0].text


async def test_claim_asks_the_organisation_once_then_title_and_slides(say: Say, bot: Bot) -> None:
    assert "Which organisation" in await say("pitch 4")
    claimed = await say("Alpha Foundation")
    assert "Slot 4 is booked for Alpha Foundation: 1:55 – 1:58 pm EDT, Friday, 10 May 2024" in claimed
    assert "title of your pitch" in claimed
    assert "link to your 3 slides" in await say("Cyber Academy for All")
    assert "does not look like a web link" in await say("javascript:alert(1)")
    saved = await say("https://example.org/deck.pdf")
    assert "Title: Cyber Academy for All" in saved and "Slides: https://example.org/deck.pdf" in saved
    await say("cancel pitch")
    assert "Which organisation" not in await say("pitch 2")  # remembered


async def test_a_button_click_claims_like_the_typed_number(say: Say) -> None:
    await book(say, "ana", 1, "Org A")
    assert "slot 1 has just been taken" in await say(user="ben", action=Action("pitch.claim", "1"))
    assert "Which organisation" in await say(user="ben", action=Action("pitch.claim", "2"))
    assert "Slot 2 is booked for Org B" in await say("Org B", user="ben")


async def test_one_booking_per_provider_and_a_second_slot_offers_the_move(say: Say) -> None:
    await book(say, "ana", 3)
    again = await say("pitch 5", user="ana")
    assert "Move Ana Org from slot 3" in again and "to slot 5" in again and "Slot 3 stays yours" in again
    assert "already has a booking" in await say("pitch waitlist", user="ana")


async def test_a_delegation_member_presents_for_the_delegation(say: Say, bot: Bot) -> None:
    async with bot.uow() as uow:
        delegation = Delegation(
            name="Republic of Testland", name_key="testland", join_code="T1", created_at=BEFORE_DEADLINE
        )
        uow.session.add(delegation)
        await uow.session.flush()
        member = await uow.members.upsert_seen("console", "dina", "Dina", BEFORE_DEADLINE)
        member.delegation_id = delegation.id
        await uow.commit()
    assert "booked for Republic of Testland" in await say("pitch 2", user="dina")


async def test_taken_slot_offers_the_free_ones(say: Say) -> None:
    await book(say, "ana", 1)
    reply = await say("pitch 1", user="ben")  # not asked for the organisation of a slot it cannot have
    assert "slot 1 has just been taken" in reply and "2 · 1:45 pm" in reply


async def test_full_means_waitlist_with_position_and_promotion_on_cancel(
    say: Say, bot: Bot, recorder: RecordingNotifier
) -> None:
    await fill(say, 15)
    full = await bot.handle(message("pitch", user="w1"))
    assert "All 15 pitch slots are taken" in full[0].text
    assert [b.action_id for b in full[0].card.buttons] == ["pitch.waitlist"]  # type: ignore[union-attr]
    assert "number 1 on the waitlist" in await book(say, "w1", 4)
    await say("pitch waitlist", user="w2")
    assert "number 2 on the waitlist" in await say("W2 Org", user="w2")
    await say("cancel", user="w2")  # leaves the title question; the place stays

    assert "first of the 2 on the waitlist" in await say("cancel pitch", user="p7")
    assert recorder.sent == []  # nothing given away before the yes
    assert "gave up slot 7" in await say("yes", user="p7")
    assert len(recorder.sent) == 1
    notice = recorder.sent[0]
    assert notice.recipient.key == "console:w1"
    assert "W1 Org presents in slot 7: 2:10 – 2:13 pm EDT" in plain(notice.reply.text)
    assert "Waitlist: number 1" in await say("my pitch", user="w2")
    assert "Slot 7" in await say("my pitch", user="w1")
    actions = [a for a, _ in await audit_actions(bot)]
    assert actions[-2:] == ["pitch.cancel", "pitch.promote"]


async def test_waitlist_positions_stay_dense_when_someone_leaves_the_line(say: Say, bot: Bot) -> None:
    await fill(say, 15)
    for user in ("w1", "w2", "w3"):
        await say("pitch waitlist", user=user)
        await say(f"{user} org", user=user)
        await say("stop", user=user)
    await say("cancel pitch", user="w2")
    await say("yes", user="w2")
    async with bot.uow() as uow:
        line = [(b.booked_by, b.position) for b in await uow.pitches.waitlist(bot.event.id)]
    assert line == [("console:w1", 1), ("console:w3", 2)]


async def test_waitlist_refused_while_slots_are_free(say: Say) -> None:
    await say("pitch waitlist")
    assert "still free slots" in await say("Org A")


@pytest.mark.parametrize(("moment", "refused"), [(LAST_MINUTE, False), (AFTER_DEADLINE, True)])
async def test_expression_of_interest_deadline(
    say: Say, clock: MutableClock, moment: datetime, refused: bool
) -> None:
    clock.moment = moment
    reply = await say("pitch 1")
    if refused:
        assert "due by 19 April 2024" in reply
        assert "https://forms.office.com/e/mQAmu791Ak" in reply and "cyberoewgchair@gmail.com" in reply
    else:
        assert "Which organisation" in reply


async def test_organisers_open_and_close_sign_up(say: Say, clock: MutableClock, bot: Bot) -> None:
    clock.moment = AFTER_DEADLINE
    assert "Pitch sign-up is open" in await say("pitch open", user="organiser")
    assert "Which organisation" in await say("pitch 1")
    await say("pitch close", user="organiser")
    assert "organisers have closed" in await say("pitch 2", user="ben")
    async with bot.uow() as uow:
        entries = [
            (e.before, e.after) for e in await uow.audit.all() if e.action in ("pitch.open", "pitch.close")
        ]
    assert entries == [
        ({"state": "auto"}, {"state": "open"}),
        ({"state": "open"}, {"state": "closed"}),
    ]


async def test_non_organisers_are_refused_and_audited(say: Say, bot: Bot) -> None:
    for command in ("pitch open", "pitch move 1 2", "pitch remove 1", "run of show"):
        assert "only the event organisers" in await say(command, user="mallory")
    refused = [a for a, note in await audit_actions(bot) if note.startswith("refused")]
    assert refused == ["pitch.open", "pitch.move", "pitch.remove", "pitch.show"]


async def test_organiser_move_remove_and_run_of_show(say: Say, bot: Bot, recorder: RecordingNotifier) -> None:
    await book(say, "ana", 1, "Alpha")
    await book(say, "ben", 2, "Beta")
    assert "Slot 3 is taken" not in await say("pitch move 1 2", user="organiser")
    assert "Moved Alpha from slot 1 to slot 5" in await say("pitch move 1 5", user="organiser")
    assert "Removed Beta from slot 2" in await say("pitch remove 2", user="organiser")
    show = await say("run of show", user="organiser")
    assert "1. 1:40 pm–1:43 pm · free" in show
    assert "5. 2:00 pm–2:03 pm · Alpha — ana pitch" in show
    assert "Waitlist (0):" in show
    assert [n.recipient.user_id for n in recorder.sent] == ["ana", "ben"]
    async with bot.uow() as uow:
        moves = (
            await uow.session.execute(select(AuditEntry).where(AuditEntry.action == "pitch.move"))
        ).scalars()
        audited = [(e.before, e.after, e.note) for e in moves]
    assert audited[0][2] == "no change: target_taken"
    assert audited[1][0]["slot"] == 1 and audited[1][1]["slot"] == 5  # type: ignore[index]


@pytest.mark.parametrize(
    "title", ["", "x" * 5000, "🎉🎉🎉", "'; DROP TABLE pitch_booking; --", "\x00\x1b[31m"], ids=range(5)
)
async def test_hostile_titles_are_answered_politely(say: Say, bot: Bot, title: str) -> None:
    await say("pitch 1")
    await say("Org")
    reply = await say(title)
    assert "went wrong" not in reply
    async with bot.uow() as uow:
        stored = (await uow.session.execute(select(PitchBooking.title))).scalar_one()
    assert len(stored) <= 200 and "\x00" not in stored


async def test_the_database_refuses_a_second_confirmed_booking(bot: Bot) -> None:
    await bot.handle(message("pitch"))
    async with bot.uow() as uow:
        first = await uow.pitches.name_provider("console:a", "A", BEFORE_DEADLINE)
        second = await uow.pitches.name_provider("console:b", "B", BEFORE_DEADLINE)
        slot = await uow.pitches.slot(bot.event.id, 1)
        assert slot is not None
        await uow.pitches.add_confirmed(bot.event.id, first.id, slot.id, "console:a", "en", BEFORE_DEADLINE)
        with pytest.raises(IntegrityError):
            await uow.pitches.add_confirmed(
                bot.event.id, second.id, slot.id, "console:b", "en", BEFORE_DEADLINE
            )


async def test_the_database_refuses_two_active_bookings_for_one_provider(bot: Bot) -> None:
    await bot.handle(message("pitch"))
    async with bot.uow() as uow:
        provider = await uow.pitches.name_provider("console:a", "A", BEFORE_DEADLINE)
        slots = await uow.pitches.slots(bot.event.id)
        await uow.pitches.add_confirmed(
            bot.event.id, provider.id, slots[0].id, "console:a", "en", BEFORE_DEADLINE
        )
        with pytest.raises(IntegrityError):
            await uow.pitches.add_confirmed(
                bot.event.id, provider.id, slots[1].id, "console:a", "en", BEFORE_DEADLINE
            )


async def test_slots_are_seeded_once(bot: Bot) -> None:
    for _ in range(3):
        await bot.handle(message("pitch"))
    async with bot.uow() as uow:
        slots = [(s.number, s.starts_at) for s in await uow.pitches.slots(bot.event.id)]
    assert [number for number, _ in slots] == list(range(1, 16))
    assert slots[0][1].astimezone(bot.event.zone).isoformat() == "2024-05-10T13:40:00-04:00"


async def test_pitch_in_french_and_spanish(say: Say) -> None:
    await say("language fr", user="ana")
    assert "Quelle organisation présentera" in await say("pitch 1", user="ana")
    assert "Le créneau 1 est réservé pour Alpha" in await say("Alpha", user="ana")
    await say("stop", user="ana")
    assert "Créneau 1 : 13:40 – 13:43" in await say("mon pitch", user="ana")
    await say("idioma es", user="ben")
    await say("pitch 2", user="ben")
    await say("Beta", user="ben")
    await say("parar", user="ben")
    assert "Perdería el turno 2" in await say("cancelar mi pitch", user="ben")
    assert "Hecho: Beta renunció al turno 2." in await say("sí", user="ben")


async def test_a_pitch_question_goes_to_the_faq(say: Say) -> None:
    reply = await say("pitch session when?")
    assert "Pitch slots: `pitch` shows" not in reply and "Which organisation" not in reply
