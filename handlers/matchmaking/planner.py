"""The meeting planner: a pure function from an instance (people, wished-for pairs, tables, time slots) to a
plan, solved with OR-Tools CP-SAT. No database, no clock: property tests feed it random small instances.

The model. One boolean per (pair, slot): the pair meets in that slot. Tables are interchangeable, so a
slot's capacity (tables less the spares held back) is one linear constraint, and which table a meeting gets
is decided after the solve, keeping a meeting's earlier table when re-planning (fewer moves to announce).
    each pair meets at most once
    nobody is in two meetings in one slot
    nobody meets during a slot they are busy in (a provider's own pitch slot)
    a pair meets only with a shared working language, unless interpretation is available
    nobody has more meetings than the per-participant maximum
    each requesting State gets at least one meeting where possible (a bonus per covered State that
    outweighs any single pair's preference)
    maximise the total preference of the meetings placed; among plans worth as much, keep the most
    meetings in the slot they had (a tie-break scaled below one point of preference)
Deterministic: one search worker, a fixed seed and a deterministic time limit (work units, not seconds),
so the same instance gives the same plan on any machine load.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from time import perf_counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


SEED = 20240510
DETERMINISTIC_LIMIT = 5.0  # CP-SAT deterministic time units: the same work, so the same plan, under any load


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    languages: frozenset[str] = frozenset()  # empty: not said; not held against anyone
    busy: frozenset[int] = frozenset()  # slot indexes they cannot meet in


@dataclass(frozen=True, slots=True)
class Wish:
    """A pair that should meet: the requesting State (demand side) and the provider, with its weight."""

    requester: str
    provider: str
    weight: int


@dataclass(frozen=True, slots=True)
class Instance:
    people: Mapping[str, Person]
    wishes: Sequence[Wish]
    tables: Sequence[str]
    slots: int
    spare_tables: int = 0
    max_per_person: int = 6
    interpretation: bool = False
    previous_tables: Mapping[tuple[str, str], str] = field(default_factory=dict)  # pair → table it had
    previous_slots: Mapping[tuple[str, str], int] = field(default_factory=dict)  # pair → slot it had

    @property
    def usable_tables(self) -> int:
        return max(0, len(self.tables) - self.spare_tables)


@dataclass(frozen=True, slots=True)
class Placement:
    wish: Wish
    slot: int
    table: str


@dataclass(frozen=True, slots=True)
class Plan:
    placements: tuple[Placement, ...]
    objective: int  # value(): total preference plus the bonus of each State covered
    bound: int  # no plan can reach more than this (the solver's proven bound)
    status: str  # OPTIMAL, FEASIBLE, …
    seconds: float
    unplaced: tuple[Wish, ...] = ()

    @property
    def preference(self) -> int:
        return sum(p.wish.weight for p in self.placements)

    @property
    def gap(self) -> float:
        return 0.0 if self.bound <= 0 else (self.bound - self.objective) / self.bound


def can_talk(a: Person, b: Person, interpretation: bool) -> bool:
    return interpretation or not a.languages or not b.languages or bool(a.languages & b.languages)


def eligible(instance: Instance) -> list[Wish]:
    """Wishes the constraints allow at all: both people known, distinct, able to talk; one per pair."""
    seen: set[frozenset[str]] = set()
    found: list[Wish] = []
    for wish in sorted(instance.wishes, key=lambda w: (-w.weight, w.requester, w.provider)):
        pair = frozenset((wish.requester, wish.provider))
        a, b = instance.people.get(wish.requester), instance.people.get(wish.provider)
        if len(pair) < 2 or pair in seen or a is None or b is None or wish.weight <= 0:
            continue
        if can_talk(a, b, instance.interpretation):
            seen.add(pair)
            found.append(wish)
    return found


def free_slots(instance: Instance, wish: Wish) -> list[int]:
    busy = instance.people[wish.requester].busy | instance.people[wish.provider].busy
    return [s for s in range(instance.slots) if s not in busy]


def cover_bonus(wishes: Sequence[Wish]) -> int:
    """Worth more than any one meeting: a State's first meeting beats anyone's extra one."""
    return 1 + max((w.weight for w in wishes), default=0)


def value(instance: Instance, meetings: Sequence[tuple[Wish, int]]) -> int:
    """What the planner maximises: total preference plus the bonus of each requesting State covered."""
    bonus = cover_bonus(eligible(instance))
    return sum(w.weight for w, _ in meetings) + bonus * len({w.requester for w, _ in meetings})


def solve(instance: Instance, *, workers: int = 1, limit: float = DETERMINISTIC_LIMIT) -> Plan:
    # OR-Tools is imported when a plan is made, not with the bot: it costs tens of megabytes at rest.
    from ortools.sat.python import cp_model

    started = perf_counter()
    wishes = eligible(instance)
    model = cp_model.CpModel()
    meets = {
        (i, s): model.new_bool_var(f"m{i}_{s}")
        for i, wish in enumerate(wishes)
        for s in free_slots(instance, wish)
    }
    groups: dict[tuple[str, object], list[cp_model.IntVar]] = {}
    for (i, s), var in meets.items():
        wish = wishes[i]
        for name in (("wish", i), ("slot", s), ("requester", wish.requester)):
            groups.setdefault(name, []).append(var)
        for person in (wish.requester, wish.provider):
            groups.setdefault(("person", person), []).append(var)
            groups.setdefault(("person-slot", (person, s)), []).append(var)
    for (kind, _), members in groups.items():
        if kind in ("wish", "person-slot"):
            model.add_at_most_one(members)
        elif kind == "slot":
            model.add(sum(members) <= instance.usable_tables)
        elif kind == "person":
            model.add(sum(members) <= instance.max_per_person)
    covered = {str(who): model.new_bool_var(f"c_{who}") for kind, who in groups if kind == "requester"}
    for who, flag in covered.items():
        model.add(flag <= sum(groups[("requester", who)]))
    bonus = cover_bonus(wishes)
    preference = sum(wishes[i].weight * var for (i, _), var in meets.items())
    kept = [var for (i, s), var in meets.items() if _previous_slot(instance, wishes[i]) == s]
    scale = len(kept) + 1  # every kept slot together is worth less than one point of preference
    model.maximize(scale * (preference + bonus * sum(covered.values())) + sum(kept))
    _hint(model, meets, covered, wishes, greedy(instance))
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = SEED
    solver.parameters.num_workers = workers
    solver.parameters.max_deterministic_time = limit
    status = solver.solve(model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    chosen = sorted((s, i) for (i, s), var in meets.items() if found and solver.boolean_value(var))
    placements = assign_tables(instance, [(wishes[i], s) for s, i in chosen])
    objective = value(instance, [(p.wish, p.slot) for p in placements])
    bound = int(solver.best_objective_bound) // scale if found and meets else objective
    placed = {(p.wish.requester, p.wish.provider) for p in placements}
    unplaced = tuple(w for w in wishes if (w.requester, w.provider) not in placed)
    state = solver.status_name(status) if meets else "OPTIMAL"
    seconds = perf_counter() - started
    return Plan(tuple(placements), objective, max(bound, objective), state, seconds, unplaced)


def _previous_slot(instance: Instance, wish: Wish) -> int | None:
    return instance.previous_slots.get((wish.requester, wish.provider))


def _hint(
    model: cp_model.CpModel,
    meets: dict[tuple[int, int], cp_model.IntVar],
    covered: dict[str, cp_model.IntVar],
    wishes: Sequence[Wish],
    start: Sequence[tuple[Wish, int]],
) -> None:
    """The greedy plan as the search's first solution: the solver starts where a hand-written one ends."""
    index = {(w.requester, w.provider): i for i, w in enumerate(wishes)}
    chosen = {(index[(w.requester, w.provider)], s) for w, s in start}
    for position, var in meets.items():
        model.add_hint(var, position in chosen)
    starters = {w.requester for w, _ in start}
    for who, flag in covered.items():
        model.add_hint(flag, who in starters)


def assign_tables(instance: Instance, meetings: Sequence[tuple[Wish, int]]) -> list[Placement]:
    """Tables per slot: a meeting keeps the table it had in the previous plan when that table is free,
    the others take the first free tables in the event file's order (spares last, never used here)."""
    usable = list(instance.tables[: instance.usable_tables])
    placements: list[Placement] = []
    for slot in sorted({s for _, s in meetings}):
        in_slot = sorted((w for w, s in meetings if s == slot), key=lambda w: (w.requester, w.provider))
        taken: dict[int, str] = {}
        for index, wish in enumerate(in_slot):
            before = instance.previous_tables.get((wish.requester, wish.provider))
            if before in usable and before not in taken.values():
                taken[index] = before
        free = iter(t for t in usable if t not in taken.values())
        for index, wish in enumerate(in_slot):
            placements.append(Placement(wish, slot, taken.get(index) or next(free)))
    return placements


def greedy(instance: Instance) -> list[tuple[Wish, int]]:
    """The baseline a hand-written scheduler would do: heaviest pair first, earliest slot that fits."""
    load: dict[int, int] = {}
    busy: set[tuple[str, int]] = set()
    count: dict[str, int] = {}
    placed: list[tuple[Wish, int]] = []
    for wish in eligible(instance):
        if any(count.get(k, 0) >= instance.max_per_person for k in (wish.requester, wish.provider)):
            continue
        for slot in free_slots(instance, wish):
            people_free = (wish.requester, slot) not in busy and (wish.provider, slot) not in busy
            if people_free and load.get(slot, 0) < instance.usable_tables:
                load[slot] = load.get(slot, 0) + 1
                busy.update({(wish.requester, slot), (wish.provider, slot)})
                for key in (wish.requester, wish.provider):
                    count[key] = count.get(key, 0) + 1
                placed.append((wish, slot))
                break
    return placed
