"""`change experts`: the experts listed and edited one by one (parsing them: fields.parse_experts).

fields.parse_experts reads every way a list arrives in chat: "A (Director Cyber Security Unit) and B (Head,
CERT Fiji)", "A (title); B (title)", "A, title; B - title", one per line, bullets and numbers. A title in
parentheses may hold commas; outside parentheses ';', new lines, and ',' or "and" after a ')' separate people.
``edit_command`` reads "add …", "remove 2", "change 1 …" and "done" in the six languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.text import normalise_command
from handlers.registration.fields import MAX_EXPERTS, FieldError, parse_experts

Expert = dict[str, str]  # {"name": …, "designation": …}; stored as JSON on the registration

ADD_WORDS = ("add", "ajouter", "anadir", "agregar", "добавить", "اضف", "أضف", "添加", "增加")
REMOVE_WORDS = ("remove", "delete", "supprimer", "retirer", "quitar", "eliminar", "удалить", "احذف", "删除")
CHANGE_WORDS = ("change", "edit", "modifier", "cambiar", "modificar", "изменить", "غير", "عدل", "修改")
DONE_WORDS = frozenset(
    {"done", "finished", "save", "termine", "fini", "listo", "hecho", "готово", "все", "تم", "完成"}
)

Verb = Literal["add", "remove", "change", "done"]
_VERBS: tuple[tuple[Verb, tuple[str, ...]], ...] = (
    ("add", ADD_WORDS),
    ("remove", REMOVE_WORDS),
    ("change", CHANGE_WORDS),
)


@dataclass(frozen=True, slots=True)
class EditCommand:
    verb: Verb
    number: int | None = None  # 1-based position in the list shown
    text: str = ""  # the expert(s) to add, or the new value of one


def edit_command(text: str) -> EditCommand | None:
    """'add Ana Ruiz (Legal Adviser)', 'remove 2', 'change 1 Li Wei (CERT lead)', 'done'; None otherwise."""
    said = normalise_command(text)
    if said in DONE_WORDS:
        return EditCommand("done")
    for verb, words in _VERBS:
        word = next((w for w in words if said == w or said.startswith(w + " ")), None)
        if word is None:
            continue
        rest = text.strip()[len(word) :].strip() if len(text.strip()) >= len(word) else ""
        if verb == "add":
            return EditCommand("add", text=rest)
        number, _, value = rest.partition(" ")
        position = int(number.rstrip(".:")) if number.rstrip(".:").isdigit() else None
        return EditCommand(verb, position, value.strip())
    return None


def apply_edit(experts: list[Expert], command: EditCommand) -> list[Expert]:
    """The list after one edit; FieldError when the number is not on the list or the text is not valid."""
    if command.verb == "add":
        added = parse_experts(command.text)
        if not added:
            raise FieldError("registration.error.empty")
        if len(experts) + len(added) > MAX_EXPERTS:
            raise FieldError("registration.error.too_many_experts", limit=MAX_EXPERTS)
        return [*experts, *added]
    if command.number is None or not 1 <= command.number <= len(experts):
        raise FieldError("registration.error.expert_number", count=len(experts))
    index = command.number - 1
    if command.verb == "remove":
        return experts[:index] + experts[index + 1 :]
    replaced = parse_experts(command.text) if command.text else []
    if len(replaced) != 1:
        raise FieldError("registration.error.expert_one")
    return [*experts[:index], replaced[0], *experts[index + 1 :]]
