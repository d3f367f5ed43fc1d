"""Natural requests for help and for one's agenda."""

from __future__ import annotations

from functools import partial

from handlers.intents.engine import IntentRule, labels, mentions, with_what_follows
from handlers.intents.organiser import AUDIENCE, SEND

OTHERS = "others"  # `remind others`: what a non-organiser's request to remind other people becomes

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

# Questions about one's reminders ("when do reminders go out?", "how do I stop the reminders?"): nouns
# only, since "remind me when the reception starts" asks about the reception. French names the noun with
# its article: "rappel" alone would also be "rappelez-moi" (a stem matches a word's beginning, or a typo).
_REMINDER_NOUNS = (
    *("reminder", "recordatorio", "напоминани", "تذكير", "التذكير", "提醒"),
    *(
        "les rappels",
        "des rappels",
        "mes rappels",
        "vos rappels",
        "le rappel",
        "un rappel",
        "prochain rappel",
    ),
)


def _about_reminders(text: str, command: str) -> str:
    """``remind others`` when the sentence asks to remind other people (an organiser's request, made by
    someone who is not one: they are told so), else ``remind`` (their own reminders' status)."""
    return f"{command} {OTHERS}" if mentions(text, SEND) and mentions(text, AUDIENCE) else command


# "je voudrais suivre le panel phare", "we'd like to follow the plenary": `follow` and the session named.
_FOLLOWING = ("=follow", "=suivre", "=seguir", "=следить", "=متابعة", "关注")
_NOT_FOLLOWING = (
    *("=unfollow", "ne plus suivre", "plus suivre", "dejar de seguir", "ya no seguir", "не следить"),
    *("больше не следить", "إلغاء المتابعة", "取消关注", "不再关注"),
)

RULES = (
    # "stop sending me reminders", "no more reminders please" → the opt-out a reminder's footer names
    IntentRule("remind off", topics=_REMINDERS, also=_STOPPING, orders=_STOP_ORDERS),
    IntentRule("remind on", topics=_REMINDERS, also=_RESUMING, orders=_RESUME_ORDERS),
    # after the organiser's "send a reminder to all delegations" (rules.py)
    IntentRule("remind", topics=_REMINDER_NOUNS, unless=("提醒我",), request=False, build=_about_reminders),
    IntentRule(  # "je ne veux plus suivre …" asks for nothing in so many words: the words are enough
        "unfollow", topics=_NOT_FOLLOWING, request=False, build=partial(with_what_follows, _NOT_FOLLOWING)
    ),
    IntentRule(
        "follow", topics=_FOLLOWING, unless=_NOT_FOLLOWING, build=partial(with_what_follows, _FOLLOWING)
    ),
    IntentRule("help", topics=_HELP, request=False, lines=labels("home.help_button")),
    IntentRule("agenda", topics=_AGENDA, request=False),
    IntentRule("agenda ics", lines=labels("agenda.ics_button")),
    IntentRule("programme json", lines=labels("agenda.frab_button")),
)
