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

RULES = (
    IntentRule("help", topics=_HELP, request=False, lines=labels("home.help_button")),
    IntentRule("agenda", topics=_AGENDA, request=False),
    IntentRule("agenda ics", lines=labels("agenda.ics_button")),
    IntentRule("programme json", lines=labels("agenda.frab_button")),
)
