"""Natural requests in six languages → the command the router runs; questions stay with the FAQ."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.context import Context, Role
from handlers.intents.engine import is_request, mentions
from handlers.intents.registration import find_join_code
from handlers.intents.rules import understand

DELEGATE_REQUESTS = [
    ("i need to registr the Fiji delegation for the roundtable in NY", "register Fiji"),
    ("Register now", "register"),
    ("quiero registrar mi delegación", "register"),
    ("je voudrais inscrire la délégation du Sénégal", "register Senegal"),
    ("quiero registrar la delegación de Fiyi", "register Fiji"),
    ("Хочу зарегистрировать делегацию Фиджи", "register Fiji"),
    ("أريد تسجيل وفد فيجي", "register Fiji"),
    ("我想注册斐济代表团", "register Fiji"),
    ("we need to add an expert", "change experts"),
    ("je voudrais modifier l'adresse e-mail", "change email"),
    ("quiero cambiar el grupo", "change group"),
    ("нужно изменить список экспертов", "change experts"),
    ("أريد تعديل البريد الإلكتروني", "change email"),
    ("我想修改专家名单", "change experts"),
    ("修改专家", "change experts"),
    ("коллега дал мне код w9wb-gp9n", "join W9WB-GP9N"),
    ("زميلي أعطاني الرمز W9WB-GP9N", "join W9WB-GP9N"),
    ("mi colega me dio el código W9WB GP9N.", "join W9WB-GP9N"),
    ("Хочу зарегистрировать делегацию", "register"),
    ("أريد تسجيل وفد بلدي", "register"),
    ("我想给代表团注册", "register"),
    ("ok my colleague gave me the code W9WB-GP9N", "join W9WB-GP9N"),
    ("mon collègue m'a donné le code w9wb gp9n", "join W9WB-GP9N"),
    ("我同事给了我代码 W9WB-GP9N", "join W9WB-GP9N"),
    ("we'd like a pitch slot", "pitch"),
    ("can we book slot 6 for a pitch? 2:05 would be perfect", "pitch 6 2:05"),
    ("can we go earlier? slot 2", "move pitch 2"),
    ("we'd like to change our pitch to the 2:10 one", "move pitch 2:10"),
    ("Nous voudrions déplacer notre pitch au créneau 3", "move pitch 3"),
    ("¿Podemos cambiar nuestro turno al 4?", "move pitch 4"),
    ("we need to cancel our pitch", "cancel pitch"),
    ("我们想取消路演", "cancel pitch"),
    ("please cancel our registration", "withdraw"),
    ("cancel my registration", "withdraw"),
    ("stop reminders", "remind off"),
    ("please stop sending me reminders", "remind off"),
    ("no more reminders please", "remind off"),
    ("turn reminders off", "remind off"),
    ("arrêter les rappels", "remind off"),
    ("пожалуйста, отключите напоминания", "remind off"),
    ("请停止提醒", "remind off"),
    ("turn reminders back on", "remind on"),
    ("resume reminders", "remind on"),
    ("need to fix a name - Jone Tuiloma", "change"),
    ("when is our pitch?", "my pitch"),
    ("what can you do?", "help"),
    ("who should we meet?", "match"),
    ("hi, we would like to present at the matchmaking lunch", "pitch"),
    ("nous voudrions présenter lors du déjeuner de mise en relation", "pitch"),
    ("queremos presentar en el almuerzo de emparejamiento", "pitch"),
    ("мы хотим выступить на обеде по подбору партнёров", "pitch"),
    ("نود تقديم عرض في جلسة التوفيق على الغداء", "pitch"),
    ("我们想在午餐配对会上展示", "pitch"),
    ("can we present at the lunch on slot 3?", "pitch 3"),
    ("نريد حجز عرض في الغداء", "pitch"),  # "الغداء" (lunch) is one letter from "الغاء" (cancel)
    ("أريد إلغاء العرض", "cancel pitch"),
    ("أريد إلغاء التسجيل", "withdraw"),
    ("أريد التسجيل", "register"),
    ("when do reminders go out?", "remind"),
    ("how do I stop the reminders?", "remind"),
    ("quand arrivent les rappels ?", "remind"),
    ("¿cuándo llegan los recordatorios?", "remind"),
    ("когда придут напоминания?", "remind"),
    ("متى تصل التذكيرات؟", "remind"),
    ("什么时候发送提醒？", "remind"),
    ("我们想登记我们的需求：事件响应和网络安全战略", "need 事件响应和网络安全战略"),  # 登记 records, too
    ("we would like to record our needs: incident response capacity", "need incident response capacity"),
    ("we can offer training for CERT staff", "offer training for CERT staff"),
    ("podemos ofrecer formación en respuesta a incidentes", "offer formación en respuesta a incidentes"),
    ("our HoD changed, it is now Ms. Ana Ruiz", "change hod: Ms. Ana Ruiz"),  # news of a change records it
    ("notre chef de délégation a changé", "change hod"),
    ("nuestro jefe de delegación ha cambiado", "change hod"),
    ("глава делегации сменился", "change hod"),
    ("团长换了", "change hod"),
    ("our contact email is now ana@example.org", "change email: ana@example.org"),
    ("je voudrais suivre le panel phare", "follow le panel phare"),
    ("we would like to follow the closing plenary", "follow the closing plenary"),
    ("我想关注标志性小组讨论", "follow 标志性小组讨论"),
    ("je ne veux plus suivre le panel phare", "unfollow le panel phare"),
    ("please unfollow the closing plenary", "unfollow the closing plenary"),
    ("qui devrions-nous rencontrer ?", "match"),
]
QUESTIONS = [
    "how do I register?",
    "registration deadline",
    "when is the registration deadline?",
    "what format does the pitch have to be? ppt?",
    "can i do it here instead of the form?",
    "when is the matchmaking session?",
    "Где проходит прием?",
    "is there a dress code for the reception?",
    "wait what, we lost our slot??",
    "we would like to present our credentials to the Chair",
    "rappelez-moi l'heure de la réception",
    "напомните, когда начнётся приём",
    "提醒我注册截止日期",
    "what can we offer?",
    "has the HoD changed?",
    "i'd like to know the following",  # "following" is no "follow"
]


@pytest.mark.parametrize(("sentence", "command"), DELEGATE_REQUESTS)
def test_natural_requests_become_commands(ctx: Context, sentence: str, command: str) -> None:
    assert understand(sentence, ctx) == command


@pytest.mark.parametrize("question", QUESTIONS)
def test_questions_stay_with_the_faq(ctx: Context, question: str) -> None:
    assert understand(question, ctx) is None


def test_organiser_requests_only_for_organisers(ctx: Context) -> None:
    organiser = replace(ctx, role=Role.ORGANISER)
    reminder = "send a reminder to delegations that havent registered yet"
    assert understand(reminder, organiser) == "broadcast unregistered-delegations"
    assert understand("export the registrations please", organiser) == "export registrations"
    told = understand("remind delegations that the reception is tonight", organiser)
    assert told == "broadcast : The reception is tonight"  # the audience is asked, the message kept
    assert understand("tell everyone that lunch moves to 1:15 pm", organiser) == (
        "broadcast everyone: Lunch moves to 1:15 pm"
    )
    assert understand(reminder, ctx) == "remind others"  # told it is for organisers, and their own status


def test_join_codes_are_found_inside_sentences_but_not_in_words() -> None:
    assert find_join_code("the code is w9wb gp9n.") == "W9WB-GP9N"
    assert find_join_code("code: 4F8A-J6WB, thanks") == "4F8A-J6WB"
    assert find_join_code("please register them") is None
    assert find_join_code("delegation") is None


def test_requests_are_told_from_questions() -> None:
    assert is_request("we'd like a pitch slot") and is_request("أريد تسجيل وفد بلدي")
    assert not is_request("when is the pitch session?")


def test_a_whole_word_stem_matches_that_word_only() -> None:
    assert mentions("أريد إلغاء العرض", ("=إلغاء",)) and mentions("cancel it", ("=cancel",))
    assert not mentions("نريد حجز عرض في الغداء", ("=الغاء",))  # a typo's distance, another word
    assert not mentions("cancellation", ("=cancel",)) and not mentions("cancle it", ("=cancel",))
    assert mentions("cancle it", ("cancel",))  # a plain stem still forgives the typo
