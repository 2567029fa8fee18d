"""Overload explained: per week, how much time is missing, who will be late, what would fix it.

When the dated work cannot all be on time, ``weekly`` groups the consequences by local
week (Monday first) of the due dates: the largest shortfall before a deadline of that
week (work due by then minus the free working time before it), the tasks due that week
that finish late or not at all, and three ways out: hours to add before that deadline,
tasks to defer or drop (the lowest weight per minute first, enough minutes to cover the
shortfall), or deadlines to move (each late task's projected finish).
"""
from __future__ import annotations

from datetime import date, timedelta

from domain.scheduling.model import Model
from domain.scheduling.placement import Decoded
from domain.scheduling.problem import Shortfall, WeekOverload


def _week(m: Model, minute: int) -> date:
    day = m.axis.to_datetime(minute).date()
    return day - timedelta(days=day.weekday())


def weekly(m: Model, dec: Decoded, shortfalls: list[Shortfall]) -> tuple[WeekOverload, ...]:
    late: dict[date, list[tuple[int, int | None]]] = {}  # week -> (job, minutes late or None)
    dated: dict[date, list[int]] = {}
    for job in m.jobs:
        if job.due is None:
            continue
        week = _week(m, max(job.due, 0))
        dated.setdefault(week, []).append(job.index)
        finish = dec.finish.get(job.index)
        if finish is None and (job.index in dec.failed or job.index in m.failed):
            late.setdefault(week, []).append((job.index, None))  # left out: not before the horizon
        elif finish is not None and finish > job.due:
            late.setdefault(week, []).append((job.index, finish - job.due))
    missing: dict[date, int] = {}
    for s in shortfalls:
        week = s.deadline.date() - timedelta(days=s.deadline.weekday())
        missing[week] = max(missing.get(week, 0), s.missing_minutes)
    out = []
    for week in sorted(set(late) | set(missing)):
        short = missing.get(week, 0)
        # defer or drop: the cheapest minutes due by the end of this week, until the gap closes
        due_by = [j for w, js in dated.items() if w <= week for j in js if m.jobs[j].duration > 0]
        defer, freed = [], 0
        for j in sorted(due_by, key=lambda j: (m.jobs[j].weight / m.jobs[j].duration, j)):
            if freed >= short:
                break
            defer.append(m.jobs[j].id)
            freed += m.jobs[j].duration
        entries = late.get(week, [])
        out.append(WeekOverload(
            week_start=week, missing_minutes=short,
            late=tuple((m.jobs[j].id, mins) for j, mins in entries),
            add_hours=-(-short // 60), defer=tuple(defer),
            move_deadlines=tuple((m.jobs[j].id, m.axis.to_datetime(dec.finish[j])) for j, mins in entries
                                 if mins is not None)))
    return tuple(out)
