"""The 1||sum wT optimiser: exact on small instances, consistent cost bookkeeping."""
from __future__ import annotations

from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.scheduling.tardiness import local_search, sequence_cost, solve


@st.composite
def instances(draw, max_n=7):
    n = draw(st.integers(1, max_n))
    p = draw(st.lists(st.integers(1, 30), min_size=n, max_size=n))
    w = draw(st.lists(st.integers(0, 10), min_size=n, max_size=n))
    d = draw(st.lists(st.integers(0, 120), min_size=n, max_size=n))
    return p, w, d


@settings(max_examples=150, deadline=None)
@given(instances())
def test_solve_finds_the_optimum_of_small_instances(inst):
    p, w, d = inst
    best = min(sequence_cost(s, p, w, d) for s in permutations(range(len(p))))
    res = solve(p, w, d, seed=1)
    assert sorted(res.sequence) == list(range(len(p)))
    assert res.cost == sequence_cost(res.sequence, p, w, d)
    assert res.cost == best


@settings(max_examples=100, deadline=None)
@given(instances(max_n=25), st.integers(0, 5))
def test_local_search_never_worsens_and_is_deterministic(inst, seed):
    p, w, d = inst
    start = list(range(len(p)))
    seq, cost = local_search(start, p, w, d)
    assert cost <= sequence_cost(start, p, w, d)
    assert cost == sequence_cost(seq, p, w, d)
    assert solve(p, w, d, seed=seed).sequence == solve(p, w, d, seed=seed).sequence


def test_windowed_search_and_release_offset():
    p, w, d = [3, 2, 4, 1], [1, 5, 2, 3], [4, 2, 9, 3]
    res = solve(p, w, d, start=10, window=2)
    assert res.cost == sequence_cost(res.sequence, p, w, d, start=10)
    assert solve([], [], []).sequence == []
