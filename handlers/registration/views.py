"""What the registration flow shows: one question per step, the summary, the one-page form.

Every choice is a Button whose action id is ``registration.answer`` and whose value is the answer, so a
Slack button, a Teams card action and a number typed in the terminal all arrive as the same Action.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from bot.context import Context
from bot.messages import Button, Card, Choice, Input, Reply
from handlers.registration.fields import CHANGEABLE, STEPS, breakout_groups, show_code
from handlers.registration.states import official_name, state_name
from handlers.shared import timefmt

ANSWER = "registration.answer"
COMMAND = "registration.command"
SUBMIT = "registration.submit"
FORM = "registration.form"


Style = Literal["default", "primary", "danger"]


def _answer(ctx: Context, label_id: str, value: str, style: Style = "default") -> Button:
    return Button(ctx.t(label_id), ANSWER, value, style=style)


def question(ctx: Context, step: str, draft: Mapping[str, Any], lead: str = "") -> Reply:
    """The question for ``step``; ``lead`` (a hint or a note) goes before it."""
    text, card = _QUESTIONS[step](ctx, draft)
    return Reply("\n".join(p for p in (lead, text) if p), card=card, lang=ctx.lang)


def _ask_delegation(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    return ctx.t("registration.ask.delegation"), None


def delegation_name(ctx: Context, draft: Mapping[str, Any]) -> str:
    """The delegation in the reader's language when it is a State ("Fidji"), else as registered."""
    code = draft.get("state")
    return state_name(code, ctx.lang) if code else str(draft.get("delegation", ""))


def _ask_hod_name(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    return ctx.t("registration.ask.hod_name", delegation=delegation_name(ctx, draft)), None


def _option_label(ctx: Context, option: str, check: Mapping[str, Any]) -> str:
    if option.startswith("state:"):
        code = option.removeprefix("state:")
        official = official_name(code, ctx.lang)
        name = state_name(code, ctx.lang)
        return f"{name} ({official})" if official and official != name else name
    return str(check.get("existing", ""))


def _ask_check(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    """Did you mean …? — a State for a typo or a longer text, a registered delegation, or the typed text."""
    check = draft.get("check") or {}
    options, kind, typed = check.get("options", []), check.get("kind"), check.get("typed", "")
    labels = [_option_label(ctx, option, check) for option in options]
    buttons = [
        Button(label, ANSWER, option, style="primary") for label, option in zip(labels, options, strict=True)
    ]
    if kind == "typed":
        text = ctx.t("registration.ask.check_typed", typed=typed)
        buttons = [_answer(ctx, "registration.button.yes", "typed", "primary")]
    elif kind == "prefilled":
        text = ctx.t("registration.ask.check_prefilled", name=labels[0] if labels else typed)
    elif kind == "existing":
        text = ctx.t("registration.ask.check_existing", name=labels[0] if labels else typed)
    else:
        text = ctx.t("registration.ask.check_state", names=" / ".join(labels))
    if kind in ("state", "existing"):
        buttons.append(Button(ctx.t("registration.button.as_typed", typed=typed[:60]), ANSWER, "typed"))
    buttons.append(_answer(ctx, "registration.button.no", "no"))
    return text, Card(title="", buttons=tuple(buttons))


def _ask_designation(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    card = Card(title="", buttons=(_answer(ctx, "registration.button.skip", "skip"),))
    return ctx.t("registration.ask.hod_designation", name=draft.get("hod_name", "")), card


def _ask_experts(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    card = Card(title="", buttons=(_answer(ctx, "registration.button.no_experts", "none"),))
    return ctx.t("registration.ask.experts"), card


def _ask_reception(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    reception = next(s for s in ctx.event.sessions if s.kind == "reception")
    venue = ctx.event.venue(reception.venue)
    text = ctx.t(
        "registration.ask.reception_hod",
        reception=reception.title.get(ctx.lang),
        when=timefmt.time_range(ctx.event.starts_at(reception), None, ctx.lang, ctx.event.zone),
        venue=venue.name.get(ctx.lang) if venue else "",
        audience=reception.audience.get(ctx.lang) if reception.audience else "",
        name=draft.get("hod_name", ""),
    )
    buttons = (
        _answer(ctx, "registration.button.yes", "yes", "primary"),
        _answer(ctx, "registration.button.no", "no"),
        _answer(ctx, "registration.button.later", "later"),
    )
    return text, Card(title="", buttons=buttons)


def _ask_reception_experts(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    names = "; ".join(e["name"] for e in draft.get("experts", []))
    buttons = (
        _answer(ctx, "registration.button.all", "all", "primary"),
        _answer(ctx, "registration.button.none", "none"),
    )
    return ctx.t("registration.ask.reception_experts", names=names), Card(title="", buttons=buttons)


def group_explanations(ctx: Context) -> list[str]:
    """'Breakout Group I: … — Policies and Regulations (developing national cyber strategies …); …'."""
    lines = []
    for session in ctx.event.breakout_sessions:
        capabilities = "; ".join(
            f"{c.name.get(ctx.lang)} ({c.covers.get(ctx.lang)})"
            for c in (ctx.event.capability(cid) for cid in session.capabilities)
        )
        lines.append(f"• {session.title.get(ctx.lang)} — {capabilities}")
    return lines


def _ask_group(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    buttons = tuple(
        Button(ctx.t("registration.button.group", group=label), ANSWER, label)
        for label in breakout_groups(ctx.event)
    )
    return ctx.t("registration.ask.breakout_group"), Card(
        title="", sections=tuple(group_explanations(ctx)), buttons=buttons
    )


def _ask_email(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    return ctx.t("registration.ask.email"), None


def _ask_confirm(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    buttons = (
        _answer(ctx, "registration.button.confirm", "confirm", "primary"),
        _answer(ctx, "registration.button.edit", "edit"),
        _answer(ctx, "registration.button.cancel", "cancel", "danger"),
    )
    return ctx.t("registration.ask.confirm"), summary_card(ctx, draft, buttons=buttons)


def _ask_field(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    buttons = tuple(_answer(ctx, f"registration.label.{field}", field) for field in CHANGEABLE)
    return ctx.t("registration.ask.field"), Card(title="", buttons=buttons)


def _ask_experts_edit(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    experts = draft.get("experts", [])
    listed = "\n".join(f"{n}. {expert_line(e)}" for n, e in enumerate(experts, 1))
    text = ctx.t("registration.ask.experts_edit", experts=listed or ctx.t("registration.none"))
    return text, Card(title="", buttons=(_answer(ctx, "registration.button.done", "done", "primary"),))


def _ask_withdraw(ctx: Context, draft: Mapping[str, Any]) -> tuple[str, Card | None]:
    """What withdrawing loses, all of it, before the person says yes."""
    buttons = (
        _answer(ctx, "registration.button.withdraw", "withdraw", "danger"),
        _answer(ctx, "registration.button.keep", "keep"),
    )
    text = ctx.t("registration.ask.withdraw", delegation=delegation_name(ctx, draft))
    others = int(draft.get("others", 0))
    if others:
        text += "\n" + ctx.t("registration.withdraw.members_told", count=others)
    card = Card(title=ctx.t("registration.withdraw.lost"), fields=summary_fields(ctx, draft), buttons=buttons)
    return text, card


_QUESTIONS = {
    "delegation": _ask_delegation,
    "delegation_check": _ask_check,
    "hod_name": _ask_hod_name,
    "hod_designation": _ask_designation,
    "experts": _ask_experts,
    "reception_hod": _ask_reception,
    "reception_experts": _ask_reception_experts,
    "breakout_group": _ask_group,
    "email": _ask_email,
    "confirm": _ask_confirm,
    "pick_field": _ask_field,
    "withdraw": _ask_withdraw,
    "experts_edit": _ask_experts_edit,
}


def _attendance(ctx: Context, value: bool | None) -> str:
    key = {True: "yes", False: "no", None: "later"}[value]
    return ctx.t(f"registration.attending.{key}")


def expert_line(expert: Mapping[str, str]) -> str:
    return f"{expert['name']} ({expert['designation']})" if expert["designation"] else expert["name"]


def _experts_text(ctx: Context, experts: list[dict[str, str]]) -> str:
    return "; ".join(expert_line(e) for e in experts) if experts else ctx.t("registration.none")


def summary_fields(ctx: Context, draft: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    designation = draft.get("hod_designation") or ctx.t("registration.not_given")
    if draft.get("hod_is_minister"):
        designation += " — " + ctx.t("registration.minister_flag")
    attending = draft.get("reception_experts", [])
    group = draft.get("breakout_group", "")
    group_title = next(
        (s.title.get(ctx.lang) for s in ctx.event.breakout_sessions if s.group == group), group
    )

    def label(field: str) -> str:
        return ctx.t(f"registration.label.{field}")

    return (
        (label("delegation"), delegation_name(ctx, draft)),
        (label("hod_name"), str(draft.get("hod_name", ""))),
        (label("hod_designation"), designation),
        (label("experts"), _experts_text(ctx, draft.get("experts", []))),
        (label("reception_hod"), _attendance(ctx, draft.get("reception_hod"))),
        (label("reception_experts"), "; ".join(attending) if attending else ctx.t("registration.none")),
        (label("breakout_group"), group_title),
        (label("email"), str(draft.get("email", ""))),
    )


def summary_card(
    ctx: Context,
    draft: Mapping[str, Any],
    *,
    status: str = "",
    code: str = "",
    buttons: tuple[Button, ...] = (),
) -> Card:
    extra: tuple[tuple[str, str], ...] = ()
    if status:
        extra += ((ctx.t("registration.label.status"), ctx.t(f"registration.status.{status}")),)
    if code:
        extra += ((ctx.t("registration.label.code"), show_code(code)),)
    return Card(
        title=ctx.t("registration.summary_title"),
        fields=summary_fields(ctx, draft) + extra,
        buttons=buttons,
    )


def record_buttons(ctx: Context) -> tuple[Button, ...]:
    """Under a confirmed registration: change it or withdraw it."""
    return (
        Button(ctx.t("registration.button.change"), COMMAND, "change"),
        Button(ctx.t("registration.button.withdraw"), COMMAND, "withdraw", style="danger"),
    )


def form_values(draft: Mapping[str, Any]) -> dict[str, str]:
    """A draft as the text a form shows (and sends back): experts one per line, attendance yes/no/later."""
    experts = draft.get("experts", [])
    attendance = draft.get("reception_hod")
    return {
        "delegation": str(draft.get("delegation", "")),
        "hod_name": str(draft.get("hod_name", "")),
        "hod_designation": str(draft.get("hod_designation", "")),
        "experts": "\n".join(
            f"{e['name']}, {e['designation']}" if e["designation"] else e["name"] for e in experts
        ),
        "reception_hod": "yes" if attendance is True else "no" if attendance is False else "later",
        "reception_experts": "; ".join(draft.get("reception_experts", [])),
        "breakout_group": str(draft.get("breakout_group", "")),
        "email": str(draft.get("email", "")),
    }


def form_card(ctx: Context, values: Mapping[str, str]) -> Card:
    """Every field on one card, for a Slack modal or a Teams Adaptive Card; submits ``registration.submit``.
    ``values`` are the texts to show in the fields (see form_values)."""
    groups = tuple(Choice(ctx.t("registration.button.group", group=g), g) for g in breakout_groups(ctx.event))
    attendance = tuple(Choice(ctx.t(f"registration.button.{v}"), v) for v in ("yes", "no", "later"))
    optional = {"hod_designation", "experts", "reception_experts"}

    def field_input(field: str, choices: tuple[Choice, ...] = ()) -> Input:
        return Input(
            id=field,
            label=ctx.t(f"registration.label.{field}"),
            placeholder="" if choices else ctx.t(f"registration.placeholder.{field}"),
            initial=values.get(field, ""),
            required=field not in optional,
            multiline=field == "experts",
            choices=choices,
        )

    inputs = tuple(
        field_input(field, {"reception_hod": attendance, "breakout_group": groups}.get(field, ()))
        for field in STEPS
    )
    return Card(
        title=ctx.t("registration.form_title"),
        sections=tuple(group_explanations(ctx)),
        inputs=inputs,
        submit=Button(ctx.t("registration.button.review"), SUBMIT, style="primary"),
    )
