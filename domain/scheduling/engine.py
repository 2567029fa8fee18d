"""The scheduling engine: ``plan(problem, previous) -> Plan``.

1. ``model.build`` turns the problem into jobs and free time, freezing pinned blocks,
   blocks in progress and still-valid blocks of the next 24 hours of the previous plan.
2. Candidate priority orders are built: greedy (priority, then due date; what commercial
   tools describe), earliest modified due date, and an order from the weighted tardiness
   optimiser run on the work-time axis (due dates mapped to the free minutes before them).
3. Each order is placed (``placement.decode``), with and without reusing the previous
   plan's blocks; the best by the objective (weighted tardiness with left-out dated
   tasks at the horizon, tasks left out, moved blocks, finish times, chunks) wins, and a short local search on the real placement follows
   (``search.improve``: urgent jobs left out behind a left-out dependency moved up with
   it, cheap late jobs tried at the back, random moves of late jobs, exchanges with the
   jobs placed just before them, and kicks that clear the earliest slot a late job could
   have alone).

Everything is deterministic: ties break on input order, randomness comes from
``problem.seed``, and search budgets are counted in evaluations, never in seconds.
"""
from __future__ import annotations

import bisect
import time
from typing import Callable, Iterable

from domain.scheduling import model as mdl
from domain.scheduling import budget as work
from domain.scheduling.budget import Guard, units_for
from domain.scheduling.dispatch import ATC_K, dispatch, rule_name
from domain.scheduling.explain import assemble
from domain.scheduling.placement import Job, Placer, decode
from domain.scheduling.problem import Block, Plan, Problem
from domain.scheduling.search import Candidate, evaluate, improve, open_work, pull_deps
from domain.scheduling.tardiness import solve

NO_DUE = 1 << 40
RESHUFFLE_GAIN = 0.2
DISPATCH_ALL = 600  # above this many tasks only LARGE_RULES seed the search (time)
# The engine's own dispatch seeds: the benchmarks' rules (ATC_K and EDD) and, on large
# problems, a longer look-ahead. ATC scales slack by K times the mean task length, and when
# most tasks are short (a month of many 15-minute items) that mean is small: K = 4 then
# looks only a few hours ahead, and K = 12-16 gives 3-25% less weighted tardiness than
# K = 4 on the 1,000-task months of bench/realistic.py (on 50-200 tasks the search that
# follows already finds those plans: no gain there).
SMALL_RULES = ATC_K + (None,)
LARGE_RULES = (4.0, 12.0, 16.0, None)
HUGE = 1200  # above this many tasks the long look-ahead is left out: its picks cost the most
HUGE_RULES = (4.0, None)  # (2,000 tasks must plan within ~3 s)
UNBLOCK = 30  # placements for urgent tasks left out behind a dependency (search._unblock)


def _exact_work_axis(m: mdl.Model, active: list[int]) -> bool:
    """True when placing an order back to back is exactly the 1||sum wT model: one free
    span from now covering all the work, no chunks, releases, dependencies or buffers;
    then the sequence optimiser's result needs no search on the real placement."""
    free = m.placer.free.get("", [])
    if len(m.placer.free) != 1 or len(free) != 1 or free[0][0] != 0 or m.placer.buffer \
            or m.placer.cap is not None:
        return False
    total = 0
    for j in active:
        job = m.jobs[j]
        if job.splittable or job.release or job.deps or job.fixed or job.sticky:
            return False
        total += job.duration
    return total <= free[0][1] - free[0][0]


def _rescue(m: mdl.Model, best: Candidate, skip: set[int]) -> Candidate:
    """Tasks that found no room: try placing them first (longest first) before the rest."""
    failed = [j for j, why in best.decoded.failed.items() if why == "no_capacity"]
    if not failed:
        return best
    first = sorted(failed, key=lambda j: (-m.jobs[j].duration, j))
    first_set = set(first)
    order = pull_deps(first + [j for j in best.order if j not in first_set], m.jobs)
    cand = evaluate(m, order, best.sticky, skip, best.strategy + "+rescue")
    return cand if cand.key < best.key else best


def _previous_tardiness(m: mdl.Model, left_out: set[str]) -> float:
    """Weighted tardiness the previous plan had, judged against today's due dates (the
    dated tasks it left out at the horizon, like the objective)."""
    total = 0.0
    for job in m.jobs:
        if job.due is None:
            continue
        spans = m.previous.get(job.index)
        end = max(e for _, e in spans) if spans else m.horizon if job.id in left_out else None
        if end is not None and end > job.due:
            total += job.weight * (end - job.due)
    return total


def _capacity(placer: Placer, profile: str) -> Callable[[int], float]:
    """Free work minutes before a minute, honouring the daily cap roughly."""
    spans = placer.free[profile]
    starts = [s for s, _ in spans]
    cum = [0.0]
    scale = [1.0] * len(spans)
    if placer.cap is not None:
        per_day: dict[int, int] = {}
        for s, e in spans:
            per_day[placer._day(s)] = per_day.get(placer._day(s), 0) + e - s
        for k, (s, e) in enumerate(spans):
            day = placer._day(s)
            left = max(0, placer.cap - placer.used.get(day, 0))
            scale[k] = min(1.0, left / per_day[day]) if per_day[day] else 0.0
    for k, (s, e) in enumerate(spans):
        cum.append(cum[-1] + (e - s) * scale[k])

    def before(t: int) -> float:
        k = bisect.bisect_right(starts, t) - 1
        if k < 0:
            return 0.0
        s, e = spans[k]
        return cum[k] + (min(t, e) - s) * scale[k]
    return before


def _work_axis_order(m: mdl.Model, active: list[int], seed: int,
                     seeds: list[list[int]], light: bool = False) -> list[int]:
    """Order from the 1||sum wT optimiser with due dates mapped onto free work minutes."""
    caps = {k: _capacity(m.placer, k) for k in m.placer.free}
    jobs = m.jobs
    buf = m.placer.buffer
    due: dict[int, float] = {}
    for j in active:
        job = jobs[j]
        if job.due is None:
            due[j] = float(NO_DUE)
        elif job.due <= 0:
            due[j] = float(job.due)
        else:
            due[j] = caps[job.profile](job.due)
    # a dependency must finish before its dependant can start: tighten its due date
    pos = {j: k for k, j in enumerate(active)}
    topo = decode_order_topological(active, jobs)
    for j in reversed(topo):
        for d in jobs[j].deps:
            if d in pos:
                due[d] = min(due[d], due[j] - jobs[j].duration - buf)
    p = [jobs[j].duration + buf for j in active]
    w = [jobs[j].weight for j in active]
    dd = [int(due[j]) for j in active]
    n = len(active)
    at = {j: k for k, j in enumerate(active)}
    initial = [[at[j] for j in order] for order in seeds]
    if light:  # re-planning: start from the previous order, a short search is enough
        res = solve(p, w, dd, seed=seed, max_kicks=0, window=30, initial=initial, atc=False,
                    dont_look=True)
    elif n <= 150:
        res = solve(p, w, dd, seed=seed, initial=initial)
    elif n <= 600:
        res = solve(p, w, dd, seed=seed, max_kicks=8, patience=4, window=40, initial=initial)
    else:
        res = solve(p, w, dd, seed=seed, max_kicks=0, window=30, initial=initial)
    return [active[k] for k in res.sequence]


def decode_order_topological(order: list[int], jobs: list[Job]) -> list[int]:
    inside = set(order)
    seen: set[int] = set()
    out: list[int] = []
    for root in order:
        stack = [(root, False)]
        while stack:
            v, done = stack.pop()
            if done:
                out.append(v)
                continue
            if v in seen:
                continue
            seen.add(v)
            stack.append((v, True))
            for d in reversed(jobs[v].deps):
                if d in inside and d not in seen:
                    stack.append((d, False))
    return out


def greedy_order(m: mdl.Model, active: list[int]) -> list[int]:
    """Priority first, then due date: the list scheduling commercial tools describe."""
    return sorted(active, key=lambda j: (m.jobs[j].priority, m.jobs[j].due if m.jobs[j].due is not None
                                         else NO_DUE, j))


def _budgets(n: int, replanning: bool) -> tuple[int, int, int, int]:
    """Placements the local search may evaluate: (descent and exchanges, room kicks,
    unblocking moves, tries at the back of the order).

    One placement costs time roughly in proportion to ``n``, so both shrink as ``n``
    grows (200 tasks: up to 15 + 15 + 15 + 15, after the dispatch rules and the work-time
    optimiser, to stay within ~300 ms; above 400 tasks a short descent only). A re-plan
    that must move blocks gets a token descent only: its first aim is to move little, and
    it has to answer within tens of milliseconds. Up to HUGE tasks the two moves aimed at
    overload run too: UNBLOCK placements for urgent tasks left out behind a dependency
    (``search._unblock``; each worth a task's whole lateness at the horizon) and as many
    tries of cheap late tasks at the back as the descent has (``search._to_back``).
    """
    if replanning:
        return 5, 0, 0, 0
    if n <= 60:
        return 150, 60, UNBLOCK, 150
    if n <= 400:
        return min(300, 3000 // n), min(200, 3000 // n), UNBLOCK, min(300, 3000 // n)
    if n <= HUGE:
        return max(4, 12000 // n), 0, UNBLOCK, max(4, 12000 // n)
    return max(4, 12000 // n), 0, 0, 0


def _guard(problem: Problem, m: mdl.Model, stop: Callable[[], bool] | None) -> Guard:
    chunks = sum(-(-t.duration_minutes // max(1, t.min_chunk_minutes)) if t.splittable else 1
                 for t in problem.tasks)
    spans = sum(len(v) for v in m.placer.free.values())
    return Guard(units_for(len(m.jobs), spans, chunks), stop)


def plan(problem: Problem, previous: list[Block] | None = None, *,
         previous_unscheduled: Iterable[str] = (),
         timer: Callable[[], float] = time.perf_counter,
         stop: Callable[[], bool] | None = None) -> Plan:
    """Plan ``problem``; ``previous`` blocks are kept where possible (stable re-planning).

    ``previous_unscheduled`` names tasks the previous plan could not place: if they still
    do not fit in the gaps, that alone does not trigger a full re-optimisation (a new task
    that does not fit does). ``timer`` only measures ``metrics.runtime_ms``; it never
    influences the plan. The work is capped by a budget that scales with the problem
    (``budget.units_for``) and by ``stop``, asked now and then (e.g. a deadline from the
    caller's clock); either returns the best plan so far with ``metrics.truncated``.
    """
    left_out = set(previous_unscheduled)
    t0 = timer()
    m = mdl.build(problem, previous)
    m.guard = _guard(problem, m, stop)
    skip = set(m.failed)
    active = [j for j in range(len(m.jobs)) if j not in skip]
    orders = {"greedy": greedy_order(m, active),
              "edd": sorted(active, key=lambda j: (m.jobs[j].due if m.jobs[j].due is not None
                                                   else NO_DUE, -m.jobs[j].weight, j))}
    has_sticky = any(m.jobs[j].sticky for j in active)
    n = len(active)
    per_placement = m.guard.left  # the units one placement costs, measured on the first ones
    if has_sticky:
        # stable re-planning: keep every block that is still valid and place the rest in
        # the gaps; if that is no worse than the previous plan was, nothing else moves
        tried = {k + "+keep": evaluate(m, orders[k], True, skip, k + "+keep") for k in ("greedy", "edd")}
        quick = min(tried.values(), key=lambda c: c.key)
        # tasks that had blocks must all still be placed (new tasks may wait for a full search)
        lost = [j for j in quick.decoded.failed if m.previous.get(j)]
        new_failed = [j for j in quick.decoded.failed if not m.previous.get(j)]
        if not lost and not new_failed and quick.key[0] <= _previous_tardiness(m, left_out) + 1e-6:
            return assemble(problem, m, quick.decoded, quick.strategy, (timer() - t0) * 1000.0)
        if not lost and new_failed and all(m.jobs[j].id in left_out for j in new_failed) \
                and quick.key[0] <= _previous_tardiness(m, left_out) + 1e-6:
            return assemble(problem, m, quick.decoded, quick.strategy, (timer() - t0) * 1000.0)
        orders["previous"] = sorted(active, key=lambda j: (m.jobs[j].sticky[0][0] if m.jobs[j].sticky
                                                           else NO_DUE, j))
    else:
        tried = {}
    cands: list[Candidate] = []

    def add(name: str, order: list[int]) -> None:
        orders[name] = order
        if not has_sticky or name == "optimised":
            cands.append(evaluate(m, order, False, skip, name))
        if has_sticky:
            cands.append(tried.get(name + "+keep") or evaluate(m, order, True, skip, name + "+keep"))

    for name, order in list(orders.items()):  # placed first: a plan exists if the budget trips
        add(name, order)
    per_placement = max(1, (per_placement - m.guard.left) // max(1, len(cands)))
    if active and not has_sticky:
        # the dynamic dispatch rules on the real calendar: the engine starts from the best
        # of them, so it is never worse than any (all of them on up to DISPATCH_ALL tasks)
        for k in SMALL_RULES if n <= DISPATCH_ALL else LARGE_RULES if n <= HUGE else HUGE_RULES:
            if not m.guard.tripped:
                add(rule_name(k), dispatch(m.jobs, m.placer.copy(), active, m.horizon, k, m.guard))
    if active and not m.guard.tripped:
        add("optimised", _work_axis_order(m, active, problem.seed, list(orders.values()),
                                          light=has_sticky))
        add("greedy-deps", pull_deps(orders["greedy"], m.jobs))
    best = min(cands, key=lambda c: c.key)
    if has_sticky:
        # a re-plan reshuffles only if that cuts weighted tardiness by at least
        # RESHUFFLE_GAIN or schedules more tasks at no more; otherwise the plan that keeps
        # blocks wins
        kept = min((c for c in cands if c.sticky), key=lambda c: c.key)
        gains = best.key[0] < (1 - RESHUFFLE_GAIN) * kept.key[0] or \
            (best.key[0] <= kept.key[0] and best.key[1] < kept.key[1])
        if best is not kept and not gains:
            best = kept
    best = _rescue(m, best, skip)
    budget, room, unblock, back = _budgets(n, has_sticky)
    most = work.SEARCH_UNITS // per_placement  # placements that cost a lot (many chunks) get fewer
    budget, room, back = min(budget, most), min(room, most), min(back, most)
    unblock = min(unblock, work.UNBLOCK_UNITS // per_placement)
    m.search_floor = 2 * per_placement  # the search never cuts the plan short
    if open_work(best.key) and budget and not _exact_work_axis(m, active):
        best = improve(m, best, skip, budget, room, problem.seed, unblock, back)
    return assemble(problem, m, best.decoded, best.strategy, (timer() - t0) * 1000.0)


def greedy_plan(problem: Problem, *, timer: Callable[[], float] = time.perf_counter) -> Plan:
    """Baseline for benchmarks: greedy list scheduling by priority then due date."""
    t0 = timer()
    m = mdl.build(problem, None)
    skip = set(m.failed)
    active = [j for j in range(len(m.jobs)) if j not in skip]
    dec = decode(greedy_order(m, active), m.jobs, m.placer.copy(), skip)
    return assemble(problem, m, dec, "greedy", (timer() - t0) * 1000.0)


def dispatch_plan(problem: Problem, k: float | None, *,
                  timer: Callable[[], float] = time.perf_counter) -> Plan:
    """Baseline for benchmarks: dynamic dispatch (ATC with look-ahead ``k``, or EDD if None)
    on the real calendar, each pick placed at its earliest feasible time."""
    t0 = timer()
    m = mdl.build(problem, None)
    skip = set(m.failed)
    active = [j for j in range(len(m.jobs)) if j not in skip]
    order = dispatch(m.jobs, m.placer.copy(), active, m.horizon, k)
    dec = decode(order, m.jobs, m.placer.copy(), skip)
    return assemble(problem, m, dec, rule_name(k), (timer() - t0) * 1000.0)


__all__ = ["plan", "greedy_plan", "dispatch_plan", "RESHUFFLE_GAIN"]
