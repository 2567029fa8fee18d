"""Create, edit and delete tasks, keeping references (category, tags, dependencies) inside one user."""
from __future__ import annotations

import uuid
from typing import Any

from domain import commands
from domain.errors import Conflict, NotFound, StaleVersion, ValidationError
from domain.model import Tag, Task, TaskStatus
from domain.model.task import find_cycle
from domain.services.handlers.routines import complete_current
from domain.services.limits import Limits
from ports.clock import Clock
from ports.occurrences import OccurrenceLog
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork


def _check_references(uow: "UnitOfWork", user_id: uuid.UUID, task_id: uuid.UUID, values: dict[str, Any]) -> None:
    category_id = values.get("category_id")
    if category_id is not None:
        if not isinstance(category_id, uuid.UUID) or uow.categories.get(user_id, category_id) is None:
            raise ValidationError.for_field("category_id", "no such category")
    if "depends_on" in values:
        wanted = set(values["depends_on"] or ())
        if task_id in wanted:
            raise ValidationError.for_field("depends_on", "a task cannot depend on itself")
        missing = wanted - uow.tasks.existing_ids(user_id, wanted)
        if missing:
            raise ValidationError.for_field("depends_on", f"no such task: {sorted(map(str, missing))[0]}")


def _ensure_tags(uow: "UnitOfWork", clock: "Clock", user_id: uuid.UUID, names: tuple[str, ...]) -> None:
    existing = {tag.name for tag in uow.tags.get_by_names(user_id, names)}
    for name in names:
        if name not in existing:
            uow.tags.add(Tag(id=uuid.uuid4(), user_id=user_id, name=name, created_at=clock.now()))


def add_task(uow: "UnitOfWork", clock: "Clock", user_id: uuid.UUID, values: dict[str, Any]) -> Task:
    """Add a task inside an open unit of work, the one way every use case creates tasks (POST /tasks,
    quick-add, /add): the task's invariants, its category and dependencies checked to be the user's
    own, its tags created when new. ``values`` holds ``duration_minutes``. The caller commits."""
    values = dict(values)
    if values.get("splittable") and "min_chunk_minutes" not in values:
        values["min_chunk_minutes"] = min(30, values["duration_minutes"])
    task = Task.create(id=uuid.uuid4(), user_id=user_id, now=clock.now(), **values)
    _check_references(uow, user_id, task.id, values)
    _ensure_tags(uow, clock, user_id, task.tags)
    uow.tasks.add(task)
    return task


def create_task(cmd: commands.CreateTask, uow: "UnitOfWork", clock: "Clock", preferences: "PreferencesStore",
                limits: Limits) -> Task:
    values = dict(cmd.values)
    with uow:
        limits.ensure_room_for(uow, cmd.actor_id, 1)
        if "duration_minutes" not in values:
            prefs = preferences.get(cmd.actor_id)
            values["duration_minutes"] = prefs.default_duration_minutes if prefs else 30
        task = add_task(uow, clock, cmd.actor_id, values)
        uow.commit()
    return task


def _completes_routine(task: Task, changes: dict[str, Any]) -> bool:
    """Whether ``changes`` mark an open routine done (and keep it a routine): that completes its current
    occurrence, not the routine."""
    return (task.is_open and "status" in changes and changes["status"] == TaskStatus.DONE.value
            and bool(changes.get("recurrence", task.recurrence)))


_NOT_GIVEN = object()


def update_task(cmd: commands.UpdateTask, uow: "UnitOfWork", clock: "Clock", limits: Limits,
                preferences: "PreferencesStore", occurrences: OccurrenceLog) -> Task:
    """Apply a partial update. Marking an open routine done completes its current occurrence and the
    routine stays open with the next one (docs/routines.md); it closes when its rule has no more."""
    undo = None
    with uow:
        task = uow.tasks.get(cmd.actor_id, cmd.task_id)
        if task is None:
            raise NotFound("no such task")
        if cmd.expected_version is not None and cmd.expected_version != task.version:
            raise StaleVersion(f"the task is at version {task.version}, not {cmd.expected_version}")
        _check_references(uow, cmd.actor_id, task.id, cmd.changes)
        was_open = task.is_open
        changes, now = dict(cmd.changes), clock.now()
        reported = changes.pop("actual_minutes", _NOT_GIVEN)
        if _completes_routine(task, changes):
            del changes["status"]
            changed = task.update(changes, now)  # the other fields (a new rule too) first
            ended, undo = complete_current(uow, preferences, occurrences, task, now)
            if ended:
                changed += task.update({"status": TaskStatus.DONE.value}, now)
        else:
            changed = task.update(changes, now)
        if task.is_open and not was_open:  # reopening counts against the cap as creating does
            limits.ensure_room_for(uow, cmd.actor_id, 1)
        if "depends_on" in changed:
            graph = uow.tasks.dependency_graph(cmd.actor_id)
            graph[task.id] = task.depends_on
            cycle = find_cycle(graph, task.id)
            if cycle:
                raise Conflict(
                    "these dependencies would form a cycle: " + " -> ".join(str(i) for i in cycle),
                    {"depends_on": ["would create a dependency cycle"]},
                )
        if "tags" in changed:
            _ensure_tags(uow, clock, cmd.actor_id, task.tags)
        if reported is not _NOT_GIVEN:  # what the person says wins over what the blocks tell
            task.report_actual(reported, now)
        if task.status is TaskStatus.DONE and not task.actual_reported and ("status" in changed or reported is None):
            task.record_actual([b for b in uow.blocks.list(cmd.actor_id, None, task.completed_at)
                                if b.task_id == task.id], task.completed_at)
        try:
            uow.commit()
        except BaseException:
            if undo is not None:
                undo()
            raise
    return task


def delete_task(cmd: commands.DeleteTask, uow: "UnitOfWork", occurrences: OccurrenceLog) -> None:
    with uow:
        task = uow.tasks.get(cmd.actor_id, cmd.task_id)
        if task is None:
            raise NotFound("no such task")
        uow.tasks.delete(task)
        uow.commit()
    if task.recurrence:  # a routine's records go with it (after the commit: never for a task still there)
        occurrences.delete_task(cmd.actor_id, task.id)
