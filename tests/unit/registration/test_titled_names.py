"""A person's name with a title, typed where the delegation is asked, is recognised in the six languages;
organisations' names, even those that open with a word like a title, are not."""

from __future__ import annotations

import pytest

from handlers.registration.delegation import titled


@pytest.mark.parametrize(
    "typed",
    [
        "Ambassador Ana Ruiz",
        "Amb. Jane Wanjiru",
        "H.E. Mr. Jone Usamate",
        "Dr Li Wei",
        "Mme Aïssatou Diop",
        "S.E. M. Diallo",
        "Embajadora Paula Narváez",
        "Sra. Gómez",
        "посол Айгуль Сарсенова",
        "г-н Иванов",
        "السفيرة جين وانجيرو",
        "معالي الوزير",
        "王毅大使",
        "李先生",
    ],
)
def test_a_titled_name_is_recognised(typed: str) -> None:
    assert titled(typed)


@pytest.mark.parametrize(
    "typed",
    ["Fiji", "Ministry of Foreign Affairs", "GFCE", "Ambassador", "Mission permanente du Sénégal", "中国"],
)
def test_a_delegation_or_a_lone_title_is_not(typed: str) -> None:
    assert not titled(typed)
