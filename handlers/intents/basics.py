"""Natural requests for help and for one's agenda."""

from __future__ import annotations

from handlers.intents.engine import IntentRule, labels

_HELP = (
    *("what can you do", "what can i ask", "what do you do", "how does this work", "que peux-tu faire"),
    *("que pouvez-vous faire", "que puedes hacer", "que puede hacer", "что ты умеешь", "что вы умеете"),
    *("ماذا يمكنك", "ماذا تستطيع", "你能做什么", "你可以做什么", "怎么用"),
)
_AGENDA = (
    *("my agenda", "our agenda", "my schedule", "our schedule", "mon agenda", "notre agenda", "mi agenda"),
    *("nuestra agenda", "мое расписание", "моё расписание", "наше расписание", "جدولي", "جدول أعمالنا"),
    *("我的日程", "我们的日程"),
)

_REMINDERS = (
    *("remind", "reminder", "rappel", "recordatorio", "напомина", "напоминан", "تذكير", "التذكير", "提醒"),
)
_STOPPING = (
    *("stop", "no more", "turn off", "switch off", "reminders off", "reminder off", "unsubscribe"),
    *("opt out", "arret", "desactiv", "plus de", "parar", "deten", "dejar de", "desactivar", "ya no"),
    *("отключ", "прекрат", "больше не", "хватит", "أوقف", "ايقاف", "إيقاف", "توقف"),
    *("停止", "关闭", "不要再", "取消提醒"),
)
_STOP_ORDERS = (
    *("stop", "turn", "switch", "arreter", "arrêter", "desactiver", "parar", "detener"),
    *("отключить", "прекратить"),
)
_RESUMING = (
    *("resume", "turn on", "switch on", "back on", "reminders on", "reminder on", "restart", "reactiv"),
    *("réactiv", "activer", "activar", "volver a", "включ", "возобнов", "تشغيل", "استئناف"),
    *("恢复", "开启", "打开"),
)
_RESUME_ORDERS = (
    *("resume", "turn", "switch", "restart", "reactiver", "réactiver", "reactivar", "включить"),
    *("возобновить",),
)

RULES = (
    # "stop sending me reminders", "no more reminders please" → the opt-out a reminder's footer names
    IntentRule("remind off", topics=_REMINDERS, also=_STOPPING, orders=_STOP_ORDERS),
    IntentRule("remind on", topics=_REMINDERS, also=_RESUMING, orders=_RESUME_ORDERS),
    IntentRule("help", topics=_HELP, request=False, lines=labels("home.help_button")),
    IntentRule("agenda", topics=_AGENDA, request=False),
    IntentRule("agenda ics", lines=labels("agenda.ics_button")),
    IntentRule("programme json", lines=labels("agenda.frab_button")),
)
