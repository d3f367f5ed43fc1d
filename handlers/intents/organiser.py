"""Natural requests only organisers make: broadcasts and reminders to an audience, exports."""

from __future__ import annotations

from handlers.intents.engine import IntentRule, mentions

_SEND = (
    *("send", "remind", "notify", "message", "broadcast", "tell", "envoyer", "rappeler", "prévenir"),
    *("enviar", "recordar", "avisar", "отправ", "напомн", "разосл", "сообщ", "أرسل", "ارسل", "ذكر"),
    *("أبلغ", "发送", "提醒", "通知", "发"),
)
_AUDIENCE = (
    *("everyone", "all ", "delegations", "delegates", "providers", "registered", "participants"),
    *("tous", "délégations", "todos", "delegaciones", "всем", "делегаци", "участник", "الجميع", "الوفود"),
    *("所有", "代表团", "大家", "reminder", "rappel", "recordatorio", "напоминани", "تذكير", "提醒"),
)
_EXPORT = (
    *("export", "download", "spreadsheet", "csv", "exporter", "télécharger", "exportar", "descargar"),
    *("выгруз", "экспорт", "скачать", "تصدير", "تنزيل", "导出", "下载"),
)
_EXPORT_KINDS = {
    "registrations": ("registration", "delegation", "inscription", "registro", "регистрац", "تسجيل", "注册"),
    "pitches": ("pitch", "slot", "créneau", "питч", "عرض", "路演"),
}


def _export(text: str, command: str) -> str:
    for kind, stems in _EXPORT_KINDS.items():
        if mentions(text, stems):
            return f"{command} {kind}"
    return command


RULES = (
    IntentRule("broadcast", topics=_SEND, also=_AUDIENCE, organiser=True, request=False),
    IntentRule("export", topics=_EXPORT, organiser=True, request=False, build=_export),
)
