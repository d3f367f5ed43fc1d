"""Natural requests for registration: register, join with a code, change, withdraw, see ours."""

from __future__ import annotations

import re

from handlers.intents.engine import IntentRule, labels

# A join code as the bot writes it (4F8A-J6WB) or as people retype it ("w9wb gp9n"): its alphabet has no
# 0/O, 1/I/L, so a word such as "register" never looks like one.
_CODE = re.compile(r"(?<![\w-])([A-HJKMNP-Z2-9]{4})[\s-]?([A-HJKMNP-Z2-9]{4})(?![\w-])", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def find_join_code(text: str) -> str | None:
    """The join code quoted in a sentence, upper-cased with its hyphen; None when there is none. A code
    holds a digit (all issued codes are checked to, see registration.fields), so "give them" is none."""
    for match in _CODE.finditer(text):
        code = f"{match[1]}-{match[2]}".upper()
        if _DIGIT.search(code):
            return code
    return None


def _join(text: str, command: str) -> str | None:
    code = find_join_code(text)
    return f"{command} {code}" if code else None


_REGISTER = (
    *("regist", "sign up", "signup", "enrol", "enroll", "inscri", "inscrib", "registr"),
    *("регистр", "зарегистр", "تسجيل", "سجل", "أسجل", "نسجل", "注册", "登记", "报名"),
)
_DELEGATION = ("delegat", "délégation", "делегац", "وفد", "代表团", "country", "pays", "país", "страну")
_WITHDRAW = ("withdraw", "retirer", "retirar", "отозвать", "снять", "سحب", "撤回", "撤销")
_CANCEL = ("cancel", "annuler", "cancelar", "отменить", "إلغاء", "الغاء", "取消")
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
)
_CODE_WORDS = (
    *("code", "join", "colleague", "rejoindre", "collègue", "codigo", "unir", "colega", "код"),
    *("присоедин", "коллег", "رمز", "الرمز", "انضم", "زميل", "代码", "加入", "邀请码", "同事"),
)

RULES = (
    IntentRule("join", topics=_CODE_WORDS, request=False, build=_join),
    IntentRule("withdraw", topics=_WITHDRAW, also=(*_DELEGATION, *_REGISTER), orders=("withdraw",)),
    IntentRule("withdraw", topics=_CANCEL, also=_REGISTER, unless=("pitch",)),
    IntentRule("change", topics=_CHANGE, also=_RECORD, unless=("pitch", "slot")),
    IntentRule(
        "register",
        topics=_REGISTER,
        orders=("register", "registrar", "inscrire", "зарегистрировать", "سجل", "注册", "登记"),
        lines=labels("reminders.button.register"),
    ),
    IntentRule("change", lines=labels("reminders.button.complete", "registration.button.change")),
    IntentRule("withdraw", lines=labels("registration.button.withdraw")),
)
