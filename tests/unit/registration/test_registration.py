"""The registration flow through the real router on in-memory SQLite: typed answers, buttons, the form."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import pytest

from bot.messages import Action, Reply
from service.bootstrap import Bot
from storage.models import Base
from tests.conftest import MutableClock, message

Say = Callable[..., Awaitable[str]]
ON_TIME = datetime.fromisoformat("2024-04-10T10:00:00-04:00")
ANSWERS = [
    "register",
    "France",
    "Jean Dupont",
    "Minister for Foreign Affairs",
    "Ana Ruiz, Legal Adviser; Li Wei - CERT lead",
    "yes",
    "all",
    "II",
    "hod@france.example",
]


@pytest.fixture(autouse=True)
def before_deadline(clock: MutableClock) -> None:
    clock.moment = ON_TIME


async def register(say: Say, user: str = "alice", answers: list[str] = ANSWERS) -> str:
    for answer in answers:
        await say(answer, user=user)
    return await say("confirm", user=user)


async def press(bot: Bot, value: str, user: str = "alice", action_id: str = "registration.answer") -> Reply:
    replies = await bot.handle(message(user=user, action=Action(action_id, value)))
    assert len(replies) == 1
    return replies[0]


async def records(bot: Bot) -> list[dict[str, object]]:
    async with bot.uow() as uow:
        rows = await uow.registrations.all_with_delegation()
        return [{"delegation": d.name, "code": d.join_code, **_columns(r)} for r, d in rows]


async def audit(bot: Bot) -> list[SimpleNamespace]:
    """The audit rows as plain values (rows expire when their unit of work rolls back)."""
    async with bot.uow() as uow:
        return [SimpleNamespace(**_columns(e)) for e in await uow.audit.all()]


def _columns(row: Base) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}


async def dialog_step(bot: Bot, user: str = "alice") -> str | None:
    async with bot.uow() as uow:
        state = await uow.dialogs.get(f"console:{user}")
        return state.step if state else None


async def test_full_registration_is_recorded_once_with_one_audit_row(bot: Bot, say: Say) -> None:
    reply = await register(say)
    [record] = await records(bot)
    assert "registration of France is recorded" in reply
    assert f"join {record['code'][:4]}-{record['code'][4:]}" in reply
    assert record["status"] == "confirmed" and record["late"] is False
    assert record["hod_is_minister"] is True
    assert record["experts"] == [
        {"name": "Ana Ruiz", "designation": "Legal Adviser"},
        {"name": "Li Wei", "designation": "CERT lead"},
    ]
    assert record["reception_hod"] is True and record["reception_experts"] == ["Ana Ruiz", "Li Wei"]
    assert (record["breakout_group"], record["contact_email"]) == ("II", "hod@france.example")
    assert [(e.actor, e.action, e.before) for e in await audit(bot)] == [
        ("console:alice", "registration.confirm", None)
    ]
    assert await dialog_step(bot) is None


async def test_buttons_answer_like_typed_text(bot: Bot, say: Say) -> None:
    for answer in ANSWERS[:4]:
        await say(answer)
    await press(bot, "none")  # no experts: the reception-experts question is skipped
    await press(bot, "later")
    email_question = await press(bot, "I")
    assert "e-mail" in email_question.text and email_question.card is None
    await say("team@example.org")
    confirm = await press(bot, "confirm")
    [record] = await records(bot)
    assert "recorded" in confirm.text
    assert (record["experts"], record["reception_hod"], record["breakout_group"]) == ([], None, "I")


async def test_each_choice_step_offers_buttons_with_the_answer_as_value(bot: Bot, say: Say) -> None:
    replies = [await bot.handle(message(text)) for text in ANSWERS[:5]]
    reception = replies[-1][0]
    assert reception.card is not None
    assert [(b.action_id, b.value) for b in reception.card.buttons] == [
        ("registration.answer", "yes"),
        ("registration.answer", "no"),
        ("registration.answer", "later"),
    ]
    assert "Ministers and Heads of Delegation plus accompanying experts" in reception.text
    assert "6:30\u202fpm EDT, Thursday, 9 May 2024" in reception.text


async def test_breakout_question_explains_each_group_by_its_capabilities(bot: Bot, say: Say) -> None:
    for answer in ANSWERS[:7]:
        text = await say(answer)
    assert "Group I: Strengthening Governance Policies and Processes — Policies and Regulations" in text
    assert "People and Skills (growing the talent pipeline)" in text


async def test_nothing_is_stored_before_confirm_and_cancel_leaves_at_any_step(bot: Bot, say: Say) -> None:
    for answer in ANSWERS:
        await say(answer)
        assert await records(bot) == []
    assert await dialog_step(bot) == "confirm"
    text = await say("stop")
    assert "Nothing was saved" in text
    assert await dialog_step(bot) is None and await records(bot) == [] and await audit(bot) == []


@pytest.mark.parametrize("step_index", range(1, len(ANSWERS)))
async def test_cancel_works_at_every_step(bot: Bot, say: Say, step_index: int) -> None:
    for answer in ANSWERS[:step_index]:
        await say(answer)
    assert "Nothing was saved" in await say("annuler")
    assert await dialog_step(bot) is None


HOSTILE = {
    "5000 chars": "x" * 5000,
    "emoji": "🎉🎉🎉",
    "sql": "'; DROP TABLE registration; --",
    "empty": "   ",
    "control": "\x00\x1b[31m",
}


@pytest.mark.parametrize("bad", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("step_index", [1, 2, 3, 4, 5, 7, 8])
async def test_bad_input_re_asks_the_same_question_with_a_hint(
    bot: Bot, say: Say, bad: str, step_index: int
) -> None:
    for answer in ANSWERS[:step_index]:
        await say(answer)
    before = await dialog_step(bot)
    text = await say(bad)
    assert await dialog_step(bot) == before
    assert text and "Traceback" not in text and len(text) < 3000
    assert await records(bot) == []
    async with bot.uow() as uow:
        assert await uow.members.all()  # the tables are still there


async def test_unexpected_answer_on_a_choice_step_re_asks_with_the_buttons(bot: Bot, say: Say) -> None:
    for answer in ANSWERS[:5]:
        await say(answer)
    [reply] = await bot.handle(message("maybe tomorrow"))
    assert reply.text.startswith("Sorry, I did not understand")
    assert reply.card is not None and len(reply.card.buttons) == 3


async def test_minister_is_flagged_and_told_about_priority(bot: Bot, say: Say) -> None:
    for answer in ANSWERS[:3]:
        await say(answer)
    text = await say("Minister for Foreign Affairs")
    assert "Jean Dupont is a Minister" in text and "priority will be accorded" in text


async def test_skipped_designation_and_undecided_rsvp_make_an_incomplete_registration(
    bot: Bot, say: Say
) -> None:
    answers = [*ANSWERS[:3], "skip", "none", "later", "I", "a@example.org"]
    await register(say, answers=answers)
    async with bot.uow() as uow:
        incomplete = await uow.registrations.incomplete_registrations()
        assert [(d.name, r.hod_designation, r.reception_hod) for r, d in incomplete] == [("France", "", None)]


@pytest.mark.parametrize(
    ("moment", "late"),
    [("2024-04-19T23:59:00-04:00", False), ("2024-04-20T00:00:00-04:00", True), ("2024-05-10T10:15", True)],
)
async def test_after_the_deadline_registration_is_recorded_as_late(
    bot: Bot, say: Say, clock: MutableClock, moment: str, late: bool
) -> None:
    clock.moment = bot.event.local(datetime.fromisoformat(moment))
    first = await say("register")
    reply = await register(say, answers=ANSWERS[1:])
    [record] = await records(bot)
    assert record["late"] is late
    assert ("deadline" in first) is late
    assert ("marked as late" in reply and "cyberoewgchair@gmail.com" in reply) is late


async def test_a_colleague_on_another_platform_joins_with_the_code(bot: Bot, say: Say) -> None:
    await register(say)
    [record] = await records(bot)
    code = str(record["code"])
    [joined] = await bot.handle(message(f"join {code[:4].lower()}-{code[4:]}", user="U42", platform="slack"))
    assert "France" in joined.text  # (in whichever language "join …" was detected as)
    assert joined.card is not None and "France" in dict(joined.card.fields).values()
    async with bot.uow() as uow:
        member = await uow.members.get("slack", "U42")
        assert member is not None and member.delegation_id is not None
        assert len(await uow.registrations.members_of([member.delegation_id])) == 2
    assert (await audit(bot))[-1].action == "delegation.join"
    [mine] = await bot.handle(message("my registration", user="U42", platform="slack"))
    assert "Registration of France" in mine.text


async def test_join_inside_the_first_question_and_a_wrong_code(bot: Bot, say: Say) -> None:
    await register(say)
    code = str((await records(bot))[0]["code"])
    assert "No delegation has this code" in await say("join ZZZZ-ZZZZ", user="bob")
    await say("register", user="bob")
    assert "now a member of France" in await say(code, user="bob")
    assert [e.action for e in await audit(bot)][-2:] == ["delegation.join_failed", "delegation.join"]


async def test_claiming_a_registered_name_without_code_asks_organisers_and_changes_nothing(
    bot: Bot, say: Say
) -> None:
    await register(say)
    before = await records(bot)
    await say("register", user="mallory")
    text = await say("  FRANCE ", user="mallory")
    assert "already registered by other members" in text and "organisers" in text
    assert await records(bot) == before
    async with bot.uow() as uow:
        [(request, delegation)] = await uow.registrations.join_requests()
        assert (request.user_key, request.claimed_name) == ("console:mallory", "FRANCE")
        assert delegation.name == "France"
        mallory = await uow.members.get("console", "mallory")
        assert mallory is not None and mallory.delegation_id is None
    assert (await audit(bot))[-1].action == "delegation.join_request"
    assert await dialog_step(bot, "mallory") is None


async def test_change_one_field_writes_one_audit_row_with_before_and_after(bot: Bot, say: Say) -> None:
    await register(say)
    assert "contact e-mail" in await say("change e-mail")
    assert "not a valid e-mail" in await say("not-an-address")
    assert "Updated." in await say("new@france.example")
    change = (await audit(bot))[-1]
    assert (change.action, change.before, change.after) == (
        "registration.change",
        {"email": "hod@france.example"},
        {"email": "new@france.example"},
    )
    assert (await records(bot))[0]["contact_email"] == "new@france.example"


async def test_change_experts_then_who_comes_to_the_reception(bot: Bot, say: Say) -> None:
    await register(say)
    await press(bot, "change", action_id="registration.command")
    assert "1. Ana Ruiz (Legal Adviser)\n2. Li Wei (CERT lead)" in (await press(bot, "experts")).text
    assert "2. Omar Haddad (Analyst)" in await say("change 2 Omar Haddad, Analyst")
    await say("done")
    await say("omar haddad")
    [record] = await records(bot)
    assert record["reception_experts"] == ["Omar Haddad"]
    change = (await audit(bot))[-1]
    assert change.after is not None and set(change.after) == {"experts", "reception_experts"}


async def test_change_without_a_registration_is_explained(say: Say) -> None:
    assert "no confirmed registration yet" in await say("change email")


async def test_withdraw_asks_first_then_keeps_an_audit_row(bot: Bot, say: Say) -> None:
    await register(say)
    assert "Withdraw the registration of France?" in await say("withdraw")
    assert "kept" in await say("keep")
    assert (await records(bot))[0]["status"] == "confirmed"
    await say("withdraw")
    await press(bot, "withdraw")
    [record] = await records(bot)
    assert record["status"] == "withdrawn" and record["withdrawn_at"] is not None
    last = (await audit(bot))[-1]
    assert last.action == "registration.withdraw" and last.after == {"status": "withdrawn"}
    async with bot.uow() as uow:
        unregistered = await uow.registrations.delegations_without_confirmed_registration()
        assert [d.name for d in unregistered] == ["France"]
    # Registering again reuses the delegation and its code.
    assert "Head of Delegation of France" in await say("register")
    await register(say, answers=ANSWERS[2:])
    assert [(r["status"], r["code"]) for r in await records(bot)] == [("confirmed", record["code"])]


async def test_the_form_submit_is_validated_like_the_chat_answers(bot: Bot) -> None:
    inputs = {
        "delegation": "Kenya",
        "hod_name": "Amina Otieno",
        "hod_designation": "",
        "experts": "Peter Kamau, Analyst",
        "reception_hod": "no",
        "reception_experts": "",
        "breakout_group": "I",
        "email": "bad@",
    }
    [errors] = await bot.handle(message(action=Action("registration.submit", inputs=inputs)))
    assert "Contact e-mail: That is not a valid e-mail" in errors.text
    assert errors.card is not None and errors.card.submit is not None
    assert dict((i.id, i.initial) for i in errors.card.inputs)["hod_name"] == "Amina Otieno"
    assert await records(bot) == []
    [summary] = await bot.handle(
        message(action=Action("registration.submit", inputs={**inputs, "email": "a@kenya.example"}))
    )
    assert summary.card is not None and ("Delegation", "Kenya") in summary.card.fields
    await press(bot, "confirm")
    [record] = await records(bot)
    assert (record["hod_designation"], record["reception_experts"]) == ("", [])


async def test_stale_button_and_faq_questions_are_not_swallowed(bot: Bot, say: Say) -> None:
    stale = await press(bot, "yes")
    assert "no longer open" in stale.text
    assert "no longer open" not in await say("registration deadline?")
    assert await dialog_step(bot) is None


async def test_the_flow_keeps_its_language_when_an_answer_looks_french(bot: Bot, say: Say) -> None:
    for answer in ANSWERS[:3]:
        await say(answer)
    text = await say("Ministre des affaires étrangères")
    assert "Accompanying experts" in text


async def test_audience_readers(bot: Bot, say: Say) -> None:
    await register(say)
    chile = ["register", "Chile", "Ana Soto", "Ambassador", "none", "no", "I", "c@cl.example"]
    await register(say, "bob", chile)
    await say("hello", user="carol")
    async with bot.uow() as uow:
        repo = uow.registrations
        assert [d.name for d in await repo.registered_delegations()] == ["Chile", "France"]
        assert [(r.hod_name, r.hod_is_minister) for r, _ in await repo.heads_of_delegation()] == [
            ("Ana Soto", False),
            ("Jean Dupont", True),
        ]
        assert [d.name for _, d in await repo.by_breakout_group("I")] == ["Chile"]
        assert [m.user_id for m in await repo.members_without_confirmed_registration()] == ["carol"]
        assert await repo.incomplete_registrations() == []


async def test_two_drafts_for_the_same_new_name_cannot_both_create_it(bot: Bot, say: Say) -> None:
    for answer in ANSWERS:
        await say(answer, user="alice")
        await say(answer, user="bob")
    assert "recorded" in await say("confirm", user="alice")
    late_text = await say("confirm", user="bob")
    assert "already registered by other members" in late_text
    [record] = await records(bot)
    assert record["registered_by"] == "console:alice"
    async with bot.uow() as uow:
        [(request, _)] = await uow.registrations.join_requests()
        assert request.user_key == "console:bob"


async def test_a_malformed_form_payload_gets_the_form_back(bot: Bot) -> None:
    inputs: dict[str, Any] = {"delegation": None, "hod_name": ["x"], "email": 42}
    [reply] = await bot.handle(message(action=Action("registration.submit", inputs=inputs)))
    assert reply.text.startswith("Some answers need a correction")
    assert reply.card is not None and reply.card.submit is not None
    assert await records(bot) == []
