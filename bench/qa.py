"""Q&A accuracy and in-process answer latency over the evaluation set; prints one JSON line.

    .venv/bin/python bench/qa.py [--rounds N]

Accuracy: share of tests/data/faq_eval.yaml cases answered right (intent, language, expected facts), also
per reply language and per batch (a batch is a set of cases written at one time, e.g. before tuning).
Latency: every case answered ``rounds`` times after one warm-up pass (the event's index is built once,
as in a running bot); p50 / p99 / max of single ``answer`` calls in milliseconds, wall clock and thread
CPU time (the CPU figures stay meaningful when other processes load the machine; the load is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.event import load_event
from tests.faq_eval import load_cases, problems, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    event = load_event()
    cases = load_cases(event)
    started = time.perf_counter()
    right = [not problems(case, run(case, event)) for case in cases]
    correct = sum(right)
    by_lang: dict[str, list[bool]] = {}
    by_batch: dict[str, list[bool]] = {}
    for case, ok in zip(cases, right, strict=True):
        by_lang.setdefault(case.lang, []).append(ok)
        by_batch.setdefault(case.batch, []).append(ok)
    first_pass_ms = (time.perf_counter() - started) * 1000
    samples: list[float] = []
    cpu: list[float] = []  # thread CPU time: the same calls without time spent preempted on a busy machine
    for _ in range(args.rounds):
        for case in cases:
            begin, begin_cpu = time.perf_counter_ns(), time.thread_time_ns()
            run(case, event)
            cpu.append((time.thread_time_ns() - begin_cpu) / 1e6)
            samples.append((time.perf_counter_ns() - begin) / 1e6)
    samples.sort()
    cut = statistics.quantiles(samples, n=100)
    cpu_cut = statistics.quantiles(cpu, n=100)
    print(
        json.dumps(
            {
                "bench": "qa",
                "cases": len(cases),
                "correct": correct,
                "accuracy": round(correct / len(cases), 4),
                "accuracy_by_lang": {lang: f"{sum(oks)}/{len(oks)}" for lang, oks in sorted(by_lang.items())},
                "accuracy_by_batch": {
                    name: f"{sum(oks)}/{len(oks)}" for name, oks in sorted(by_batch.items())
                },
                "answers_timed": len(samples),
                "p50_ms": round(cut[49], 3),
                "p99_ms": round(cut[98], 3),
                "max_ms": round(samples[-1], 3),
                "cpu_p50_ms": round(cpu_cut[49], 3),
                "cpu_p99_ms": round(cpu_cut[98], 3),
                "load_average_1m": round(os.getloadavg()[0], 2),
                "first_pass_ms_incl_index_build": round(first_pass_ms, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
