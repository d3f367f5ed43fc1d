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
from handlers.registration.words import ALL, LATER, NO, NONE, YES
from handlers.shared.answers import yes_or_no

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
    "hod_name": (
        *("name", "head", "hod", "head of delegation", "nom", "chef", "nombre", "jefe"),
        *("имя", "глава", "глава делегации", "الاسم", "رئيس الوفد", "团长", "姓名"),
    ),
    "hod_designation": (
        *("designation", "title", "fonction", "titre", "cargo", "titulo"),
        *("должность", "المنصب", "الصفة", "职务"),
    ),
    "experts": (
        "experts",
        "expert",
        "expertos",
        "experto",
        "эксперты",
        "эксперт",
        "الخبراء",
        "خبراء",
        "专家",
    ),
    "reception_hod": ("reception", "rsvp", "recepcion", "прием", "الاستقبال", "招待会"),
    "breakout_group": (
        *("group", "breakout", "breakout group", "groupe", "grupo"),
        *("группа", "المجموعة", "分组", "小组"),
    ),
    "email": (
        *("email", "e-mail", "mail", "contact", "courriel", "correo"),
        *("почта", "электронная почта", "البريد", "البريد الإلكتروني", "邮件", "邮箱", "电子邮件"),
    ),
}

MAX_NAME = 120
MAX_DESIGNATION = 150
MAX_EXPERTS = 10
MAX_TEXT = 2000  # anything longer is refused before any parsing work

# Join codes: no 0/O or 1/I/L, so a code read aloud or copied by hand is unambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8

_NAME_CHARS = re.compile(r"^[\w\s.,'’()&/:\-]+$")
# Experts as typed: bullets, "Name (title)", "Name, title" or "Name - title"; after a ')' a joining word.
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+")
_PARENTHESISED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<designation>[^()]*)\)\s*$")
_NAME_DESIGNATION_SPLIT = re.compile(r",|\s[-–—]\s")
_AFTER_TITLE = re.compile(r"\s*(?:,|&|(?:and|et|y|e|и)\b|و|和|以及|及)\s*", re.IGNORECASE)
# Arabic and Chinese keyboards type their own comma and semicolon; lists read them as , and ;
_LIST_PUNCTUATION = str.maketrans({"،": ",", "؛": ";", "，": ",", "；": ";", "、": ",", "（": "(", "）": ")"})

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
    """'Ana Ruiz (Legal Adviser) and Li Wei (CERT lead)' → two experts; 'none' → []."""
    if normalise_command(text) in NONE:
        return []
    if len(text) > MAX_TEXT:
        raise FieldError("registration.error.too_long", limit=MAX_TEXT)
    items = split_people(text)
    if not items:
        raise FieldError("registration.error.empty")
    if len(items) > MAX_EXPERTS:
        raise FieldError("registration.error.too_many_experts", limit=MAX_EXPERTS)
    return [_expert(item) for item in items]


def split_people(text: str) -> list[str]:
    """One string per person, titles kept with their names."""
    people: list[str] = []
    for line in re.split(r"[;\n]", text.translate(_LIST_PUNCTUATION)):
        people.extend(_after_titles(line))
    return [_BULLET.sub("", person).strip() for person in people if person.strip()]


def _after_titles(line: str) -> list[str]:
    """Splits 'A (x, y) and B (z), C (w)' after each top-level ')' followed by a joining word."""
    parts, start, depth, index = [], 0, 0, 0
    while index < len(line):
        char = line[index]
        depth += {"(": 1, ")": -1}.get(char, 0)
        depth = max(depth, 0)
        if char == ")" and depth == 0:
            joiner = _AFTER_TITLE.match(line, index + 1)
            rest = line[joiner.end() :] if joiner else ""
            if joiner and joiner.group().strip() and rest.strip():
                parts.append(line[start : index + 1])
                start = index = joiner.end()
                continue
        index += 1
    parts.append(line[start:])
    return parts


def _expert(item: str) -> dict[str, str]:
    titled = _PARENTHESISED.match(item)
    if titled:
        name, designation = titled["name"], titled["designation"]
    else:
        match = _NAME_DESIGNATION_SPLIT.search(item)
        name, designation = (item[: match.start()], item[match.end() :]) if match else (item, "")
    designation = designation.strip()
    return {
        "name": parse_name(name.strip()),
        "designation": parse_name(designation, MAX_DESIGNATION) if designation else "",
    }


def parse_attendance(text: str) -> bool | None:
    """Will the Head of Delegation come to the reception: yes (True), no (False), not decided (None)."""
    word = normalise_command(text)
    if word in YES:
        return True
    if word in LATER:
        return None
    if word in NO:
        return False
    said = yes_or_no(text)  # "yes, he will attend", "نعم سيحضر", "no, she cannot make it"
    if said is not None:
        return said
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
    """Eight characters with at least one digit, so a code quoted in a sentence is told from a word."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if any(ch.isdigit() for ch in code):
            return code


def normalise_code(text: str) -> str | None:
    """'abcd-efgh', 'w9wb gp9n', 'W9WB-GP9N.' → 'ABCDEFGH'; None when it cannot be a join code."""
    code = re.sub(r"[\W_]", "", text).upper()
    if len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code):
        return code
    return None


_TOKEN = re.compile(r"[A-Za-z0-9]+")


def find_join_code(text: str) -> str | None:
    """A join code quoted in a sentence ("my colleague gave me the code W9WB-GP9N"), shown as 'W9WB-GP9N'.

    A code is eight characters of the code alphabet, whole or as two halves joined by a space or a dash.
    Eight plain letters count only in capitals or with the dash, so "strength" is never read as a code."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text[:MAX_TEXT])]
    for index, (word, start, end) in enumerate(tokens):
        candidates = [(word, word)]
        if index + 1 < len(tokens):
            following, next_start, _ = tokens[index + 1]
            gap = text[end:next_start]
            if len(word) == len(following) == CODE_LENGTH // 2 and gap.strip() in ("", "-", "–"):
                candidates.insert(0, (word + following, text[start : tokens[index + 1][2]]))
        for letters, written in candidates:
            code = normalise_code(letters)
            if code and (any(ch.isdigit() for ch in code) or written.isupper() or "-" in written):
                return show_code(code)
    return None


def show_code(code: str) -> str:
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def field_named(words: str) -> str | None:
    """`change e-mail` → 'email'; None when the words name no field."""
    wanted = normalise_command(words)
    for field, names in FIELD_WORDS.items():
        if wanted in {normalise_command(name) for name in names}:
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
