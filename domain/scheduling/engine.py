"""The scheduling engine: ``plan(problem, previous) -> Plan``.

1. ``model.build`` turns the problem into jobs and free time, freezing pinned blocks,
   blocks in progress and still-valid blocks of the next 24 hours of the previous plan.
2. Candidate priority orders are built: greedy (priority, then due date; what commercial
   tools describe), earliest modified due date, and an order from the weighted tardiness
   optimiser run on the work-time axis (due dates mapped to the free minutes before them).
3. Each order is placed (``placement.decode``), with and without reusing the previous
   plan's blocks; the best by (unscheduled tasks, weighted tardiness, moved blocks,
   finish times, chunks) wins, and a short local search on the real placement follows.

Everything is deterministic: ties break on input order, randomness comes from
``problem.seed``, and search budgets are counted in evaluations, never in seconds.
"""
from __future__ import annotations

import bisect
import time
from dataclasses import dataclass
from typing import Callable

from domain.scheduling import model as mdl
from domain.scheduling.explain import assemble
from domain.scheduling.placement import Decoded, Job, Placer, Span, decode
from domain.scheduling.problem import Block, Plan, Problem
from domain.scheduling.tardiness import solve

NO_DUE = 1 << 40


@dataclass
class Candidate:
    key: tuple
    order: list[int]
    sticky: bool
    decoded: Decoded
    strategy: str


def _objective(m: mdl.Model, dec: Decoded, skip: set[int]) -> tuple:
    wt = 0.0
    for j, f in dec.finish.items():
        due = m.jobs[j].due
        if due is not None and f > due:
            wt += m.jobs[j].weight * (f - due)
    moved = _moved(m, dec)
    chunks = sum(len(c) for c in dec.chunks.values())
    return (len(dec.failed) + len(skip), round(wt, 6), moved, sum(dec.finish.values()), chunks)


def _moved(m: mdl.Model, dec: Decoded) -> int:
    moved = 0
    for j, spans in m.previous.items():
        now_blocks = set(m.jobs[j].fixed) | set(dec.chunks.get(j, ()))
        moved += sum(1 for s in spans if s[1] > 0 and s not in now_blocks)
    return moved


def _previous_tardiness(m: mdl.Model) -> float:
    """Weighted tardiness the previous plan had, judged against today's due dates."""
    total = 0.0
    for j, spans in m.previous.items():
        job = m.jobs[j]
        if job.due is not None and spans:
            late = max(e for _, e in spans) - job.due
            if late > 0:
                total += job.weight * late
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
                     seeds: list[list[int]]) -> list[int]:
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
    if n <= 150:
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


def _evaluate(m: mdl.Model, order: list[int], sticky: bool, skip: set[int], name: str) -> Candidate:
    dec = decode(order, m.jobs, m.placer.copy(), skip, use_sticky=sticky)
    return Candidate(_objective(m, dec, skip), order, sticky, dec, name)


def _improve(m: mdl.Model, best: Candidate, skip: set[int], budget: int) -> Candidate:
    """Move late jobs earlier in the order while that lowers the objective."""
    tried = 0
    improved = True
    while improved and tried < budget:
        improved = False
        late = []
        for j, f in best.decoded.finish.items():
            due = m.jobs[j].due
            if due is not None and f > due:
                late.append((-(m.jobs[j].weight * (f - due)), j))
        late.sort()
        for _, j in late:
            pos = best.order.index(j)
            step = 1
            while step <= pos and tried < budget:
                order = list(best.order)
                order.insert(pos - step, order.pop(pos))
                cand = _evaluate(m, order, best.sticky, skip, best.strategy + "+ls")
                tried += 1
                if cand.key < best.key:
                    best = cand
                    improved = True
                    break
                step *= 2
            if improved or tried >= budget:
                break
    return best


def plan(problem: Problem, previous: list[Block] | None = None, *,
         timer: Callable[[], float] = time.perf_counter) -> Plan:
    """Plan ``problem``; ``previous`` blocks are kept where possible (stable re-planning).

    ``timer`` only measures ``metrics.runtime_ms``; it never influences the plan.
    """
    t0 = timer()
    m = mdl.build(problem, previous)
    skip = set(m.failed)
    active = [j for j in range(len(m.jobs)) if j not in skip]
    orders = {"greedy": greedy_order(m, active),
              "edd": sorted(active, key=lambda j: (m.jobs[j].due if m.jobs[j].due is not None
                                                   else NO_DUE, -m.jobs[j].weight, j))}
    has_sticky = any(m.jobs[j].sticky for j in active)
    if has_sticky:
        # stable re-planning: keep every block that is still valid and place the rest in
        # the gaps; if that is no worse than the previous plan was, nothing else moves
        quick = min((_evaluate(m, orders[k], True, skip, k + "+keep") for k in ("greedy", "edd")),
                    key=lambda c: c.key)
        if not quick.decoded.failed and quick.key[1] <= _previous_tardiness(m) + 1e-6:
            return assemble(problem, m, quick.decoded, quick.strategy, (timer() - t0) * 1000.0)
    if active:
        orders["optimised"] = _work_axis_order(m, active, problem.seed, list(orders.values()))
    cands = []
    for name, order in orders.items():
        cands.append(_evaluate(m, order, False, skip, name))
        if has_sticky:
            cands.append(_evaluate(m, order, True, skip, name + "+keep"))
    best = min(cands, key=lambda c: c.key)
    n = len(active)
    budget = 60 if n <= 60 else 30 if n <= 300 else 0
    if best.key[1] > 0 and budget:
        best = _improve(m, best, skip, budget)
    return assemble(problem, m, best.decoded, best.strategy, (timer() - t0) * 1000.0)


def greedy_plan(problem: Problem, *, timer: Callable[[], float] = time.perf_counter) -> Plan:
    """Baseline for benchmarks: greedy list scheduling by priority then due date."""
    t0 = timer()
    m = mdl.build(problem, None)
    skip = set(m.failed)
    active = [j for j in range(len(m.jobs)) if j not in skip]
    dec = decode(greedy_order(m, active), m.jobs, m.placer.copy(), skip)
    return assemble(problem, m, dec, "greedy", (timer() - t0) * 1000.0)


def blocks_of(plan_: Plan) -> list[Block]:
    return list(plan_.blocks)


__all__ = ["plan", "greedy_plan", "Span"]
