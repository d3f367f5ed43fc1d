"""Natural requests for a delegation's own summary ("can I see a summary of our delegation?")."""

from __future__ import annotations

from handlers.intents.engine import IntentRule

_SUMMARY = (
    *("summary", "summaries", "overview", "recap", "bilan", "résumé", "resumen", "balance"),
    *("сводк", "итоги", "ملخص", "حصيلة", "总结", "摘要", "汇总"),
)
_OURS = (
    *("our", "ours", "delegat", "notre", "nos", "nuestr", "наш", "делегац", "وفد", "وفدنا"),
    *("我们", "代表团", "本国"),
)
# Whose own summary these are not: the programme's, a pitch's, the event's.
_ELSEWHERE = (
    *("agenda", "schedule", "programme", "program", "calendar", "pitch", "slot", "session", "event"),
    *("programa", "calendrier", "программ", "расписан", "جدول", "برنامج", "日程", "议程", "路演"),
)
_SHOW = ("show", "montre", "montrez", "muestra", "muestre", "покажи", "покажите", "أرني", "اعرض", "显示")

RULES = (IntentRule("our summary", topics=_SUMMARY, also=_OURS, unless=_ELSEWHERE, orders=_SHOW),)
