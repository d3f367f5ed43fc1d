"""Experts as people type them (a property: every way of writing a list reads back the same people), the
one-by-one edits, and join codes found inside sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.registration.experts import EditCommand, apply_edit, edit_command
from handlers.registration.fields import (
    CODE_ALPHABET,
    FieldError,
    find_join_code,
    new_join_code,
    normalise_code,
    parse_experts,
    show_code,
)

NAMES = st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8}){0,2}", fullmatch=True)
TITLES = st.from_regex(r"[A-Z][a-z]{1,9}( [A-Za-z]{2,9}){0,3}", fullmatch=True)
TITLES_WITH_COMMAS = st.from_regex(r"[A-Z][a-z]{1,9}(,? [A-Za-z]{2,9}){0,3}", fullmatch=True)
PEOPLE = st.lists(st.tuples(NAMES, TITLES_WITH_COMMAS), min_size=1, max_size=5)


def expected(people: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": name, "designation": title} for name, title in people]


@given(PEOPLE, st.sampled_from(["; ", " and ", ", ", "\n", " et ", " y ", " и ", " و ", "和", "\n- "]))
def test_names_with_titles_in_parentheses_read_back_whatever_joins_them(
    people: list[tuple[str, str]], joiner: str
) -> None:
    typed = joiner.join(f"{name} ({title})" for name, title in people)
    assert parse_experts(typed) == expected(people)


@given(st.lists(st.tuples(NAMES, TITLES), min_size=1, max_size=5), st.sampled_from([", ", " - "]))
def test_name_comma_title_one_per_line_or_by_semicolons(people: list[tuple[str, str]], between: str) -> None:
    for joiner in ("\n", "; "):
        typed = joiner.join(f"{name}{between}{title}" for name, title in people)
        assert parse_experts(typed) == expected(people)


@pytest.mark.parametrize(
    ("typed", "people"),
    [
        (
            "A Smith (Director Cyber Security Unit) and B Jones (Head, CERT Fiji)",
            [("A Smith", "Director Cyber Security Unit"), ("B Jones", "Head, CERT Fiji")],
        ),
        (
            "1. Ana Ruiz (Legal Adviser)\n2. Li Wei (CERT lead)",
            [("Ana Ruiz", "Legal Adviser"), ("Li Wei", "CERT lead")],
        ),
        ("Ana Ruiz （法律顾问）和 Li Wei （CERT）", [("Ana Ruiz", "法律顾问"), ("Li Wei", "CERT")]),
        ("Анна Ли (юрист) и Иван Пак (CERT)", [("Анна Ли", "юрист"), ("Иван Пак", "CERT")]),
        ("Ana Ruiz", [("Ana Ruiz", "")]),
    ],
)
def test_lists_as_delegates_type_them(typed: str, people: list[tuple[str, str]]) -> None:
    assert parse_experts(typed) == expected(people)


def test_no_experts_in_six_languages() -> None:
    for word in ("none", "aucun", "ninguno", "нет", "لا يوجد", "没有"):
        assert parse_experts(word) == []


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("add Ana Ruiz (Legal Adviser)", EditCommand("add", text="Ana Ruiz (Legal Adviser)")),
        ("Añadir Ana Ruiz", EditCommand("add", text="Ana Ruiz")),
        ("remove 2", EditCommand("remove", 2)),
        ("удалить 1", EditCommand("remove", 1)),
        ("change 1 Li Wei (CERT)", EditCommand("change", 1, "Li Wei (CERT)")),
        ("modifier 2. Li Wei", EditCommand("change", 2, "Li Wei")),
        ("done", EditCommand("done")),
        ("完成", EditCommand("done")),
        ("Ana Ruiz", None),
    ],
)
def test_edit_commands(typed: str, command: EditCommand | None) -> None:
    assert edit_command(typed) == command


def test_edits_apply_to_the_numbered_list() -> None:
    listed = parse_experts("A Smith (x); B Jones (y)")
    assert apply_edit(listed, EditCommand("remove", 1)) == [{"name": "B Jones", "designation": "y"}]
    assert apply_edit(listed, EditCommand("change", 2, "Bo Jones (z)"))[1] == {
        "name": "Bo Jones",
        "designation": "z",
    }
    assert len(apply_edit(listed, EditCommand("add", text="C Day (w) and D Lee (v)"))) == 4
    with pytest.raises(FieldError, match="expert_number"):
        apply_edit(listed, EditCommand("remove", 3))
    with pytest.raises(FieldError, match="expert_one"):
        apply_edit(listed, EditCommand("change", 1, ""))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ok my colleague gave me the code W9WB-GP9N", "W9WB-GP9N"),
        ("join w9wb gp9n", "W9WB-GP9N"),
        ("W9WB-GP9N.", "W9WB-GP9N"),
        ("code: w9wbgp9n, thanks", "W9WB-GP9N"),
        ("我同事给了我代码 W9WB-GP9N", "W9WB-GP9N"),
        ("коллега дал мне код w9wb-gp9n", "W9WB-GP9N"),
        ("strength training", None),
        ("please register them", None),
        ("meet at 10:30 on 2024-05-09", None),
    ],
)
def test_join_codes_inside_sentences(text: str, code: str | None) -> None:
    assert find_join_code(text) == code


CODES = st.text(alphabet=CODE_ALPHABET, min_size=8, max_size=8).filter(
    lambda c: any(ch.isdigit() for ch in c)
)


def test_issued_codes_always_hold_a_digit() -> None:
    """So a code quoted in a sentence is told from an eight-letter word."""
    codes = [new_join_code() for _ in range(300)]
    assert all(any(ch.isdigit() for ch in code) and set(code) <= set(CODE_ALPHABET) for code in codes)


@given(CODES, st.sampled_from(["join {}", "the code is {}.", "{} please", "код {}"]))
def test_every_code_is_found_however_it_is_written(code: str, sentence: str) -> None:
    for written in (show_code(code), show_code(code).lower(), show_code(code).replace("-", " ")):
        assert find_join_code(sentence.format(written)) == show_code(code)
        assert normalise_code(written + ".") == code
