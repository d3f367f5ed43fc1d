"""The registration answers as pure functions: text in, clean value out, or a FieldError naming the hint.

The chat flow (one answer per step) and the form submit (every field at once) both validate here, so
Slack modals, Teams Adaptive Cards and the terminal accept exactly the same values.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from email_validator import EmailNotValidError, validate_email
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from bot.event import Event
from bot.text import normalise_command

# The order of the questions; "reception_experts" is skipped when there are no experts.
STEPS = (
    "delegation",
    "hod_name",
    "hod_designation",
    "experts",
    "reception_hod",
    "reception_experts",
    "breakout_group",
    "email",
)
# What `change <field>` may name: the step it starts at.
CHANGEABLE = ("hod_name", "hod_designation", "experts", "reception_hod", "breakout_group", "email")
FIELD_WORDS = {
    "hod_name": ("name", "head", "hod", "head of delegation", "nom", "chef", "nombre", "jefe"),
    "hod_designation": ("designation", "title", "fonction", "titre", "cargo", "titulo"),
    "experts": ("experts", "expert", "expertos", "experto"),
    "reception_hod": ("reception", "rsvp", "recepcion"),
    "breakout_group": ("group", "breakout", "breakout group", "groupe", "grupo"),
    "email": ("email", "e-mail", "mail", "contact", "courriel", "correo"),
}

MAX_NAME = 120
MAX_DESIGNATION = 150
MAX_EXPERTS = 10
MAX_TEXT = 2000  # anything longer is refused before any parsing work

# Join codes: no 0/O or 1/I/L, so a code read aloud or copied by hand is unambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8

_NAME_CHARS = re.compile(r"^[\w\s.,'’()&/:\-]+$")
_EXPERT_SPLIT = re.compile(r"[;\n]")
_NAME_DESIGNATION_SPLIT = re.compile(r",|\s[-–—]\s")
# Arabic and Chinese keyboards type their own comma and semicolon; lists read them as , and ;
_LIST_PUNCTUATION = str.maketrans({"،": ",", "؛": ";", "，": ",", "；": ";", "、": ","})

# Short answers in the six UN languages, as normalise_command leaves them (case and accents folded).
YES = frozenset({"yes", "y", "oui", "si", "yes please", "ok", "نعم", "اجل", "да", "是", "是的", "好", "对"})
NO = frozenset({"no", "n", "non", "لا", "нет", "否", "不", "不是", "不会"})
LATER = frozenset(
    {
        "later",
        "not sure",
        "not sure yet",
        "unsure",
        "skip",
        "plus tard",
        "mas tarde",
        "no se",
        "لاحقا",
        "غير متاكد",
        "تخطي",
        "позже",
        "не знаю",
        "пока не знаю",
        "пропустить",
        "稍后",
        "以后",
        "不确定",
        "跳过",
    }
)
NONE = frozenset(
    {
        "none",
        "no",
        "nobody",
        "no one",
        "aucun",
        "personne",
        "ninguno",
        "nadie",
        "skip",
        "لا احد",
        "لا يوجد",
        "تخطي",
        "никто",
        "нет",
        "пропустить",
        "无",
        "没有",
        "没有人",
        "跳过",
    }
)
ALL = frozenset(
    {
        "all",
        "everyone",
        "all of them",
        "tous",
        "toutes",
        "todos",
        "todas",
        "الكل",
        "الجميع",
        "все",
        "全部",
        "所有人",
    }
)

# Government Ministers get priority for interventions; "Minister-Counsellor" is a diplomatic rank.
_MINISTER_WORDS = ("minister", "ministre", "ministro", "ministra", "министр")
_NOT_MINISTER_TOKENS = frozenset(
    {"ministry", "ministere", "ministerio", "ministerial", "ministeriel", "министерство", "министерства"}
)
# Words too short for the fuzzy match, or written without spaces: وزير/وزيرة (not وزارة, the ministry), 部长.
_MINISTER_EXACT = frozenset({"وزير", "وزيرة"})
_MINISTER_SUBSTRINGS = ("部长",)
_DIPLOMATIC_RANKS = frozenset(
    {"counsellor", "counselor", "conseiller", "consejero", "plenipotentiary", "plenipotentiaire"}
)


class FieldError(Exception):
    """An answer that cannot be used; ``message_id`` is the hint shown before the question again."""

    def __init__(self, message_id: str, **params: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params


def clean_text(text: str, limit: int) -> str:
    """NFC, no control characters, single spaces; refuses empty and over-long text."""
    if len(text) > MAX_TEXT:
        raise FieldError("registration.error.too_long", limit=limit)
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = " ".join(text.split())
    if not text:
        raise FieldError("registration.error.empty")
    if len(text) > limit:
        raise FieldError("registration.error.too_long", limit=limit)
    return text


def parse_name(text: str, limit: int = MAX_NAME) -> str:
    """A person's or a delegation's name: letters, digits, spaces and . , ' ’ ( ) & / : - only."""
    name = clean_text(text, limit)
    if not _NAME_CHARS.match(name) or "_" in name:
        raise FieldError("registration.error.characters")
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        raise FieldError("registration.error.no_letters")
    return name


def name_key(name: str) -> str:
    """The same delegation however it is typed: 'Côte d’Ivoire' == 'cote d'ivoire' == 'COTE D IVOIRE'."""
    plain = normalise_command(name)
    words = re.sub(r"[^\w]+", " ", plain).split()
    if words and words[0] in {"the", "la", "le", "el", "l"}:
        words = words[1:]
    return " ".join(words)[:200]


def parse_designation(text: str) -> str:
    """A title ('Minister for Foreign Affairs'); "" when the user skips it (organisers chase it later)."""
    if normalise_command(text) in LATER:
        return ""
    return parse_name(text, MAX_DESIGNATION)


def is_minister(designation: str) -> bool:
    """True for a government Minister (typos tolerated), not for 'Ministry of …' or 'Minister-Counsellor'."""
    folded = normalise_command(designation)
    tokens = re.sub(r"[^\w]+", " ", folded).split()
    if any(t in _MINISTER_EXACT for t in tokens) or any(word in folded for word in _MINISTER_SUBSTRINGS):
        return True
    for index, token in enumerate(tokens):
        if token in _NOT_MINISTER_TOKENS or len(token) < 6:
            continue
        if process.extractOne(token, _MINISTER_WORDS, scorer=fuzz.ratio, score_cutoff=85) is None:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if following not in _DIPLOMATIC_RANKS:
            return True
    return False


def parse_experts(text: str) -> list[dict[str, str]]:
    """'Ana Ruiz, Legal Adviser; Li Wei - CERT lead' → names with designations; 'none' → []."""
    if normalise_command(text) in NONE:
        return []
    if len(text) > MAX_TEXT:
        raise FieldError("registration.error.too_long", limit=MAX_TEXT)
    items = [item for item in _EXPERT_SPLIT.split(text.translate(_LIST_PUNCTUATION)) if item.strip()]
    if not items:
        raise FieldError("registration.error.empty")
    if len(items) > MAX_EXPERTS:
        raise FieldError("registration.error.too_many_experts", limit=MAX_EXPERTS)
    experts = []
    for item in items:
        name, _, designation = (part.strip() for part in _split_once(item))
        experts.append(
            {
                "name": parse_name(name),
                "designation": parse_name(designation, MAX_DESIGNATION) if designation else "",
            }
        )
    return experts


def _split_once(item: str) -> tuple[str, str, str]:
    match = _NAME_DESIGNATION_SPLIT.search(item)
    if match is None:
        return item, "", ""
    return item[: match.start()], match.group(), item[match.end() :]


def parse_attendance(text: str) -> bool | None:
    """Will the Head of Delegation come to the reception: yes (True), no (False), not decided (None)."""
    word = normalise_command(text)
    if word in YES:
        return True
    if word in LATER:
        return None
    if word in NO:
        return False
    raise FieldError("registration.error.choice")


def parse_attending_experts(text: str, experts: Iterable[Mapping[str, str]]) -> list[str]:
    """'all', 'none', or names separated by ';' or ',' (matched leniently to the experts given)."""
    names = [e["name"] for e in experts]
    word = normalise_command(text)
    if word in ALL:
        return names
    if word in NONE:
        return []
    chosen: list[str] = []
    for part in re.split(r"[;,\n]", clean_text(text, MAX_TEXT).translate(_LIST_PUNCTUATION)):
        if not part.strip():
            continue
        match = process.extractOne(
            part.strip(), names, scorer=fuzz.WRatio, processor=default_process, score_cutoff=85
        )
        if match is None:
            raise FieldError("registration.error.unknown_expert", name=part.strip()[:60])
        if match[0] not in chosen:
            chosen.append(match[0])
    return chosen


def breakout_groups(event: Event) -> dict[str, list[str]]:
    """Group label ('I') → the words that name it: the label, its number, its aliases in every language."""
    groups: dict[str, list[str]] = {}
    for position, session in enumerate(event.breakout_sessions, 1):
        label = session.group or str(position)
        words = [label.casefold(), str(position), *(normalise_command(w) for _, w in session.aliases.every())]
        groups[label] = words
    return groups


def parse_group(text: str, event: Event) -> str:
    word = normalise_command(text)
    for label, words in breakout_groups(event).items():
        if word in words:
            return label
    raise FieldError("registration.error.group", choices=" / ".join(breakout_groups(event)))


def parse_email(text: str) -> str:
    """A syntactically valid address (no DNS lookup: tests and offline set-ups must not need network)."""
    address = clean_text(text, 254)
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        raise FieldError("registration.error.email") from None


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """'abcd-efgh' → 'ABCDEFGH'; None when it cannot be a join code."""
    code = re.sub(r"[\s\-]", "", text).upper()
    if len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code):
        return code
    return None


def show_code(code: str) -> str:
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def rest_after(text: str, words: tuple[str, ...]) -> str:
    """The words after the command word: `change e-mail` → 'e-mail'."""
    said = normalise_command(text)
    for word in sorted((normalise_command(w) for w in words), key=len, reverse=True):
        if said == word or said.startswith(word + " "):
            return said[len(word) :].strip()
    return said


def field_named(words: str) -> str | None:
    """`change e-mail` → 'email'; None when the words name no field."""
    wanted = normalise_command(words)
    for field, names in FIELD_WORDS.items():
        if wanted in names:
            return field
    return None


def parse_step(step: str, text: str, draft: Mapping[str, Any], event: Event) -> dict[str, Any]:
    """The draft fields one answer sets (the designation also sets the Minister flag)."""
    if step in ("delegation", "hod_name"):
        return {step: parse_name(text)}
    if step == "hod_designation":
        designation = parse_designation(text)
        return {"hod_designation": designation, "hod_is_minister": is_minister(designation)}
    if step == "experts":
        experts = parse_experts(text)
        kept = [n for n in draft.get("reception_experts", []) if n in {e["name"] for e in experts}]
        return {"experts": experts, "reception_experts": kept}
    if step == "reception_hod":
        return {"reception_hod": parse_attendance(text)}
    if step == "reception_experts":
        return {"reception_experts": parse_attending_experts(text, draft.get("experts", []))}
    if step == "breakout_group":
        return {"breakout_group": parse_group(text, event)}
    if step == "email":
        return {"email": parse_email(text)}
    raise ValueError(f"unknown step {step!r}")


# Fields a form may leave blank, and what blank means.
FORM_OPTIONAL = {"hod_designation": "skip", "experts": "none", "reception_experts": "none"}


def parse_form(inputs: Mapping[str, str], event: Event) -> tuple[dict[str, Any], dict[str, FieldError]]:
    """Every field of a form submit at once: the draft, and the error of each field that failed."""
    draft: dict[str, Any] = {}
    errors: dict[str, FieldError] = {}
    for step in STEPS:
        value = inputs.get(step, "")
        if not value.strip():
            value = FORM_OPTIONAL.get(step, value)
        try:
            draft.update(parse_step(step, value, draft, event))
        except FieldError as error:
            errors[step] = error
    return draft, errors
