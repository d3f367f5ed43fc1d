"""Natural requests for matchmaking: who to meet, our needs and offers, our meetings, who someone is."""

from __future__ import annotations

from functools import partial

from handlers.intents.engine import IntentRule, with_what_follows

_WHO_TO_MEET = (
    *("who should we meet", "who should i meet", "who can help", "who could help", "who do we meet"),
    *("qui rencontrer", "qui peut nous aider", "qui devrions-nous rencontrer", "qui devrais-je rencontrer"),
    *("qui pourrions-nous rencontrer", "a quien", "quien puede ayudar", "con quien deberiamos", "sugerencia"),
    *("с кем нам встретиться", "с кем стоит встретиться", "من يجب أن نلتقي", "我们应该见谁"),
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
# "when and where do we meet?" — our own meeting, not a session of the programme ("where is the
# ministerial meeting?" names no "we").
_OUR_MEETING = (
    *("we meet", "i meet", "our meeting", "my meeting", "we are meeting", "we're meeting"),
    *(
        "on se retrouve",
        "on se voit",
        "nous rencontrons",
        "notre rencontre",
        "notre rendez-vous",
        "mon rendez",
    ),
    *("nos reunimos", "nos vemos", "nuestra reunion", "nuestro encuentro", "mi reunion"),
    *("мы встречаемся", "встречаемся", "наша встреча", "нашей встречи", "моя встреча"),
    *("نلتقي", "لقائنا", "اجتماعنا", "موعدنا"),
    *("我们在哪", "我们什么时候见", "我们的会面", "在哪里见面", "什么时候见面", "我的会面"),
)
_WHEN_OR_WHERE = (
    *("when", "where", "what time", "which room", "quand", "où", "quelle heure"),
    *("cuando", "donde", "a que hora", "когда", "где", "во сколько", "متى", "أين", "اين", "وقت", "مكان"),
    *("什么时候", "哪里", "在哪", "几点", "何时", "地点", "时间"),
)


# "we'd like to record our needs: incident response" — before registration's rules ("登记" is also
# "register"); what follows the colon, or the words, is what the `need` / `offer` command reads.
_OUR_NEEDS = (
    *("our needs", "my needs", "nos besoins", "mes besoins", "nuestras necesidades", "mis necesidades"),
    *("наши потребности", "наших потребност", "احتياجاتنا", "احتياجات", "我们的需求", "需求"),
)
_OUR_OFFERS = (
    *("what we offer", "we can offer", "our offers", "our offer", "nous pouvons offrir", "nos offres"),
    *("podemos ofrecer", "nuestra oferta", "мы можем предложить", "наше предложение", "يمكننا تقديم"),
    *("我们可以提供", "我们能提供"),
)


def _who_is_in_chinese(text: str, command: str) -> str | None:
    """Both "pcci-provider是谁？" and "谁是pcci-provider" → "谁是 pcci-provider" (the command word needs
    a space after it, which Chinese does not write)."""
    name = text.strip().rstrip("?？。!！ ").removesuffix("是谁").removeprefix("谁是").strip()
    return f"{command} {name}" if name else None


RULES = (
    IntentRule("need", topics=_OUR_NEEDS, build=partial(with_what_follows, _OUR_NEEDS)),
    IntentRule(
        "offer", topics=_OUR_OFFERS, request=False, build=partial(with_what_follows, _OUR_OFFERS)
    ),  # "we can offer …"
    IntentRule("match", topics=_WHO_TO_MEET, request=False),
    IntentRule("my meetings", topics=_OUR_MEETING, also=_WHEN_OR_WHERE, request=False),
    IntentRule("谁是", topics=("是谁", "谁是"), request=False, build=_who_is_in_chinese),
    IntentRule("requests", topics=_MEET, also=("request", "demande", "solicitud", "запрос", "طلب", "请求")),
)
