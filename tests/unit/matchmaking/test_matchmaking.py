"""Matchmaking as pure functions: the score of each component, the exact ranking of a small fixture,
capability names typed loosely, working languages by name or code."""

from __future__ import annotations

import pytest

from bot.event import Event
from handlers.matchmaking.parse import find_capability, parse_languages, split_capability
from handlers.matchmaking.scoring import Entry, Participant, assess, suggest, text_similarity

ME = Participant(
    key="console:ministry",
    name="Ministry of ICT",
    entries=(
        Entry("need", "people-skills", "cyber-apprenticeship training for young people"),
        Entry("offer", "policies-regulations", "experience drafting a national cyber strategy"),
    ),
    languages=("fr", "en"),
    region="West Africa",
)
ACADEMY = Participant(
    "console:academy",
    "Cyber Academy",
    (Entry("offer", "people-skills", "cyber apprenticeship training for young people"),),
    ("fr",),
    "West Africa",
)
INSTITUTE = Participant(
    "console:institute",
    "Beta Institute",
    (Entry("offer", "people-skills", "university courses in digital forensics"),),
    ("en",),
    "Pacific",
)
ISLAND = Participant(
    "console:island",
    "Island State",
    (Entry("need", "policies-regulations", "help drafting a national cyber strategy"),),
    ("es",),
)
VENDOR = Participant(
    "console:vendor",
    "Tech Vendor",
    (Entry("offer", "technology", "training for young people in cyber apprenticeship"),),
    (),
)
RIVAL = Participant(
    "console:rival",
    "Other Ministry",
    (Entry("need", "people-skills", "cyber-apprenticeship training for young people"),),
    ("fr",),
    "West Africa",
)


def test_components_of_a_score_are_each_visible() -> None:
    suggestion = assess(ME, ACADEMY)
    assert suggestion is not None
    assert suggestion.pairing.capability_points == 50
    assert suggestion.pairing.text_points == 30  # the same words once punctuation is folded
    assert suggestion.shared_languages == ("fr",) and suggestion.language_points == 15
    assert suggestion.same_region and suggestion.region_points == 5
    assert suggestion.score == 100


def test_ranking_of_the_fixture_is_exact() -> None:
    ranked = suggest(ME, [RIVAL, VENDOR, ISLAND, INSTITUTE, ACADEMY, ME])
    assert [(s.counterpart.name, s.score) for s in ranked] == [
        ("Cyber Academy", 100),  # capability 50 + text 30 + French 15 + West Africa 5
        ("Island State", 78),  # my offer, their need: capability 50 + text 28
        ("Beta Institute", 76),  # capability 50 + text 11 + English 15
        ("Tech Vendor", 30),  # other capability, near-identical text: text 30 only
    ]


def test_two_needers_are_not_matched_and_nobody_matches_themselves() -> None:
    assert assess(ME, RIVAL) is None
    assert all(s.counterpart.key != ME.key for s in suggest(ME, [ME, ACADEMY]))


def test_different_capabilities_need_similar_texts() -> None:
    vendor = assess(ME, VENDOR)
    assert vendor is not None and vendor.pairing.capability_points == 0
    unrelated = Participant("console:x", "X", (Entry("offer", "technology", "firewall appliances"),))
    assert assess(ME, unrelated) is None


def test_ties_are_broken_by_name() -> None:
    twin = Participant("console:aaa", "Academy Twin", ACADEMY.entries, ACADEMY.languages, ACADEMY.region)
    ranked = suggest(ME, [ACADEMY, twin])
    assert [s.counterpart.name for s in ranked] == ["Academy Twin", "Cyber Academy"]


def test_text_similarity_ignores_case_and_punctuation() -> None:
    assert text_similarity("Cyber-Apprenticeship TRAINING", "cyber apprenticeship training") == 100


@pytest.mark.parametrize(
    ("typed", "capability", "rest"),
    [
        ("People & Skills: cyber-apprenticeship training", "people-skills", "cyber-apprenticeship training"),
        ("people and skills cyber apprenticeship", "people-skills", "cyber apprenticeship"),
        ("training for CERT staff", "people-skills", "training for CERT staff"),
        ("Politiques et réglementations: stratégie nationale", "policies-regulations", "stratégie nationale"),
        ("Alianzas y redes cooperación sur-sur", "partnerships-networks", "cooperación sur-sur"),
        ("tecnologia CSIRT", "technology", "CSIRT"),
        ("a better world", None, "a better world"),
        # a name or alias inside the text, when it is the only one there
        (
            "soutien pour notre stratégie nationale",
            "policies-regulations",
            "soutien pour notre stratégie nationale",
        ),
        ("help drafting our cyber law", "policies-regulations", "help drafting our cyber law"),
        ("我们需要培训", "people-skills", "我们需要培训"),
        ("事件响应和网络安全战略", None, "事件响应和网络安全战略"),  # two capabilities named: asked
        (
            "we need people to help with incident response",
            None,
            "we need people to help with incident response",
        ),
    ],
)
def test_capability_is_read_from_names_and_aliases(
    event: Event, typed: str, capability: str | None, rest: str
) -> None:
    assert split_capability(typed, event, inside=True) == (capability, rest)


def test_a_capability_inside_a_question_at_the_choice_is_not_the_choice(event: Event) -> None:
    """ "事件响应属于哪一个？" at "which capability?" asks where incident response falls: it is explained."""
    assert split_capability("事件响应属于哪一个？", event) == (None, "事件响应属于哪一个？")


def test_a_misspelt_capability_is_still_found(event: Event) -> None:
    assert find_capability("Partnerships and Netwroks", event) == "partnerships-networks"
    assert find_capability("pizza", event) is None


@pytest.mark.parametrize(
    ("typed", "codes", "unknown"),
    [
        ("French, English", ["fr", "en"], []),
        ("fr en", ["fr", "en"], []),
        ("francés y árabe", ["fr", "ar"], []),
        ("Français et anglais", ["fr", "en"], []),
        ("klingon, english", ["en"], ["klingon"]),
        ("", [], []),
    ],
)
def test_working_languages_by_name_or_code(typed: str, codes: list[str], unknown: list[str]) -> None:
    assert parse_languages(typed) == (codes, unknown)
