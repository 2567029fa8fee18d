"""Between the stored world (tasks, blocks, preferences) and the scheduling engine's problem/plan."""
from __future__ import annotations

import heapq
import uuid
from datetime import datetime, time, timedelta
from itertools import islice
from typing import Callable
from uuid import UUID

from domain.model import PlanSummary, Preferences, Task, TimeBlock
from domain.model.routine import MAX_OCCURRENCES, Occurrence, Routine, iter_open
from domain.scheduling import Block, Interval, Plan, Problem, TaskSpec
from domain.scheduling.json_format import plan_to_json
from domain.scheduling.problem import MAX_TASKS, WeeklyHours

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


def spec_id(task_id: UUID | str, occurrence: str | None = None) -> str:
    """The engine's id of a task, or of one occurrence of a routine (``<task id>@<occurrence>``)."""
    return f"{task_id}@{occurrence}" if occurrence else str(task_id)


def _split(item_id: str) -> tuple[str, str | None]:
    task_id, _, occurrence = item_id.partition("@")
    return task_id, occurrence or None


def record_lookback(task: Task, timezone: str) -> timedelta:
    """How far before now a re-plan needs the routine's records (its missed occurrence may wait)."""
    return Routine(task, timezone).lookback


def _in_hours(hours: WeeklyHours) -> Callable[[datetime, datetime], bool]:
    """Whether a local wall window [start, end) meets working hours on a day it touches (at most two)."""
    def meets(start: datetime, end: datetime) -> bool:
        day = start.date()
        while day <= end.date():
            midnight = datetime.combine(day, time())
            if any(midnight + timedelta(minutes=a) < end and start < midnight + timedelta(minutes=b)
                   for a, b in hours.get(day.weekday(), ())):
                return True
            day += timedelta(days=1)
        return False

    return meets


def expand_routines(now: datetime, timezone: str, routines: list[Task], recorded: dict[UUID, set[str]],
                    budget: int, hours: WeeklyHours | None = None,
                    horizon: timedelta = HORIZON) -> list[tuple[Task, Occurrence]]:
    """The open occurrences of these routines inside the horizon, nearest first, at most ``budget`` in
    all and ``MAX_OCCURRENCES`` of one routine. Of an every-N-hours routine only those meeting working
    hours (``hours``) count: "every 2 hours" means through the working day, not at 3 a.m.
    Each routine's occurrences come lazily and in order, merged: an occurrence past the budget is never
    made, so many routines cost about the budget, not every occurrence of every rule."""
    keep = _in_hours(hours) if hours is not None else None

    def stream(task: Task):
        found = islice(iter_open(Routine(task, timezone), now, now + horizon, recorded.get(task.id, set()), keep),
                       MAX_OCCURRENCES)
        name = str(task.id)
        return ((o.earliest_start, o.due, name, task, o) for o in found)

    merged = heapq.merge(*(stream(task) for task in routines), key=lambda item: item[:3])
    return [(task, occurrence) for *_, task, occurrence in islice(merged, max(0, budget))]


def _owner(block: TimeBlock, occurrences: dict[UUID, list[Occurrence]]) -> str | None:
    """The engine id a stored block belongs to: its task, or the routine occurrence whose window holds
    the block's start (a block outside every window, as after the rule changed, is placed afresh)."""
    if block.task_id not in occurrences:
        return spec_id(block.task_id)
    for occurrence in occurrences[block.task_id]:
        if occurrence.earliest_start <= block.start < occurrence.due:
            return spec_id(block.task_id, occurrence.key)
    return None


def build_problem(now: datetime, prefs: Preferences, tasks: list[Task], blocks: list[TimeBlock],
                  busy: list[tuple[datetime, datetime]] = (),
                  recorded: dict[UUID, set[str]] | None = None,
                  avoid: dict[str, list[tuple[datetime, datetime]]] | None = None) -> tuple[Problem, list[Block]]:
    """The engine's problem for these open tasks, and the previous (unpinned) blocks to keep stable.
    A routine (a task with a rule) is planned as its open occurrences (``recorded``: the occurrence
    keys already done or skipped, per routine). ``avoid``: per task id, times that task keeps out of."""
    avoid = avoid or {}
    routines = [t for t in tasks if t.recurrence]
    single = [t for t in tasks if not t.recurrence]
    expanded = expand_routines(now, prefs.timezone, routines, recorded or {}, MAX_TASKS - len(single),
                               weekly_hours(prefs))
    occurrences: dict[UUID, list[Occurrence]] = {t.id: [] for t in routines}
    for task, occurrence in sorted(expanded, key=lambda pair: pair[1].earliest_start):
        occurrences[task.id].append(occurrence)
    open_ids = {spec_id(t.id) for t in single} | {spec_id(t.id, o.key) for t, o in expanded}
    made = {t.id: t.created_at for t in tasks}
    pinned: dict[str, list[Interval]] = {}
    previous: list[Block] = []
    taken: list[tuple[datetime, datetime]] = list(busy)  # a pin clashing with busy time cannot hold either
    for block in sorted(blocks, key=lambda b: (not b.pinned, made.get(b.task_id, now), b.start, str(b.id))):
        owner = _owner(block, occurrences)
        if owner not in open_ids:
            continue
        clash = any(block.start < end and start < block.end for start, end in taken)
        if block.pinned and not clash:  # two pinned blocks at one time: the later-made one may move
            pinned.setdefault(owner, []).append(Interval(block.start, block.end))
            taken.append((block.start, block.end))
        else:
            previous.append(Block(owner, block.start, block.end))
    single_ids = {t.id for t in single}
    items = [(t, None, t.due, t.earliest_start) for t in sorted(single, key=lambda t: (t.created_at, str(t.id)))]
    items += [(t, o.key, o.due, o.earliest_start) for t, o in expanded]
    specs = tuple(
        TaskSpec(
            id=spec_id(t.id, key), duration_minutes=t.duration_minutes, due=due, earliest_start=start,
            priority=t.priority, splittable=t.splittable, min_chunk_minutes=min(t.min_chunk_minutes, t.duration_minutes),
            depends_on=tuple(sorted(str(d) for d in t.depends_on if d in single_ids)) if key is None else (),
            pinned=tuple(sorted(pinned.get(spec_id(t.id, key), ()), key=lambda i: i.start)),
            avoid=tuple(Interval(s, e) for s, e in avoid.get(str(t.id), ())),
        )
        for t, key, due, start in items
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
        task_id = UUID(_split(block.task_id)[0])
        same = known.get((task_id, block.start, block.end))
        out.append(TimeBlock(id=same.id if same else uuid.uuid4(), user_id=user_id, task_id=task_id,
                             start=block.start, end=block.end, pinned=same.pinned if same else False,
                             reason=block.reason[:500]))
    return out


def _plain(value):
    """The plan's JSON with each routine occurrence's id split: ``task_id`` is the routine's, and an
    ``occurrence`` beside it names which one (readers of the summary see task ids only)."""
    if isinstance(value, dict):
        out = {key: _plain(item) for key, item in value.items()}
        if isinstance(value.get("task_id"), str):
            out["task_id"], occurrence = _split(value["task_id"])
            if occurrence:
                out["occurrence"] = occurrence
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, str) and "@" in value and len(value) == 36 + 1 + 16:
        return _split(value)[0]
    return value


def summary_of(plan: Plan, user_id: UUID, now: datetime) -> PlanSummary:
    data = _plain(plan_to_json(plan))
    return PlanSummary(user_id=user_id, computed_at=now, unscheduled=data["unscheduled"],
                       lateness=data["lateness"], shortfalls=data["shortfalls"], metrics=data["metrics"])
