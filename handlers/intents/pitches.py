"""Natural requests for pitch slots: book one, move ours, cancel it, see ours."""

from __future__ import annotations

import re

from bot.text import normalise_command
from handlers.intents.engine import IntentRule, labels
from handlers.pitches import slotpick

_PITCH = (
    *("pitch", "slot", "créneau", "creneau", "présentation", "franja", "turno", "presentación", "питч"),
    *(
        "слот",
        "презентац",
        "выступлен",
        "عرض",
        "العرض",
        "العروض",
        "الفترة",
        "فترة",
        "路演",
        "推介",
        "时段",
        "展示",
    ),
)
_BOOK = (
    "book",
    "reserve",
    "get",
    "take",
    "sign",
    "réserver",
    "reservar",
    "забронир",
    "записат",
    "حجز",
    "预订",
    "预约",
)
_MOVE = (
    *("move", "change", "earlier", "later", "switch", "swap", "reschedule", "another slot"),
    *("déplacer", "plus tôt", "plus tard", "changer de", "mover", "cambiar", "adelantar", "más temprano"),
    *(
        "перенести",
        "переместить",
        "раньше",
        "позже",
        "поменять",
        "نقل",
        "تغيير",
        "أبكر",
        "改到",
        "换",
        "提前",
    ),
    *("调整", "改期"),
)
_CANCEL = (
    "cancel",
    "drop",
    "give up",
    "annuler",
    "cancelar",
    "отменить",
    "отказат",
    "=إلغاء",  # whole words: "الغداء" (lunch) is one letter away
    "=الغاء",
    "取消",
)
_OURS = ("my pitch", "our pitch", "notre pitch", "mon pitch", "nuestro pitch", "mi pitch", "наш", "我们的")
_DETAILS = (
    "title",
    "slides",
    "link",
    "titre",
    "diapo",
    "lien",
    "título",
    "enlace",
    "назван",
    "слайд",
    "عنوان",
    "标题",
)
# Slot numbers ("slot 6", "#6", "6") and times ("2:05", "14h10", "2.10 pm") a sentence gives.
_SLOT_OR_TIME = re.compile(
    r"\b\d{1,2}(?:[:.h]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?!\d)|第\s*\d{1,2}", re.IGNORECASE
)


def _with_slots(text: str, command: str) -> str:
    """``command`` followed by every slot number or time the sentence names ("pitch 6 2:05")."""
    found = [" ".join(m.group(0).split()) for m in _SLOT_OR_TIME.finditer(text)]
    return " ".join([command, *found])


# "we would like to present at the matchmaking lunch": presenting there is a pitch.
_PRESENT = (
    *(
        "present",
        "presenter",
        "presentar",
        "выступить",
        "представить",
        "تقديم عرض",
        "نقدم عرضا",
        "介绍",
        "展示",
    ),
)
_MATCHMAKING = (
    *("matchmaking", "lunch", "mise en relation", "dejeuner", "emparejamiento", "almuerzo", "подбор"),
    *("обед", "التوفيق", "الغداء", "配对", "午餐"),
)

# "I meant / I wanted / wrong / я ошибся …": a correction; what follows it names the slot really wanted.
_CORRECTION = (
    *("i meant", "i wanted", "we wanted", "we meant", "wrong", "mistake", "oops"),
    *("je voulais", "nous voulions", "erreur", "trompe", "queria", "queriamos", "equivoque", "error"),
    *("я хотел", "я хотела", "мы хотели", "ошиб", "имел в виду"),
    *("أردت", "اردت", "كنت أريد", "كنا نريد", "خطأ"),
    *("我想要的是", "我要的是", "错了", "搞错", "弄错"),
)
# A correction names a slot only with a digit in it (or a Chinese slot or clock word).
_DIGITS = (*"0123456789٠١٢٣٤٥٦٧٨٩", "第", "点", "号")
_CORRECTION_AT = re.compile("|".join(map(re.escape, sorted(_CORRECTION, key=len, reverse=True))))


def _corrected_slot(text: str, command: str) -> str | None:
    """``move pitch 7`` / ``move pitch 2:10`` from what follows the correction ("wait I typed 7, I wanted
    the 2:10 one" → the 2:10 one); None when it names no slot and no time (then it is no request)."""
    folded = normalise_command(text)
    markers = list(_CORRECTION_AT.finditer(folded))
    wanted = slotpick.mention(folded[markers[-1].end() :] if markers else folded, bare=False)
    if wanted.clock is not None:
        clock = wanted.clock
        return f"{command} {clock.hour}:{clock.minute:02d}{' ' + clock.meridiem if clock.meridiem else ''}"
    return f"{command} {wanted.number}" if wanted.number is not None else None


RULES = (
    IntentRule("cancel pitch", topics=_CANCEL, also=_PITCH),
    IntentRule(
        "move pitch", topics=_CORRECTION, also=_DIGITS, request=False, unless=_DETAILS, build=_corrected_slot
    ),
    IntentRule("move pitch", topics=_MOVE, also=_PITCH, unless=_DETAILS, build=_with_slots),
    IntentRule("my pitch", topics=_OURS, also=_PITCH, request=False, unless=_MOVE),
    IntentRule("pitch", topics=_PITCH, orders=("pitch", "book"), build=_with_slots),
    IntentRule("pitch", topics=_BOOK, also=_PITCH, build=_with_slots),
    IntentRule("pitch", topics=_PRESENT, also=_MATCHMAKING, build=_with_slots),
    IntentRule("pitch", lines=labels("reminders.button.pitch")),
    IntentRule("my pitch", lines=labels("pitch.button.mine")),
)
