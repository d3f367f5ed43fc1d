"""The same question gets the same answer in every process: nothing in the FAQ path (language detection,
phrase index, typo correction) may follow the hash order of a set, which PYTHONHASHSEED changes per run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.event import BUNDLED_EVENT, load_event
from handlers.faq import answer as faq
from tests.conftest import EVENT_DAY_MORNING

ROOT = Path(__file__).resolve().parents[3]
SHARED_ALIAS = "twin talks"
HASH_SEEDS = (0, 1, 2, 3)
# Answers every evaluation question, and one naming two sessions at once; prints them as JSON.
ANSWER_ALL = """
import json, sys
from pathlib import Path
from bot.event import load_event
from handlers.faq import answer as faq
from tests.conftest import EVENT_DAY_MORNING
from tests.faq_eval import load_cases, run
event = load_event(Path(sys.argv[1]))
answers = [[r.lang, r.intent, r.text] for r in (run(case, event) for case in load_cases(event))]
answers.append(faq.answer(sys.argv[2], event, EVENT_DAY_MORNING).text)
print(json.dumps(answers, ensure_ascii=False))
"""


@pytest.fixture
def shared_alias_event(tmp_path: Path) -> Path:
    """The bundled event where the reception and the breakfast (in that order in the file) share an alias."""
    text = BUNDLED_EVENT.read_text(encoding="utf-8")
    for last_alias in ("thursday evening event]", "ministers breakfast]"):
        assert text.count(last_alias) == 1
        text = text.replace(last_alias, last_alias[:-1] + f", {SHARED_ALIAS}]")
    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sessions_sharing_a_name_are_listed_in_the_order_of_the_event_file(shared_alias_event: Path) -> None:
    text = faq.answer(f"when are the {SHARED_ALIAS}?", load_event(shared_alias_event), EVENT_DAY_MORNING).text
    assert "Welcome Reception" in text and "Ministerial Breakfast" in text
    assert text.index("Welcome Reception") < text.index("Ministerial Breakfast")


@pytest.mark.slow
def test_every_answer_is_the_same_whatever_the_hash_seed(shared_alias_event: Path) -> None:
    def answers(seed: int) -> list[object]:
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        question = f"when are the {SHARED_ALIAS}?"
        args = [sys.executable, "-c", ANSWER_ALL, str(shared_alias_event), question]
        result = subprocess.run(
            args, capture_output=True, text=True, env=env, cwd=ROOT, check=True, timeout=120
        )
        found: list[object] = json.loads(result.stdout)
        return found

    with ThreadPoolExecutor(max_workers=len(HASH_SEEDS)) as pool:
        first, *others = pool.map(answers, HASH_SEEDS)
    for seed, other in zip(HASH_SEEDS[1:], others, strict=True):
        assert other == first, f"PYTHONHASHSEED={seed} answers differently from PYTHONHASHSEED=0"
