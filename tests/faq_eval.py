"""The Q&A evaluation set (tests/data/faq_eval.yaml): load it, run one case, say why a case fails.

Shared by tests/unit/test_faq_eval.py (accuracy floor) and bench/qa.py (accuracy and latency)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from bot.event import Event
from handlers.faq.answer import Answer, answer

EVAL_FILE = Path(__file__).parent / "data" / "faq_eval.yaml"


@dataclass(frozen=True)
class Case:
    question: str
    now: datetime
    intent: str | None = None
    lang: str = "en"
    force: str | None = None
    expect: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    label: str = field(default="")
    batch: str = "base"  # a set written at one time (issue12: written before the engine was tuned for it)


def load_cases(event: Event, path: Path = EVAL_FILE) -> list[Case]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    default_now = data["defaults"]["now"]
    cases = []
    for raw in data["cases"]:
        question = str(raw["q"]) * int(raw.get("repeat", 1))
        cases.append(
            Case(
                question=question,
                now=event.local(datetime.fromisoformat(str(raw.get("now", default_now)))),
                intent=raw.get("intent"),
                lang=raw.get("lang", "en"),
                force=raw.get("force"),
                expect=tuple(raw.get("expect", ())),
                absent=tuple(raw.get("absent", ())),
                label=str(raw["q"])[:60],
                batch=str(raw.get("batch", "base")),
            )
        )
    return cases


def plain_spaces(text: str) -> str:
    """Babel separates times with narrow and thin no-break spaces; the set is written with plain ones."""
    return text.replace("\u202f", " ").replace("\u2009", " ").replace("\u00a0", " ")


def run(case: Case, event: Event) -> Answer:
    return answer(case.question, event, case.now, case.force)


def problems(case: Case, result: Answer) -> list[str]:
    """Why ``result`` is wrong for ``case`` (empty when it is right)."""
    found = []
    if case.intent is not None and result.intent != case.intent:
        found.append(f"intent {result.intent!r} != {case.intent!r}")
    if result.lang != case.lang:
        found.append(f"lang {result.lang!r} != {case.lang!r}")
    text = plain_spaces(result.text)
    found.extend(f"missing {fact!r}" for fact in case.expect if fact not in text)
    found.extend(f"unexpected {fact!r}" for fact in case.absent if fact in text)
    return found
