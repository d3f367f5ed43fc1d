"""The planner never breaks a constraint, on random small instances (hypothesis), and is deterministic."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.matchmaking.planner import Instance, Person, Plan, Wish, can_talk, greedy, solve, value

LANGUAGES = ("ar", "en", "fr")


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    slots = draw(st.integers(1, 4))
    count = draw(st.integers(2, 7))
    people = {}
    for n in range(count):
        languages = frozenset(draw(st.lists(st.sampled_from(LANGUAGES), max_size=2)))
        busy = frozenset(draw(st.lists(st.integers(0, slots - 1), max_size=1)))
        people[f"u{n}"] = Person(f"u{n}", languages, busy)
    keys = sorted(people)
    wishes = draw(
        st.lists(
            st.builds(Wish, st.sampled_from(keys), st.sampled_from(keys), st.integers(1, 60)), max_size=12
        )
    )
    tables = draw(st.integers(1, 3))
    return Instance(
        people=people,
        wishes=tuple(wishes),
        tables=tuple(f"T{t}" for t in range(tables)),
        slots=slots,
        spare_tables=draw(st.integers(0, tables - 1)),
        max_per_person=draw(st.integers(1, 3)),
        interpretation=draw(st.booleans()),
    )


def check(instance: Instance, plan: Plan) -> None:
    usable = set(instance.tables[: instance.usable_tables])
    seen_pairs, per_person = set(), Counter[str]()
    busy_at, table_at = set(), set()
    wished = {(w.requester, w.provider) for w in instance.wishes}
    for placement in plan.placements:
        wish, slot = placement.wish, placement.slot
        pair = frozenset((wish.requester, wish.provider))
        assert (wish.requester, wish.provider) in wished and len(pair) == 2
        assert pair not in seen_pairs, "a pair meets twice"
        seen_pairs.add(pair)
        assert 0 <= slot < instance.slots
        assert placement.table in usable, "a spare or unknown table"
        assert (placement.table, slot) not in table_at, "two meetings at one table"
        table_at.add((placement.table, slot))
        a, b = instance.people[wish.requester], instance.people[wish.provider]
        assert can_talk(a, b, instance.interpretation), "no shared language and no interpretation"
        for person in (a, b):
            assert slot not in person.busy, "a meeting during someone's own pitch"
            assert (person.key, slot) not in busy_at, "someone in two places"
            busy_at.add((person.key, slot))
            per_person[person.key] += 1
    assert all(n <= instance.max_per_person for n in per_person.values())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_constraints_are_never_violated_and_the_solver_beats_greedy(instance: Instance) -> None:
    plan = solve(instance, limit=1.0)
    check(instance, plan)
    assert plan.objective <= plan.bound
    assert plan.objective >= value(instance, greedy(instance))  # the greedy plan is its starting hint


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_same_instance_gives_the_same_plan(instance: Instance) -> None:
    assert solve(instance, limit=1.0).placements == solve(instance, limit=1.0).placements


def test_every_requesting_state_is_covered_before_anyone_gets_a_second_meeting() -> None:
    people = {k: Person(k) for k in ("s1", "s2", "p1")}
    wishes = (Wish("s1", "p1", 50), Wish("s2", "p1", 5))
    instance = Instance(people, wishes, tables=("A",), slots=1)
    assert [p.wish.requester for p in solve(instance).placements] == ["s1"]
    two_slots = Instance(people, (*wishes, Wish("s1", "p2", 40)), tables=("A",), slots=2)
    placed = {p.wish.requester for p in solve(two_slots).placements}
    assert placed == {"s1", "s2"}


def test_a_provider_never_meets_during_its_own_pitch_and_keeps_its_table() -> None:
    people = {"s1": Person("s1", frozenset({"fr"})), "p1": Person("p1", frozenset({"fr"}), frozenset({0}))}
    instance = Instance(
        people, (Wish("s1", "p1", 30),), tables=("A", "B"), slots=2, previous_tables={("s1", "p1"): "B"}
    )
    (placement,) = solve(instance).placements
    assert (placement.slot, placement.table) == (1, "B")


def test_no_shared_language_needs_interpretation() -> None:
    people = {"s1": Person("s1", frozenset({"ar"})), "p1": Person("p1", frozenset({"zh"}))}
    wishes = (Wish("s1", "p1", 30),)
    assert solve(Instance(people, wishes, tables=("A",), slots=1)).placements == ()
    assert len(solve(Instance(people, wishes, tables=("A",), slots=1, interpretation=True)).placements) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_a_replan_keeps_published_slots_without_losing_worth(instance: Instance) -> None:
    """Re-planning an unchanged instance with the published slots gives a plan worth as much, with every
    meeting in the slot it had (so nobody is told anything moved)."""
    first = solve(instance)
    slots = {(p.wish.requester, p.wish.provider): p.slot for p in first.placements}
    again = solve(replace(instance, previous_slots=slots))
    assert again.objective == first.objective
    assert {(p.wish.requester, p.wish.provider): p.slot for p in again.placements} == slots
