"""Short answers (yes / no in six languages) and the confirmation a flow asks before storing a line that is
plausibly not an answer to its step (``ctx.aside``: a question, a complaint, a request for something else).

The pattern for a free-text step (the step keeps its question; nothing is stored until confirmed)::

    open = await DIALOG.read(ctx, uow)
    decision = held_decision(msg, ctx) if open.held is not None else None
    if decision is True:
        text = open.held                                  # "yes": the held line is the answer
    elif decision is False:
        return await reprompt(ctx)                        # "no": ask the step again
    elif ctx.aside is not None:
        await DIALOG.hold(ctx, open.step, open.state, text, uow)
        return confirm_held(ctx, text, ctx.t("pitches.what_title"), "pitch")
"""

from __future__ import annotations

import re

from bot.context import Context
from bot.messages import Button, Card, InboundMessage, Reply
from bot.text import normalise_command

# As normalise_command leaves them (case and accents folded).
YES = frozenset(
    {
        *("yes", "y", "yes please", "yep", "yeah", "ok", "okay", "sure", "correct", "confirm"),
        *("oui", "d'accord", "confirmer", "si", "claro", "confirmar", "vale"),
        *("да", "подтверждаю", "верно", "نعم", "اجل", "أجل", "موافق", "是", "是的", "好", "对", "确认"),
    }
)
NO = frozenset(
    {
        *("no", "n", "nope", "no thanks", "not that", "non", "non merci", "no gracias"),
        *("нет", "не надо", "لا", "كلا", "否", "不", "不是", "不要", "不对"),
    }
)


# The first word of a longer answer to a yes/no question ("no wait, keep it", "yes please do"): only words
# that mean nothing else there ("si" is also French "if", "ok" opens any sentence).
_YES_FIRST = frozenset({"yes", "yeah", "yep", "sure", "oui", "да", "نعم", "是的", "好的"})
_NO_FIRST = frozenset({"no", "nope", "non", "нет", "لا", "不", "不要", "不用"})
QUESTION_MARKS = ("?", "？", "؟")  # Latin and Cyrillic, Chinese, Arabic
_FIRST_WORD = re.compile(r"[^\s,;:!.?،，。！？]+")


# "keep it" keeps what a question offered to change or drop ("Cancel the pitch?", "Withdraw?"): as a plain
# yes it had cancelled; to "use this line as your title?" it means use it (``held_decision``).
KEEP_WORDS = (
    *("keep", "garder", "le garder", "conserver", "conservar", "mantener", "оставить", "оставьте"),
    *("сохранить", "احتفظ", "أبق", "ابق", "ابقاء", "保留", "不取消"),
)


def keeps(text: str) -> bool:
    typed = normalise_command(text)
    return any(typed == word or typed.startswith(word + " ") for word in map(normalise_command, KEEP_WORDS))


def yes_or_no(text: str) -> bool | None:
    """The answer to a yes/no question: a yes or no word alone, or opening a longer answer; else None."""
    if is_yes(text):
        return True
    if is_no(text):
        return False
    first = _FIRST_WORD.match(normalise_command(text))
    word = first.group(0) if first else ""
    return True if word in _YES_FIRST else False if word in _NO_FIRST else None


def is_yes(text: str) -> bool:
    return normalise_command(text).rstrip("!.") in YES


def is_no(text: str) -> bool:
    return normalise_command(text).rstrip("!.") in NO


def held_decision(msg: InboundMessage, ctx: Context) -> bool | None:
    """The person's decision on a held line: True (use it), False (drop it), None (neither: a new line).
    The buttons' labels typed as text count as clicks."""
    if msg.action is not None:
        if msg.action.id.endswith(".held.yes"):
            return True
        if msg.action.id.endswith(".held.no"):
            return False
        return None
    typed = normalise_command(msg.text)
    if is_yes(msg.text) or keeps(msg.text) or typed == normalise_command(ctx.t("dialog.yes_use_it")):
        return True
    if is_no(msg.text) or typed == normalise_command(ctx.t("dialog.no_ask_again")):
        return False
    return None


def confirm_held(
    ctx: Context, held: str, what: str, action_prefix: str, *, a_question_fits: bool = True
) -> Reply:
    """Asks whether ``held`` really is ``what`` (e.g. "your pitch title"), with Yes / No buttons whose
    action ids are ``<action_prefix>.held.yes`` / ``.held.no``. ``a_question_fits``: False where a question
    cannot be the answer (a name, an e-mail address); one the FAQ answered then only asks the step again."""
    if ctx.aside_answered and not a_question_fits and held.rstrip().endswith(QUESTION_MARKS):
        return Reply(ctx.t("dialog.ask_again_after_answer", what=what), lang=ctx.lang)
    # After the FAQ's answer (ctx.aside_answered) the line was most likely a question: say so and ask again.
    message_id = "dialog.confirm_held_after_answer" if ctx.aside_answered else "dialog.confirm_held"
    text = ctx.t(message_id, text=held, what=what)
    buttons = (
        Button(ctx.t("dialog.yes_use_it"), f"{action_prefix}.held.yes", style="primary"),
        Button(ctx.t("dialog.no_ask_again"), f"{action_prefix}.held.no"),
    )
    return Reply(text, card=Card(title="", buttons=buttons), lang=ctx.lang)


def aside_in_text(ctx: Context) -> str:
    """What a free-text step says to a line it cannot take that was plausibly not an answer."""
    if ctx.aside_answered:
        return ctx.t("core.back_to_flow")
    return ctx.t("dialog.aside_in_text", contact=ctx.event.contact.email)


def aside_in_choice(ctx: Context) -> str:
    """What a choice step says to a line that is no option and plausibly not an answer (after the FAQ's
    answer when the router gave one)."""
    if ctx.aside_answered:
        return ctx.t("core.back_to_flow")
    return ctx.t("dialog.aside_in_choice", contact=ctx.event.contact.email)
