"""The same calendar as a CP-SAT model (ortools, in the ``bench`` extra), for the benchmarks.

Free time becomes fixed intervals; a splittable task is cut into equal chunks of at least
its minimum length (a restriction, so CP-SAT may miss plans the engine can make); the
buffer is added to every block's length; tasks are optional. The objective is the
engine's (docs/scheduling.md): weighted tardiness, a dated task left out counting as
finishing at the horizon, then the number of tasks placed. Calendars with a daily cap
or category hours are not modelled (None). Returns (weighted tardiness, unscheduled) of
the best solution found within the time limit, or None.
"""
from __future__ import annotations

from domain.scheduling import model as mdl


def _chunks(job) -> list[int]:
    d = job.duration
    k = 1
    if job.splittable:
        size = job.max_chunk or max(job.min_chunk, 120)
        k = max(1, -(-d // size))
        while k > 1 and d // k < min(job.min_chunk, d):
            k -= 1
    return [d // k + (1 if i < d % k else 0) for i in range(k)]


def cpsat(problem, hint_plan, seconds: float, workers: int = 2) -> tuple[float, int] | None:
    try:
        from ortools.sat.python import cp_model
    except ImportError:
        return None
    if problem.daily_cap_minutes is not None or problem.category_hours:
        return None
    m = mdl.build(problem, None)
    free, H, buf = m.placer.free[""], m.horizon, m.placer.buffer
    model = cp_model.CpModel()
    intervals = []
    cursor = 0
    for s, e in free + [(H, H)]:
        if s > cursor:
            intervals.append(model.NewIntervalVar(cursor, s - cursor, s, "blocked"))
        cursor = max(cursor, e)
    hint: dict[str, list[tuple[int, int]]] = {}
    for b in hint_plan.blocks:
        hint.setdefault(b.task_id, []).append((m.axis.floor(b.start), m.axis.floor(b.end)))
    n = len(m.jobs)
    tardy, present, first_start, last_end = [], {}, {}, {}
    for job in m.jobs:
        if job.index in m.failed or job.duration <= 0:
            continue
        lit = model.NewBoolVar(f"p{job.index}")
        present[job.index] = lit
        prev_end, done = None, 0
        for i, length in enumerate(_chunks(job)):
            size = length + buf
            start = model.NewIntVar(job.release, max(job.release, H - size), f"s{job.index}_{i}")
            end = model.NewIntVar(job.release + length, H, f"e{job.index}_{i}")
            intervals.append(model.NewOptionalIntervalVar(start, size, start + size, lit, f"i{job.index}_{i}"))
            model.Add(end == start + length)
            if prev_end is None:
                first_start[job.index] = start
            else:
                model.Add(start >= prev_end + buf)
            prev_end = end
            t, acc = None, 0
            for gs, ge in sorted(hint.get(job.id, [])):
                if acc + (ge - gs) > done:
                    t = gs + (done - acc)
                    break
                acc += ge - gs
            if t is not None:
                model.AddHint(start, max(job.release, min(t, H - size)))
            done += length
        last_end[job.index] = prev_end
        model.AddHint(lit, 1 if job.id in hint else 0)
        if job.due is not None:
            late = model.NewIntVar(0, H + abs(job.due), f"t{job.index}")
            model.Add(late >= prev_end - job.due).OnlyEnforceIf(lit)
            model.Add(late >= H - job.due).OnlyEnforceIf(lit.Not())
            tardy.append(int(round(job.weight)) * late)
    for job in m.jobs:
        if job.index not in present:
            continue
        for dep in job.deps:
            if dep in present:
                model.AddImplication(present[job.index], present[dep])
                model.Add(first_start[job.index] >= last_end[dep]).OnlyEnforceIf(present[job.index])
            elif m.jobs[dep].duration > 0 or dep in m.failed:
                model.Add(present[job.index] == 0)
    model.AddNoOverlap(intervals)
    missing = sum(1 - lit for lit in present.values())
    model.Minimize((n + 1) * sum(tardy) + missing)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    wt = 0.0
    for job in m.jobs:
        if job.due is None or job.duration <= 0 and job.index not in m.failed:
            continue
        if job.index in present and solver.Value(present[job.index]):
            wt += job.weight * max(0, solver.Value(last_end[job.index]) - job.due)
        else:
            wt += job.weight * max(0, H - job.due)
    left = sum(1 for lit in present.values() if not solver.Value(lit)) + len(m.failed)
    return wt, left
