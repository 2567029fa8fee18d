"""Routines: mark one occurrence done or skipped (or open again), and list a routine's occurrences."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable
from uuid import UUID

from domain import commands, events
from domain.errors import Conflict, NotFound, ValidationError
from domain.model import Task
from domain.model.routine import (MAX_OCCURRENCES, Occurrence, OccurrenceRecord, OccurrenceStatus, Routine,
                                  current_occurrence, open_occurrences)
from ports.clock import Clock
from ports.occurrences import OccurrenceLog
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork

MAX_WINDOW = timedelta(days=366)


def _routine(uow: "UnitOfWork", preferences: "PreferencesStore", user_id: UUID, task_id: UUID) -> tuple[Task, Routine]:
    """The user's routine (404 for no such task of theirs, 409 for a task without a rule)."""
    task = uow.tasks.get(user_id, task_id)
    if task is None:
        raise NotFound("no such task")
    if not task.recurrence:
        raise Conflict("this task does not repeat: give it a recurrence first", {"task_id": ["not a routine"]})
    return task, Routine(task, _zone(uow, preferences, user_id))


def _zone(uow: "UnitOfWork", preferences: "PreferencesStore", user_id: UUID) -> str:
    saved = preferences.get(user_id)
    return saved.timezone if saved is not None else uow.users.get(user_id).timezone


def _occurrence(routine: Routine, key: str) -> Occurrence:
    found = routine.find(key)
    if found is None:
        raise ValidationError.for_field("occurrence", "the routine has no occurrence at that local time")
    return found


def record_occurrence(cmd: commands.RecordOccurrence, uow: "UnitOfWork", clock: "Clock",
                      preferences: "PreferencesStore", occurrences: OccurrenceLog) -> dict:
    """Record what was done with one occurrence; the same request again changes nothing. The record is
    written first; if the change (its event) then fails to commit, the record is put back as it was."""
    status = OccurrenceStatus(cmd.status) if cmd.status is not None else None
    now = clock.now()
    with uow:
        task, routine = _routine(uow, preferences, cmd.actor_id, cmd.task_id)
        if not task.is_open:
            raise Conflict("the routine is finished (done or cancelled); reopen it first", {"status": [task.status.value]})
        occurrence = _occurrence(routine, cmd.occurrence)
        before = occurrences.get(cmd.actor_id, task.id, occurrence.key)
        if (before.status if before else None) is status:
            return _view(occurrence, before, now, carried=None)
        record, undo = write_record(uow, occurrences, task, occurrence, status, now, before)
        try:
            uow.commit()
        except BaseException:
            undo()
            raise
    return _view(occurrence, record, now, carried=None)


def write_record(uow: "UnitOfWork", occurrences: OccurrenceLog, task: Task, occurrence: Occurrence,
                 status: OccurrenceStatus | None, now: datetime,
                 before: OccurrenceRecord | None) -> tuple[OccurrenceRecord | None, Callable[[], None]]:
    """Write (or, for ``status`` None, forget) the record of one occurrence and record the event in
    ``uow``; returns the record and the undo to call if the unit of work then fails to commit (the log
    is another store: it cannot join the transaction)."""
    record = None
    if status is None:
        occurrences.delete(task.user_id, task.id, occurrence.key)
    else:
        record = OccurrenceRecord(user_id=task.user_id, task_id=task.id, occurrence=occurrence.key,
                                  at=occurrence.at, status=status, recorded_at=now)
        occurrences.put(record)
    uow.record(events.OccurrenceRecorded(user_id=task.user_id, task_id=task.id, occurrence=occurrence.key,
                                         status=status.value if status else "open"))

    def undo() -> None:
        if before is None:
            occurrences.delete(task.user_id, task.id, occurrence.key)
        else:
            occurrences.put(before)

    return record, undo


def complete_current(uow: "UnitOfWork", preferences: "PreferencesStore", occurrences: OccurrenceLog, task: Task,
                     now: datetime) -> tuple[bool, Callable[[], None]]:
    """"Done" on an open routine (PATCH status, /done, the SPA's tick): mark its current occurrence done,
    so the next one appears (Todoist). Returns whether the rule has no occurrence after it (the routine
    ends) and the record's undo. A rule with no occurrence left ends at once."""
    routine = Routine(task, _zone(uow, preferences, task.user_id))
    records = occurrences.between(task.user_id, [task.id], now - routine.lookback, now + routine.reach)
    current = current_occurrence(routine, now, {r.occurrence for r in records})
    if current is None:
        if routine.between(now, now + routine.reach + routine.reach, 1):
            raise Conflict("every occurrence within a year is done or skipped already; open one again, or "
                           "cancel the routine to end it", {"status": ["no open occurrence to complete"]})
        return True, lambda: None
    _, undo = write_record(uow, occurrences, task, current, OccurrenceStatus.DONE, now, None)
    return not routine.has_after(current), undo


def _view(occurrence: Occurrence, record: OccurrenceRecord | None, now: datetime, carried: str | None) -> dict:
    if record is not None:
        status = record.status.value
    elif occurrence.due > now or occurrence.key == carried:
        status = "open"
    else:
        status = "missed"
    return {"occurrence": occurrence.key, "start": occurrence.earliest_start, "due": occurrence.due,
            "fixed_time": occurrence.fixed, "status": status,
            "recorded_at": record.recorded_at if record is not None else None}


def list_occurrences(uow: "UnitOfWork", preferences: "PreferencesStore", occurrences: OccurrenceLog, clock: "Clock",
                     user_id: UUID, task_id: UUID, start: datetime, end: datetime,
                     limit: int = MAX_OCCURRENCES) -> list[dict]:
    """The routine's occurrences whose window meets [start, end) (at most a year, at most ``limit``), each
    with its status: done, skipped, open (to do; a missed one that still waits counts), or missed."""
    if end <= start or end - start > MAX_WINDOW:
        raise ValidationError.for_field("to", "must be after from, and at most 366 days after it")
    now = clock.now()
    with uow:
        task, routine = _routine(uow, preferences, user_id, task_id)
    found = routine.between(start, end, limit)
    low = min([o.at for o in found] + [now - routine.lookback])
    high = max([o.at for o in found] + [now]) + timedelta(seconds=1)
    records = {r.occurrence: r for r in occurrences.between(user_id, [task.id], low, high)}
    waiting = open_occurrences(routine, now, now + timedelta(seconds=1), set(records), limit=1)
    carried = waiting[0].key if waiting and waiting[0].due <= now else None
    return [_view(o, records.get(o.key), now, carried) for o in found]
