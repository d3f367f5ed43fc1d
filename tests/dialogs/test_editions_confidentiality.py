"""Confidentiality per need (issue 15): organisers only / providers (the default) / everyone. Matching,
`who is`, the organisers' export and the audit log follow it; six languages set it."""

from __future__ import annotations

import pytest

from handlers.matchmaking.exports import interest_rows
from tests.dialogs.conftest import Talk


async def _state_needs(talk: Talk) -> None:
    """Three States with a Technology need each, kept at three levels; one provider offering Technology."""
    for name, level in (("alpha", None), ("beta", "organisers"), ("gamma", "everyone")):
        state = talk.person(name, platform="slack")
        await state.says(f"need Technology: {name} needs a malware analysis lab")
        await state.says("cancel")
        if level is not None:
            assert "can now be read by" in await state.says(f"visibility Technology {level}")
    provider = talk.person("provider", platform="slack")
    await provider.says("offer Technology: malware analysis lab set-up")
    await provider.says("cancel")


async def test_en_provider_matches_only_needs_it_may_read(talk: Talk) -> None:
    await _state_needs(talk)
    matches = await talk.person("provider", platform="slack").says("match")
    assert "alpha needs" in matches and "gamma needs" in matches
    assert "beta needs" not in matches and "Beta" not in matches


async def test_en_a_state_without_offers_reads_only_public_needs(talk: Talk) -> None:
    await _state_needs(talk)
    delta = talk.person("delta", platform="slack")
    await delta.says("need People and Skills: analyst training")
    await delta.says("cancel")
    assert "gamma needs a malware analysis lab" in await delta.says("who is Gamma")
    alpha = await delta.says("who is Alpha")
    assert "shared only with providers or with the organisers" in alpha and "alpha needs" not in alpha


async def test_en_the_owner_and_organisers_read_every_level(talk: Talk) -> None:
    await _state_needs(talk)
    beta = talk.person("beta", platform="slack")
    assert "organisers only" in await beta.says("visibility")
    async with talk.bot.uow() as uow:
        rows = await interest_rows(uow)
    levels = {row["participant"]: row["visibility"] for row in rows}
    assert levels == {"Alpha": "providers", "Beta": "organisers", "Gamma": "everyone", "Provider": "everyone"}
    audit = [action for action, _ in await talk.audit()]
    assert audit.count("match.visibility") == 2


async def test_en_default_level_is_told_when_the_need_is_recorded(talk: Talk) -> None:
    saved = await talk.person("aide", platform="slack").says("need Technology: a malware lab")
    assert "Who may read this need: providers and organisers" in saved


@pytest.mark.parametrize(
    ("locale", "need", "command", "done"),
    [
        (
            "fr-FR",
            "besoin Technologie : un laboratoire",
            "visibilite Technologie organisateurs",
            "organisateurs seulement",
        ),
        ("es-ES", "necesitamos Tecnología: un laboratorio", "visibilidad Tecnología todos", "todos"),
        (
            "ru-RU",
            "нам нужно Технологии: лаборатория",
            "видимость Технологии организаторы",
            "только организаторы",
        ),
        ("ar", "نحتاج التكنولوجيا: مختبر", "الخصوصية التكنولوجيا الجميع", "الجميع"),
        ("zh-CN", "我们需要 技术：实验室", "可见范围 技术 组织者", "仅组织者"),
    ],
)
async def test_six_languages_set_visibility(
    talk: Talk, locale: str, need: str, command: str, done: str
) -> None:
    state = talk.person("state", platform="slack", locale=locale)
    await state.says(need)
    await state.says("cancel")
    assert done in await state.says(command)
    listed = await state.says(command.split()[0])
    assert done in listed
