"""Natural requests only organisers make: broadcasts and reminders to an audience, exports."""

from __future__ import annotations

import re

from handlers.intents.engine import IntentRule, mentions

SEND = (
    *("send", "remind", "notify", "message", "broadcast", "tell", "envoyer", "rappeler", "prévenir"),
    *("enviar", "recordar", "avisar", "отправ", "напомн", "разосл", "сообщ", "أرسل", "ارسل", "ذكر"),
    *("أبلغ", "发送", "提醒", "通知", "发"),
)
# Who a notice goes to ("remind delegations …"): also how a non-organiser's such request is recognised.
AUDIENCE = (
    *("everyone", "all ", "delegations", "delegates", "providers", "registered", "participants"),
    *("tous", "délégations", "todos", "delegaciones", "всем", "делегаци", "участник", "الجميع", "الوفود"),
    *("所有", "代表团", "大家"),
)
_REMINDER = ("reminder", "rappel", "recordatorio", "напоминани", "تذكير", "提醒")
_EXPORT = (
    *("export", "download", "spreadsheet", "csv", "exporter", "télécharger", "exportar", "descargar"),
    *("выгруз", "экспорт", "скачать", "تصدير", "تنزيل", "导出", "下载"),
)
_EXPORT_KINDS = {
    "chair-summary": ("chair", "summary", "bilan", "resumen", "сводк", "ملخص", "总结"),
    "registrations": ("registration", "delegation", "inscription", "registro", "регистрац", "تسجيل", "注册"),
    "pitches": ("pitch", "slot", "créneau", "питч", "عرض", "路演"),
}


# Who a broadcast is for, named in the request → the audience `broadcast AUDIENCE` preselects.
# "not registered" is checked first: "delegations that haven't registered" also says "registered".
_NOT: tuple[str, ...] = (
    *("haven't", "havent", "have not", "not yet", "not ", "pas encore", "ne sont pas", "todavía no"),
    *("aún no", "no se han", "no han", "не ", "ещё не", "еще не", "لم ", "ليس", "未", "没有", "尚未", "还没"),
)
_BROADCAST_AUDIENCES = (
    ("unregistered-delegations", ("unregistered", "non inscrit", "sin registr", "незарегистр", "غير مسجل")),
    ("heads-of-delegation", ("heads of delegation", "chefs de délégation", "jefes de delegación", "глав")),
    ("pitch-providers", ("providers", "presenters", "fournisseurs", "proveedores", "докладчик", "演讲")),
    ("registered", ("registered", "inscrit", "registrad", "зарегистр", "مسجل", "已注册", "已登记")),
    ("everyone", ("everyone", "everybody", "all ", "tous", "todos", "всем", "الجميع", "所有人", "大家")),
)
_REGISTER_STEMS = ("regist", "inscri", "зарегистр", "регистр", "سجل", "注册", "登记")


def _broadcast(text: str, command: str) -> str:
    """`broadcast AUDIENCE` when the request names one ("remind delegations that haven't registered yet"
    → `broadcast unregistered-delegations`), else `broadcast` (the audience is then asked); with the
    message when the request gives one ("tell everyone that lunch moves to 1 pm" → `broadcast everyone:
    lunch moves to 1 pm`; the organiser sees it in the preview before anything is sent)."""
    lowered = text.lower()
    if mentions(text, _REGISTER_STEMS) and any(word in lowered for word in _NOT):
        return f"{command} unregistered-delegations"  # its "that …" says who, not what
    audience = next((a for a, stems in _BROADCAST_AUDIENCES if any(stem in lowered for stem in stems)), "")
    said = _MESSAGE_GIVEN.search(text)
    if said is not None and said.group(1).strip():
        message = said.group(1).strip()
        return f"{command} {audience}: {message[0].upper()}{message[1:]}"  # no audience: asked, message kept
    return f"{command} {audience}".strip()


# Where a request gives its message: after a colon, or "that" / "que" / "что" / "أن" ("remind delegations
# that the reception is tonight").
_MESSAGE_GIVEN = re.compile(r"(?:[:：]|\b(?:that|que|qu'|что)\s|\sأن\s)\s*(.+)$", re.IGNORECASE | re.DOTALL)


_EXPORT_FORMATS = {"md": ("markdown",), "json": ("json",)}


def _export(text: str, command: str) -> str:
    """`export KIND [FORMAT]` for the kind and format named ("the chair's summary as markdown")."""
    fmt = next((f" {fmt}" for fmt, stems in _EXPORT_FORMATS.items() if mentions(text, stems)), "")
    for kind, stems in _EXPORT_KINDS.items():
        if mentions(text, stems):
            return f"{command} {kind}{fmt}"
    return command + fmt


RULES = (
    IntentRule(
        "broadcast",
        topics=SEND,
        also=(*AUDIENCE, *_REMINDER),
        organiser=True,
        request=False,
        build=_broadcast,
    ),
    IntentRule("export", topics=_EXPORT, organiser=True, request=False, build=_export),
)
