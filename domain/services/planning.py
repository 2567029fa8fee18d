"""Between the stored world (tasks, blocks, preferences) and the scheduling engine's problem/plan."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Callable
from uuid import UUID

from domain.model import PlanSummary, Preferences, Task, TimeBlock
from domain.scheduling import Block, Interval, Plan, Problem, TaskSpec
from domain.scheduling.json_format import plan_to_json
from domain.scheduling.problem import WeeklyHours

HORIZON = timedelta(weeks=8)
PLAN_SECONDS = 5.0  # wall-clock guard of one engine run (docs/scheduling.md, "Limits")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def deadline(now: Callable[[], datetime], seconds: float = PLAN_SECONDS) -> Callable[[], bool]:
    """The engine's stop check: true once ``seconds`` have passed by ``now`` (a Clock's
    ``now``: the domain never reads the time itself; the engine then returns its best plan
    so far, with ``metrics.truncated``)."""
    end = now() + timedelta(seconds=seconds)
    return lambda: now() >= end


def weekly_hours(prefs: Preferences) -> WeeklyHours:
    return {i: tuple((_minutes(a), _minutes(b)) for a, b in prefs.working_hours.get(day, []))
            for i, day in enumerate(_DAYS)}


def build_problem(now: datetime, prefs: Preferences, tasks: list[Task], blocks: list[TimeBlock],
                  busy: list[tuple[datetime, datetime]] = ()) -> tuple[Problem, list[Block]]:
    """The engine's problem for these open tasks, and the previous (unpinned) blocks to keep stable."""
    open_ids = {t.id for t in tasks}
    made = {t.id: t.created_at for t in tasks}
    pinned: dict[UUID, list[Interval]] = {}
    previous: list[Block] = []
    taken: list[tuple[datetime, datetime]] = list(busy)  # a pin clashing with busy time cannot hold either
    for block in sorted(blocks, key=lambda b: (not b.pinned, made.get(b.task_id, now), b.start, str(b.id))):
        if block.task_id not in open_ids:
            continue
        clash = any(block.start < end and start < block.end for start, end in taken)
        if block.pinned and not clash:  # two pinned blocks at one time: the later-made one may move
            pinned.setdefault(block.task_id, []).append(Interval(block.start, block.end))
            taken.append((block.start, block.end))
        else:
            previous.append(Block(str(block.task_id), block.start, block.end))
    specs = tuple(
        TaskSpec(
            id=str(t.id), duration_minutes=t.duration_minutes, due=t.due, earliest_start=t.earliest_start,
            priority=t.priority, splittable=t.splittable, min_chunk_minutes=min(t.min_chunk_minutes, t.duration_minutes),
            depends_on=tuple(sorted(str(d) for d in t.depends_on if d in open_ids)),
            pinned=tuple(sorted(pinned.get(t.id, ()), key=lambda i: i.start)),
        )
        for t in sorted(tasks, key=lambda t: (t.created_at, str(t.id)))
    )
    problem = Problem(
        now=now, timezone=prefs.timezone, horizon_end=now + HORIZON, working_hours=weekly_hours(prefs),
        tasks=specs, busy=tuple(Interval(s, e) for s, e in busy), buffer_minutes=prefs.buffer_minutes,
        daily_cap_minutes=prefs.daily_cap_minutes,
    )
    return problem, previous


def to_time_blocks(plan: Plan, user_id: UUID, existing: list[TimeBlock]) -> list[TimeBlock]:
    """The plan's blocks as stored blocks. A block that did not move keeps its id and pin."""
    known = {(b.task_id, b.start, b.end): b for b in existing}
    out = []
    for block in plan.blocks:
        task_id = UUID(block.task_id)
        same = known.get((task_id, block.start, block.end))
        out.append(TimeBlock(id=same.id if same else uuid.uuid4(), user_id=user_id, task_id=task_id,
                             start=block.start, end=block.end, pinned=same.pinned if same else False,
                             reason=block.reason[:500]))
    return out


def summary_of(plan: Plan, user_id: UUID, now: datetime) -> PlanSummary:
    data = plan_to_json(plan)
    return PlanSummary(user_id=user_id, computed_at=now, unscheduled=data["unscheduled"],
                       lateness=data["lateness"], shortfalls=data["shortfalls"], metrics=data["metrics"])
