"""Routines: mark one occurrence done or skipped (or open again), and list a routine's occurrences."""
from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from domain import commands, events
from domain.errors import Conflict, NotFound, ValidationError
from domain.model import Task
from domain.model.routine import (MAX_OCCURRENCES, Occurrence, OccurrenceRecord, OccurrenceStatus, Routine,
                                  open_occurrences)
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
    saved = preferences.get(user_id)
    user = uow.users.get(user_id) if saved is None else None
    return task, Routine(task, saved.timezone if saved is not None else user.timezone)


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
        record = None
        if status is None:
            occurrences.delete(cmd.actor_id, task.id, occurrence.key)
        else:
            record = OccurrenceRecord(user_id=cmd.actor_id, task_id=task.id, occurrence=occurrence.key,
                                      at=occurrence.at, status=status, recorded_at=now)
            occurrences.put(record)
        uow.record(events.OccurrenceRecorded(user_id=cmd.actor_id, task_id=task.id, occurrence=occurrence.key,
                                             status=status.value if status else "open"))
        try:
            uow.commit()
        except BaseException:
            if before is None:
                occurrences.delete(cmd.actor_id, task.id, occurrence.key)
            else:
                occurrences.put(before)
            raise
    return _view(occurrence, record, now, carried=None)


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
