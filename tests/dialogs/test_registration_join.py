"""Joining with a code however it is typed or quoted, and the delegation told who joined."""

from __future__ import annotations

from handlers.registration.fields import show_code
from tests.dialogs.conftest import Talk
from tests.dialogs.registration_steps import answer_the_rest, join_code, members


async def registered_fiji(talk: Talk) -> str:
    """Fiji registered by a first aide; its join code."""
    aide = talk.person("aide", platform="slack", locale="en-US")
    await aide.says("register")
    await aide.says("Fiji")
    await answer_the_rest(aide)
    return await join_code(talk, "Fiji")


async def test_join_accepts_a_code_in_lower_case_with_spaces_and_a_full_stop(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    code = show_code(await registered_fiji(talk))
    typed = code.lower().replace("-", " ")
    colleague = talk.person("colleague", platform="teams")
    assert "you are now a member of Fiji" in await colleague.says(f"join {typed}")
    other = talk.person("other", platform="console")
    assert "you are now a member of Fiji" in await other.says(f"join {code}.")
    assert [k for k, d in (await members(talk)).items() if d == "Fiji"] == [
        "slack:aide",
        "teams:colleague",
        "console:other",
    ]


async def test_a_code_quoted_in_a_sentence_joins_and_the_first_registrant_is_told(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    code = show_code(await registered_fiji(talk))
    colleague = talk.person("colleague", platform="teams", locale="en-US")
    assert "you are now a member of Fiji" in await colleague.says(f"ok my colleague gave me the code {code}")
    assert (await members(talk))["teams:colleague"] == "Fiji"
    aide_told = talk.notices_for("slack:aide")
    assert aide_told[-1].startswith("Colleague has joined the Fiji delegation with its join code.")


async def test_a_russian_sentence_with_the_code_joins_in_russian(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    code = show_code(await registered_fiji(talk))
    colleague = talk.person("ivan", platform="slack", locale="ru-RU")
    reply = await colleague.says(f"коллега дал мне код {code.lower()}")
    assert "теперь вы входите в состав делегации (Фиджи)" in reply
    assert (await members(talk))["slack:ivan"] == "Fiji"


async def test_a_code_typed_as_the_answer_to_which_delegation_joins_in_chinese(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    code = show_code(await registered_fiji(talk))
    colleague = talk.person("li", platform="teams", locale="zh-CN")
    assert "您为哪个代表团登记" in await colleague.says("注册")
    assert "您现在是斐济的成员" in await colleague.says(code.replace("-", " ").lower())
    assert (await members(talk))["teams:li"] == "Fiji"


async def test_a_change_by_a_member_is_told_to_the_others_with_who_did_it(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    code = show_code(await registered_fiji(talk))
    colleague = talk.person("amal", platform="slack", locale="ar-EG")
    assert "أصبحت الآن عضوا في وفد فيجي" in await colleague.says(f"join {code}")
    await colleague.says("change email")
    assert "new@fiji.example" in await colleague.says("new@fiji.example")
    # The aide never chose a language: a member is told in their stored language, else the writer's.
    assert talk.notices_for("slack:aide")[-1].startswith("عدّل Amal تسجيل فيجي: البريد الإلكتروني للتواصل.")
