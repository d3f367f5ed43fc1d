"""Registration answers as pure functions: what is accepted, what is refused, and with which hint."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.event import Event
from handlers.registration.fields import (
    CODE_ALPHABET,
    FieldError,
    field_named,
    is_minister,
    name_key,
    new_join_code,
    normalise_code,
    parse_attendance,
    parse_attending_experts,
    parse_email,
    parse_experts,
    parse_form,
    parse_group,
    parse_name,
)


@pytest.mark.parametrize(
    ("designation", "minister"),
    [
        ("Minister for Foreign Affairs", True),
        ("Prime Minister", True),
        ("Deputy Minister of ICT", True),
        ("Ministre des affaires étrangères", True),
        ("Ministra de Relaciones Exteriores", True),
        ("Ministro de Defensa", True),
        ("Minster of Communications", True),  # a typo still counts
        ("Minister-Counsellor", False),  # a diplomatic rank, not a Minister
        ("Minister Plenipotentiary", False),
        ("Ministry of Foreign Affairs, Director", False),
        ("Directeur, Ministère de l'intérieur", False),
        ("Permanent Representative", False),
        ("Administrator", False),
        ("", False),
    ],
)
def test_ministers_are_recognised(designation: str, minister: bool) -> None:
    assert is_minister(designation) is minister


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("", "registration.error.empty"),
        ("   ", "registration.error.empty"),
        ("x" * 5000, "registration.error.too_long"),
        ("🎉🎉🎉", "registration.error.characters"),
        ("'; DROP TABLE delegation; --", "registration.error.characters"),
        ("<script>alert(1)</script>", "registration.error.characters"),
        ("12345", "registration.error.no_letters"),
        ("a_b", "registration.error.characters"),
    ],
)
def test_names_refuse_what_is_not_a_name(text: str, hint: str) -> None:
    with pytest.raises(FieldError) as raised:
        parse_name(text)
    assert raised.value.message_id == hint


@pytest.mark.parametrize(
    "name",
    ["Côte d'Ivoire", "Micronesia (Federated States of)", "H.E. Mr. José Álvarez-O’Neill", "日本", "مصر"],
)
def test_real_names_are_accepted_as_typed(name: str) -> None:
    assert parse_name(f"  {name}\n") == name


@given(st.text(max_size=300))
def test_any_text_is_either_a_name_or_a_polite_hint(text: str) -> None:
    hint = ""
    try:
        assert parse_name(text)
    except FieldError as error:
        hint = error.message_id
    assert hint == "" or hint.startswith("registration.error.")


def test_the_same_delegation_however_it_is_typed() -> None:
    assert name_key("Côte d’Ivoire") == name_key("cote d'ivoire") == name_key("COTE D IVOIRE")
    assert name_key("The Netherlands") == name_key("Netherlands")
    assert name_key("Niger") != name_key("Nigeria")


def test_experts_with_or_without_designation() -> None:
    assert parse_experts("Ana Ruiz, Legal Adviser; Li Wei - CERT lead\nOmar") == [
        {"name": "Ana Ruiz", "designation": "Legal Adviser"},
        {"name": "Li Wei", "designation": "CERT lead"},
        {"name": "Omar", "designation": ""},
    ]
    assert parse_experts("none") == parse_experts("aucun") == parse_experts("ninguno") == []
    # Arabic and Chinese keyboards' own comma and semicolon
    assert parse_experts("منى حسن، مستشارة قانونية؛ علي أحمد") == [
        {"name": "منى حسن", "designation": "مستشارة قانونية"},
        {"name": "علي أحمد", "designation": ""},
    ]
    assert parse_experts("李伟，法律顾问；王芳") == [
        {"name": "李伟", "designation": "法律顾问"},
        {"name": "王芳", "designation": ""},
    ]
    with pytest.raises(FieldError, match="too_many_experts"):
        parse_experts("; ".join(f"Expert {chr(65 + i)}" for i in range(11)))


def test_reception_answers_in_three_languages() -> None:
    assert [parse_attendance(w) for w in ("yes", "Oui", "sí", "no", "non", "not sure", "plus tard")] == [
        True,
        True,
        True,
        False,
        False,
        None,
        None,
    ]
    with pytest.raises(FieldError):
        parse_attendance("perhaps")


@pytest.mark.parametrize(
    ("said", "attends"),
    [
        ("yes, he will attend", True),
        ("نعم سيحضر", True),
        ("oui, elle sera là", True),
        ("да, будет", True),
        ("no, she cannot make it", False),
        ("нет, не сможет", False),
        ("لا، لن يحضر", False),
    ],
)
def test_a_longer_reception_answer_opened_by_yes_or_no(said: str, attends: bool) -> None:
    assert parse_attendance(said) is attends


def test_an_answer_opened_by_an_ambiguous_word_is_still_asked_again() -> None:
    for said in ("si nous pouvons", "ok so who else is coming?"):  # French "if"; "ok" opens any sentence
        with pytest.raises(FieldError):
            parse_attendance(said)


def test_attending_experts_by_name_all_or_none() -> None:
    experts = [{"name": "Ana Ruiz", "designation": ""}, {"name": "Li Wei", "designation": ""}]
    assert parse_attending_experts("all", experts) == ["Ana Ruiz", "Li Wei"]
    assert parse_attending_experts("todos", experts) == ["Ana Ruiz", "Li Wei"]
    assert parse_attending_experts("li wei", experts) == ["Li Wei"]
    assert parse_attending_experts("none", experts) == []
    assert parse_attending_experts("Ana Ruiz、Li Wei", experts) == ["Ana Ruiz", "Li Wei"]
    with pytest.raises(FieldError, match="unknown_expert"):
        parse_attending_experts("Someone Else", experts)


@pytest.mark.parametrize(
    ("text", "group"),
    [("I", "I"), ("1", "I"), ("group ii", "II"), ("Groupe 2", "II"), ("grupo i", "I"), ("ii", "II")],
)
def test_breakout_group_by_label_number_or_alias(event: Event, text: str, group: str) -> None:
    assert parse_group(text, event) == group


def test_breakout_group_refuses_others(event: Event) -> None:
    with pytest.raises(FieldError) as raised:
        parse_group("3", event)
    assert raised.value.params == {"choices": "I / II"}


def test_email_is_validated_without_network() -> None:
    assert parse_email(" Hod@France.Example ") == "Hod@france.example"
    for bad in ("not-an-address", "a@b", "a@@b.org", "x" * 300 + "@a.org"):
        with pytest.raises(FieldError):
            parse_email(bad)


def test_join_codes_are_unambiguous_and_read_leniently() -> None:
    codes = {new_join_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 8 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("01IOL") & set(CODE_ALPHABET)
    assert normalise_code("abcd-efgh") == "ABCDEFGH"
    assert normalise_code("ABCD EFG") is None
    assert normalise_code("ABCD-EFG0") is None


def test_change_words_name_fields_in_three_languages() -> None:
    assert field_named("e-mail") == field_named("courriel") == field_named("correo") == "email"
    assert field_named("groupe") == "breakout_group"
    assert field_named("the weather") is None


def test_form_reports_every_bad_field_at_once(event: Event) -> None:
    draft, errors = parse_form(
        {"delegation": "🎉", "hod_name": "", "breakout_group": "9", "email": "x"}, event
    )
    assert set(errors) == {"delegation", "hod_name", "reception_hod", "breakout_group", "email"}
    assert draft["experts"] == [] and draft["hod_designation"] == ""


@pytest.mark.parametrize(
    ("designation", "minister"),
    [
        ("وزير الخارجية", True),
        ("وزارة الخارجية", False),
        ("Министр иностранных дел", True),
        ("Министерство иностранных дел", False),
        ("外交部部长", True),
        ("外交部", False),
    ],
)
def test_ministers_are_recognised_in_arabic_russian_and_chinese(designation: str, minister: bool) -> None:
    assert is_minister(designation) is minister


@pytest.mark.parametrize(
    ("answer", "attending"),
    [
        ("نعم", True),
        ("لا", False),
        ("لاحقاً", None),
        ("да", True),
        ("нет", False),
        ("是的", True),
        ("不", False),
    ],
)
def test_short_answers_are_read_in_arabic_russian_and_chinese(answer: str, attending: bool | None) -> None:
    assert parse_attendance(answer) is attending
