"""Independent checks of a plan's hard rules, used by the scheduling tests.

These re-derive availability minute by minute from the local wall clock instead of
reusing the engine's interval code, so a bug there cannot hide itself.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from domain.scheduling import Plan, Problem

MIN = timedelta(minutes=1)
UTC = timezone.utc


def _utc(moment: datetime) -> datetime:
    # aware datetimes sharing a tzinfo subtract and add on the wall clock; use UTC
    return moment.astimezone(UTC)


def minutes(start: datetime, end: datetime) -> int:
    return (_utc(end) - _utc(start)) // MIN


def _available(hours: dict, moment: datetime, tz: ZoneInfo) -> bool:
    local = moment.astimezone(tz)
    lm = local.hour * 60 + local.minute
    for s, e in hours.get(local.weekday(), ()):
        if s <= lm < e:
            return True
    for s, e in hours.get((local.weekday() - 1) % 7, ()):
        if e > 1440 and lm + 1440 < e:
            return True
    return False


def _max_chunk(task) -> int:
    """The documented relaxation: if the duration cannot be cut into chunks of min..max,
    max is raised to the smallest length that allows it."""
    d, mn, mx = task.duration_minutes, min(task.min_chunk_minutes, task.duration_minutes), task.max_chunk_minutes
    for k in range(1, d + 1):
        if k * mn <= d <= k * mx:
            return mx
    k = max(1, d // mn)
    return max(mx, -(-d // k))


def check_plan(problem: Problem, plan: Plan) -> None:
    tz = ZoneInfo(problem.timezone)
    tasks = {t.id: t for t in problem.tasks}
    by_task: dict[str, list] = defaultdict(list)
    plan = Plan(tuple(replace(b, start=_utc(b.start), end=_utc(b.end)) for b in plan.blocks),
                plan.unscheduled, plan.metrics)
    for b in plan.blocks:
        by_task[b.task_id].append(b)
        assert b.end > b.start, b
    unscheduled = {u.task_id for u in plan.unscheduled}
    blocks = sorted(plan.blocks, key=lambda b: b.start)
    buf = timedelta(minutes=problem.buffer_minutes)
    # no overlap with each other or buffers
    for a, b in zip(blocks, blocks[1:]):
        assert b.start >= a.end + (buf if a.task_id != b.task_id or True else timedelta()), (a, b)
    for b in blocks:
        if b.reason == "pinned":
            continue
        assert b.start >= problem.now - MIN or "in progress" in b.reason, b
        assert b.end <= problem.horizon_end, b
        for busy in problem.busy:
            assert b.end + buf <= busy.start or b.start >= busy.end + buf, (b, busy)
        task = tasks[b.task_id]
        hours = problem.category_hours.get(task.category or "", problem.working_hours)
        t = b.start
        while t < b.end:
            assert _available(hours, t, tz), (b, t.astimezone(tz))
            t += MIN
    for tid, task in tasks.items():
        own = by_task.get(tid, [])
        if tid in unscheduled:
            continue
        # a task's blocks add up to its duration; a block in progress counts whole, like a
        # pinned one (pinned blocks longer than the task are kept as they are)
        pinned = sum(minutes(b.start, b.end) for b in own if b.reason == "pinned")
        total = sum(minutes(b.start, b.end) for b in own)
        assert total == max(task.duration_minutes, pinned), (tid, own)
        free = [b for b in own if b.reason != "pinned"]
        if not task.splittable:
            assert len(free) <= 1 or task.pinned, own
            assert len(own) == 1 or task.pinned, own
        else:
            limit = min(task.min_chunk_minutes, task.duration_minutes)
            for b in free:
                assert (b.end - b.start) // MIN >= limit, (b, limit)
                if task.max_chunk_minutes:
                    assert (b.end - b.start) // MIN <= _max_chunk(task), b
        if task.earliest_start and free:
            assert min(b.start for b in free) >= task.earliest_start - MIN
        for dep in task.depends_on:
            assert dep not in unscheduled, (tid, dep)
            dep_end = max(_utc(b.end) for b in by_task[dep])
            assert min(_utc(b.start) for b in own) >= dep_end, (tid, dep)
    if problem.daily_cap_minutes is not None:
        # the cap holds for the minutes from now on: the part of a block in progress before now is
        # work done, like any other work done earlier that day, which the plan does not count
        counted_from = _utc(problem.now).replace(second=0, microsecond=0)
        if counted_from < _utc(problem.now):
            counted_from += MIN
        per_day: dict = defaultdict(int)
        for b in blocks:
            t = max(_utc(b.start), counted_from)
            while t < _utc(b.end):
                per_day[t.astimezone(tz).date()] += 1
                t += MIN
        for day, used in per_day.items():
            assert used <= problem.daily_cap_minutes, (day, used)


def weighted_tardiness(problem: Problem, plan: Plan) -> float:
    finish: dict[str, datetime] = {}
    for b in plan.blocks:
        # by the instant, not the wall clock: aware datetimes of one zone compare naively,
        # so on the night clocks go back 02:31 (first pass) would beat 02:01 (second pass)
        finish[b.task_id] = max(finish.get(b.task_id, b.end), b.end, key=_utc)
    total = 0.0
    origin = datetime(1970, 1, 1, tzinfo=timezone.utc)
    left_out = {u.task_id for u in plan.unscheduled}
    for t in problem.tasks:
        if t.due is not None and (t.id in finish or t.id in left_out):
            # a dated task left out counts as finishing at the horizon (docs/scheduling.md)
            end = problem.horizon_end if t.id in left_out else finish[t.id]
            late = ((_floor_minute(end) - origin) // MIN) - ((_floor_minute(t.due) - origin) // MIN)
            total += t.effective_weight * max(0, late)
    return total


def _floor_minute(moment: datetime) -> datetime:
    return _utc(moment).replace(second=0, microsecond=0)
