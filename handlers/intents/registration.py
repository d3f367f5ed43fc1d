"""Natural requests for registration: register, join with a code, change, withdraw, see ours."""

from __future__ import annotations

import re

from handlers.intents.engine import IntentRule, labels, mentions
from handlers.registration.fields import find_join_code
from handlers.registration.states import find_state, state_name

__all__ = ["RULES", "find_join_code"]


def _join(text: str, command: str) -> str | None:
    code = find_join_code(text)
    return f"{command} {code}" if code else None


def _register(text: str, command: str) -> str:
    """`register Fiji` when the sentence names one State ("i need to registr the Fiji delegation"), so the
    flow starts with it offered; plain `register` otherwise."""
    guess = find_state(text)
    return f"{command} {state_name(guess.code, 'en')}" if guess.code else command


# Which field a change names ("add an expert" → `change experts`), matched as rules match stems.
_FIELDS = (
    ("experts", ("expert", "experto", "эксперт", "خبير", "الخبراء", "专家")),
    ("email", ("email", "e-mail", "mail", "courriel", "correo", "почт", "البريد", "邮件", "邮箱")),
    ("group", ("breakout", "group", "groupe", "grupo", "групп", "مجموعة", "分组", "小组")),
    ("reception", ("reception", "recepcion", "прием", "الاستقبال", "招待会")),
    ("designation", ("designation", "title", "fonction", "titre", "cargo", "должност", "المنصب", "职务")),
    (
        "hod",
        (
            "hod",
            "head of delegation",
            "chef de délégation",
            "jefe de",
            "глава делегации",
            "رئيس الوفد",
            "团长",
        ),
    ),
)


def _news(text: str, command: str) -> str | None:
    """``_change`` for news of a change, with the new value when the sentence gives it ("… it is now Ms. Ana
    Ruiz" → `change hod: Ms. Ana Ruiz`); a question ("has the HoD changed?") is left to the FAQ."""
    if text.rstrip().endswith(_QUESTION_ENDS):
        return None
    change = _change(text, command)
    given = _NEW_VALUE.search(text)
    return f"{change}: {given.group(1).strip()}" if given and change != command else change


# "our HoD changed, it is now Ms. Ana Ruiz": news of a change is a request to record it (not a question).
_CHANGED = (
    *("changed", "has changed", "is now", "is no longer", "new head", "new hod", "replaced", "replacing"),
    *(
        "a changé",
        "est maintenant",
        "nouveau chef",
        "nouvelle cheffe",
        "ha cambiado",
        "ahora es",
        "nuevo jefe",
    ),
    *("изменил", "сменил", "теперь", "новый глава", "تغير", "أصبح", "الجديد", "换了", "变成", "新团长"),
)
_QUESTION_ENDS = ("?", "？", "؟")
# Where news of a change gives the new value: "it is now …", "est maintenant …", "ahora es …", "теперь …".
_NEW_VALUE = re.compile(
    r"(?:\bis now|\best maintenant|\bahora es|\bтеперь|أصبح|现在是)\s*[:：]?\s*(\S.*?)[.。]?$", re.IGNORECASE
)


def _change(text: str, command: str) -> str:
    field = next((name for name, stems in _FIELDS if mentions(text, stems)), None)
    return f"{command} {field}" if field else command


_REGISTER = (
    *("regist", "sign up", "signup", "enrol", "enroll", "inscri", "inscrib", "registr"),
    *("регистр", "зарегистр", "تسجيل", "التسجيل", "سجل", "أسجل", "نسجل", "注册", "登记", "报名"),
)
_DELEGATION = ("delegat", "délégation", "делегац", "وفد", "代表团", "country", "pays", "país", "страну")
_WITHDRAW = ("withdraw", "retirer", "retirar", "отозвать", "снять", "سحب", "撤回", "撤销")
_CANCEL = ("cancel", "annuler", "cancelar", "отменить", "=إلغاء", "=الغاء", "取消")
_CHANGE = (
    *("change", "update", "fix", "modify", "correct", "edit", "amend", "add", "remove"),
    *("modifier", "changer", "corriger", "ajouter", "cambiar", "modificar", "corregir", "actualizar"),
    *("añadir", "изменить", "исправить", "поменять", "добавить", "تغيير", "تعديل", "تصحيح", "إضافة"),
    *("修改", "更改", "更新", "添加", "改"),
)
_RECORD = (
    *("registration", "name", "expert", "head of delegation", "hod", "email", "e-mail", "designation"),
    *("reception", "breakout", "title", "inscription", "nom", "registro", "nombre", "experto", "регистрац"),
    *("имя", "эксперт", "фамил", "должност", "прием", "اسم", "خبير", "الخبراء", "رئيس الوفد", "المنصب"),
    *("专家", "名字", "姓名", "团长", "职务", "注册信息"),
    *("breakout group", "groupe", "grupo", "группу", "группа", "المجموعة", "分组", "小组"),
    *("chef de délégation", "jefe de delegación", "jefa de delegación", "глава делегации"),
    *("courriel", "correo", "почту", "البريد", "邮件", "邮箱"),
)
_CODE_WORDS = (
    *("code", "join", "colleague", "rejoindre", "collègue", "codigo", "unir", "colega", "код"),
    *("присоедин", "коллег", "رمز", "الرمز", "انضم", "زميل", "代码", "加入", "邀请码", "同事"),
)

RULES = (
    IntentRule("join", topics=_CODE_WORDS, request=False, build=_join),
    IntentRule("withdraw", topics=_WITHDRAW, also=(*_DELEGATION, *_REGISTER), orders=("withdraw",)),
    IntentRule("withdraw", topics=_CANCEL, also=_REGISTER, unless=("pitch",), orders=_CANCEL),
    IntentRule(
        "change",
        topics=_CHANGE,
        also=_RECORD,
        unless=("pitch", "slot"),
        orders=("修改", "更改"),  # Chinese writes "修改专家" without a space: no command word matches it
        build=_change,
    ),
    IntentRule("change", topics=_CHANGED, also=_RECORD, unless=("pitch", "slot"), request=False, build=_news),
    IntentRule(
        "register",
        topics=_REGISTER,
        build=_register,
        orders=("register", "registrar", "inscrire", "зарегистрировать", "سجل", "注册", "登记"),
        lines=labels("reminders.button.register"),
    ),
    IntentRule("change", lines=labels("reminders.button.complete", "registration.button.change")),
    IntentRule("withdraw", lines=labels("registration.button.withdraw")),
)
