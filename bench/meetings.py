"""The meeting planner on a large instance; prints one JSON line.

    .venv/bin/python bench/meetings.py [--states 150] [--providers 60] [--preferences 1500]
                                       [--tables 20] [--slots 6] [--spare 0] [--workers 1] [--seed 7]

A random instance (fixed seed): States and providers with one to three working languages out of six,
each provider busy in one slot (its own pitch), preference weights as handlers/matchmaking/wishes.py gives
them. The objective is total preference plus a bonus per State covered (planner.value).
Reports the CP-SAT solve time, the total preference it placed, an upper bound on it (and the gap),
the greedy baseline's total on the same instance, how many States got a meeting each way, and whether a
second solve gives the very same plan (determinism).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from handlers.matchmaking.planner import Instance, Person, Wish, greedy, solve, value

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
WEIGHTS = (
    10 + 5 + 15,
    20 + 10 + 15,
    30 + 15 + 15,
    20,
    30,
    10 + 10,
)  # accepted, like↔like, must↔must, one-sided


def instance(args: argparse.Namespace) -> Instance:
    rng = random.Random(args.seed)
    people: dict[str, Person] = {}
    for n in range(args.states):
        languages = frozenset(rng.sample(LANGUAGES, rng.randint(1, 3)))
        people[f"s{n}"] = Person(f"s{n}", languages)
    for n in range(args.providers):
        languages = frozenset(rng.sample(LANGUAGES, rng.randint(1, 3)))
        people[f"p{n}"] = Person(f"p{n}", languages, frozenset({rng.randrange(args.slots)}))
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < args.preferences:
        pairs.add((f"s{rng.randrange(args.states)}", f"p{rng.randrange(args.providers)}"))
    wishes = tuple(
        Wish(state, provider, rng.choice(WEIGHTS) + rng.randint(0, 10)) for state, provider in sorted(pairs)
    )
    return Instance(
        people=people,
        wishes=wishes,
        tables=tuple(str(t) for t in range(1, args.tables + args.spare + 1)),
        slots=args.slots,
        spare_tables=args.spare,
        max_per_person=args.slots,
        interpretation=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    for name, default in (
        ("states", 150), ("providers", 60), ("preferences", 1500), ("tables", 20), ("slots", 6),
        ("spare", 0), ("workers", 1), ("seed", 7),
    ):  # fmt: skip
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--limit", type=float, default=5.0, help="deterministic time limit")
    args = parser.parse_args()
    problem = instance(args)
    plan = solve(problem, workers=args.workers, limit=args.limit)
    again = solve(problem, workers=args.workers, limit=args.limit)
    started = time.perf_counter()
    baseline = greedy(problem)
    greedy_seconds = time.perf_counter() - started
    greedy_total = value(problem, baseline)
    requesters = {w.requester for w in problem.wishes}
    print(
        json.dumps(
            {
                "bench": "meetings",
                "states": args.states,
                "providers": args.providers,
                "preferences": len(problem.wishes),
                "tables": args.tables,
                "slots": args.slots,
                "workers": args.workers,
                "status": plan.status,
                "solve_seconds": round(plan.seconds, 3),
                "meetings": len(plan.placements),
                "objective": plan.objective,
                "upper_bound": plan.bound,
                "gap": round(plan.gap, 4),
                "preference": plan.preference,
                "greedy_objective": greedy_total,
                "greedy_preference": sum(w.weight for w, _ in baseline),
                "greedy_meetings": len(baseline),
                "greedy_seconds": round(greedy_seconds, 4),
                "vs_greedy": round(plan.objective / greedy_total - 1, 4) if greedy_total else None,
                "states_with_meeting": len({p.wish.requester for p in plan.placements}),
                "greedy_states_with_meeting": len({w.requester for w, _ in baseline}),
                "states_wishing": len(requesters),
                "deterministic": plan.placements == again.placements,
            }
        )
    )


if __name__ == "__main__":
    main()
