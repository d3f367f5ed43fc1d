"""Carry-over in the six languages (issue 15): the question comes in the language the person last wrote
in, and plain words answer it — keep, update with the new text, drop, keep all, later. The second
edition is TEST DATA ONLY."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.i18n import translate
from storage.models import CarryOver
from tests.dialogs.editions import Forum, forum, open_notice, send_due

__all__ = ["forum"]

# locale, the need in the first edition, a phrase of the question, review, keep, update verb, drop
SCRIPTS = [
    ("en-US", "need Technology: a malware lab", "still current", "review needs", "keep", "update", "drop"),
    (
        "fr-FR",
        "besoin Technologie : un laboratoire",
        "toujours d'actualité",
        "revoir nos besoins",
        "garder",
        "mettre à jour",
        "supprimer",
    ),
    (
        "es-ES",
        "necesitamos Tecnología: un laboratorio",
        "vigente",
        "revisar necesidades",
        "mantener",
        "actualizar",
        "eliminar",
    ),
    (
        "ru-RU",
        "нам нужно Технологии: лаборатория",
        "по-прежнему актуальны",
        "пересмотреть потребности",
        "оставить",
        "обновить",
        "убрать",
    ),
    ("ar", "نحتاج التكنولوجيا: مختبر", "لا تزال قائمة", "مراجعة الاحتياجات", "إبقاء", "تحديث", "حذف"),
    ("zh-CN", "我们需要 技术：实验室", "仍然有效", "复核需求", "保留", "更新", "删除"),
]


async def _stated_at_the_first_edition(forum: Forum, locale: str, *lines: str) -> None:
    state = (await forum.first()).person("state", platform="slack", locale=locale)
    for line in lines:
        await state.says(line)
        await state.says("cancel")  # the profile questions that follow are not this test's


@pytest.mark.parametrize(("locale", "need", "asked", "review", "keep", "update", "drop"), SCRIPTS)
async def test_typed_answers_in_each_language(
    forum: Forum, locale: str, need: str, asked: str, review: str, keep: str, update: str, drop: str
) -> None:
    await _stated_at_the_first_edition(forum, locale, need)
    second = await forum.second()
    await second.organiser().says("open edition")
    await send_due(second)
    returning = second.person("state", platform="slack", locale=locale)
    assert asked in open_notice(returning)
    shown = await returning.says(review)
    assert "1" in shown and len(returning.last[-1].card.buttons) == 3  # type: ignore[union-attr]
    asked_text = await returning.says(update)
    assert "?" in asked_text or "？" in asked_text or "؟" in asked_text
    await returning.says("2025: regional lab")
    async with second.bot.uow() as uow:
        [row] = (await uow.session.scalars(select(CarryOver))).all()
        assert (row.decision, row.new_text) == ("updated", "2025: regional lab")
    assert keep and drop  # the other words are exercised below


@pytest.mark.parametrize(("locale", "need", "asked", "review", "keep", "update", "drop"), SCRIPTS)
async def test_keep_then_drop_in_words(
    forum: Forum, locale: str, need: str, asked: str, review: str, keep: str, update: str, drop: str
) -> None:
    await _stated_at_the_first_edition(forum, locale, need, "offer Partnerships and Networks: peer exchanges")
    second = await forum.second()
    await second.organiser().says("open edition")
    returning = second.person("state", platform="slack", locale=locale)
    await returning.says(review)
    await returning.says(keep)
    await returning.says(drop)
    async with second.bot.uow() as uow:
        rows = (await uow.session.scalars(select(CarryOver).order_by(CarryOver.id))).all()
        assert [r.decision for r in rows] == ["kept", "dropped"]
    nothing_left = translate(locale[:2], "edition.nothing_waiting")
    assert await returning.says(review) == nothing_left
