"""Planning: re-plan a user's open tasks into free time, pin and move blocks by hand."""
from __future__ import annotations

import uuid
from datetime import datetime
from uuid import UUID

from domain import commands, events
from domain.errors import Conflict, NotFound, ValidationError
from domain.model import BusyTime, PlanSummary, Preferences
from domain.model import _checks
from domain.scheduling import plan as run_engine
from domain.services.planning import (HORIZON, build_problem, deadline, record_lookback, spec_id, summary_of,
                                      to_time_blocks)
from ports.clock import Clock
from ports.occurrences import OccurrenceLog
from ports.preferences import PreferencesStore
from ports.telemetry import Telemetry
from ports.unit_of_work import UnitOfWork

CONSUMER = "replan"


def recorded_occurrences(occurrences: OccurrenceLog, user_id: UUID, tasks: list, timezone: str,
                         now: datetime) -> dict[UUID, set[str]]:
    """The occurrence keys done or skipped of these routines that a re-plan from ``now`` looks at."""
    by_lookback: dict = {}
    for task in tasks:
        if task.recurrence:
            by_lookback.setdefault(record_lookback(task, timezone), []).append(task.id)
    recorded: dict[UUID, set[str]] = {}
    for lookback, ids in by_lookback.items():
        for record in occurrences.between(user_id, ids, now - lookback, now + HORIZON):
            recorded.setdefault(record.task_id, set()).add(record.occurrence)
    return recorded


def _replan_in(uow: "UnitOfWork", user_id: UUID, clock: Clock, preferences: "PreferencesStore",
               occurrences: OccurrenceLog, now: datetime | None = None) -> PlanSummary | None:
    """Re-plan ``user_id``'s open work from ``now`` (the clock's, unless given), under the engine's
    wall-clock deadline (``planning.deadline``), which every re-plan gets here."""
    uow.plans.lock(user_id)  # one re-plan of a user at a time: each reads what the last one wrote
    now = clock.now() if now is None else now
    stop = deadline(clock.now)
    user = uow.users.get(user_id)
    if user is None:
        return None
    prefs = preferences.get(user_id) or Preferences(timezone=user.timezone)
    existing = uow.blocks.list(user_id)
    busy = [(b.start, b.end) for b in uow.busy.list(user_id, now, now + HORIZON)]
    tasks = uow.tasks.open_tasks(user_id)
    recorded = recorded_occurrences(occurrences, user_id, tasks, prefs.timezone, now)
    last = uow.plans.get(user_id)  # tasks it could not place are not "new" to this run
    cleared = last.cleared_slots(now) if last else {}  # slots cleared outside Planloom, still ahead
    problem, previous = build_problem(now, prefs, tasks, existing, busy, recorded, cleared)
    plan = run_engine(problem, previous, previous_unscheduled=[spec_id(u["task_id"], u.get("occurrence"))
                                                                  for u in last.unscheduled] if last else (),
                      stop=stop)
    placed = to_time_blocks(plan, user_id, existing)
    uow.blocks.replace(user_id, placed)
    summary = summary_of(plan, user_id, now)
    summary.cleared = last.cleared_ahead(now) if last else []  # a slot is remembered until it has ended
    uow.plans.save(summary)
    metrics = plan.metrics
    uow.record(events.ScheduleChanged(user_id=user_id, moved_blocks=metrics.moved_blocks, late_tasks=metrics.late_tasks,
                                      planned_tasks=metrics.scheduled_tasks + metrics.unscheduled_tasks,
                                      engine_ms=metrics.runtime_ms, truncated=metrics.truncated,
                                      missed_blocks=missed_blocks(existing, placed, tasks, now)))
    return summary


def missed_blocks(before: list, after: list, open_tasks: list, now: datetime) -> int:
    """Blocks of the last plan that ended before ``now`` while their task is still open, and that this plan
    no longer holds: the work was not done in them (each is counted once: the next plan does not hold it)."""
    open_ids, kept = {task.id for task in open_tasks}, {block.id for block in after}
    return sum(1 for block in before if block.end <= now and block.task_id in open_ids and block.id not in kept)


def replan_schedule(cmd: commands.ReplanSchedule, uow: "UnitOfWork", clock: "Clock",
                    preferences: "PreferencesStore", occurrences: OccurrenceLog) -> PlanSummary | None:
    now = clock.now()
    with uow:
        if cmd.message_id is not None and not uow.inbox.claim(CONSUMER, cmd.message_id, now):
            return None  # this event was handled already
        uow.plans.lock(cmd.user_id)  # before the debounce reads the last plan
        last = uow.plans.get(cmd.user_id)
        if cmd.requested_at is not None and last is not None and last.computed_at >= cmd.requested_at:
            uow.commit()  # a plan computed after the change already covers it (debounce)
            return last
        summary = _replan_in(uow, cmd.user_id, clock, preferences, occurrences, now)
        uow.commit()
    return summary


def pin_block(cmd: commands.PinBlock, uow: "UnitOfWork", clock: "Clock", preferences: "PreferencesStore",
                 occurrences: OccurrenceLog):
    with uow:
        block = uow.blocks.get(cmd.actor_id, cmd.block_id)
        if block is None:
            raise NotFound("no such block")
        block.pinned = cmd.pinned
        uow.blocks.save(block)
        _replan_in(uow, cmd.actor_id, clock, preferences, occurrences)
        uow.commit()
        return uow.blocks.get(cmd.actor_id, cmd.block_id) or block


def pin_task_blocks(cmd: commands.PinTaskBlocks, uow: "UnitOfWork", clock: "Clock",
                    preferences: "PreferencesStore",
                 occurrences: OccurrenceLog) -> int:
    """Pin every block of the task in one change with one re-plan; how many blocks it pinned."""
    with uow:
        blocks = [b for b in uow.blocks.list(cmd.actor_id) if b.task_id == cmd.task_id]
        for block in blocks:
            block.pinned = cmd.pinned
            uow.blocks.save(block)
        if blocks:
            _replan_in(uow, cmd.actor_id, clock, preferences, occurrences)
            uow.commit()
    return len(blocks)


def move_block(cmd: commands.MoveBlock, uow: "UnitOfWork", clock: "Clock", preferences: "PreferencesStore",
                 occurrences: OccurrenceLog):
    start, end = _checks.aware("start", cmd.start), _checks.aware("end", cmd.end)
    if start is None or end is None or end <= start:
        raise ValidationError.for_field("end", "a block must end after it starts")
    if (end - start).total_seconds() > 24 * 3600:
        raise ValidationError.for_field("end", "a block lasts at most 24 hours")
    with uow:
        block = uow.blocks.get(cmd.actor_id, cmd.block_id)
        if block is None:
            raise NotFound("no such block")
        for other in uow.blocks.list(cmd.actor_id, start, end):
            if other.id != block.id and other.pinned:
                raise Conflict("the new time overlaps another pinned block", {"start": ["overlaps a pinned block"]})
        block.start, block.end, block.pinned = start, end, True  # moving by hand pins the block
        uow.blocks.save(block)
        _replan_in(uow, cmd.actor_id, clock, preferences, occurrences)
        uow.commit()
        return uow.blocks.get(cmd.actor_id, cmd.block_id) or block


def add_busy_time(cmd: commands.AddBusyTime, uow: "UnitOfWork", clock: "Clock", preferences: "PreferencesStore",
                 occurrences: OccurrenceLog):
    """Block out time by hand; the plan moves around it at once."""
    busy = BusyTime(id=uuid.uuid4(), user_id=cmd.actor_id, start=cmd.start, end=cmd.end, title=cmd.title)
    with uow:
        uow.busy.add(busy)
        _replan_in(uow, cmd.actor_id, clock, preferences, occurrences)
        uow.commit()
    return busy


def delete_busy_time(cmd: commands.DeleteBusyTime, uow: "UnitOfWork", clock: "Clock",
                     preferences: "PreferencesStore",
                 occurrences: OccurrenceLog) -> None:
    with uow:
        busy = uow.busy.get(cmd.actor_id, cmd.busy_id)
        if busy is None:
            raise NotFound("no such busy time")
        uow.busy.delete(busy)
        _replan_in(uow, cmd.actor_id, clock, preferences, occurrences)
        uow.commit()


def observe_plan(event: events.ScheduleChanged, telemetry: "Telemetry") -> None:
    """Each scheduler run's size and engine time, for the operations view."""
    telemetry.observe_plan(event.planned_tasks, event.engine_ms / 1000, event.truncated)
