"""Natural requests for matchmaking: who to meet, our needs and offers, our meetings."""

from __future__ import annotations

from handlers.intents.engine import IntentRule

_WHO_TO_MEET = (
    *("who should we meet", "who should i meet", "who can help", "who could help"),
    *("qui rencontrer", "qui peut nous aider", "a quien", "quien puede ayudar", "sugerencia"),
    *("с кем встретиться", "кто может помочь", "من يمكنه مساعدت", "من نلتقي", "谁能帮", "推荐", "见谁"),
)
_MEET = (
    "meet",
    "meeting",
    "rencontr",
    "réunion",
    "reun",
    "encuentro",
    "встреч",
    "لقاء",
    "اجتماع",
    "见面",
    "会面",
)

RULES = (
    IntentRule("match", topics=_WHO_TO_MEET, request=False),
    IntentRule("requests", topics=_MEET, also=("request", "demande", "solicitud", "запрос", "طلب", "请求")),
)
