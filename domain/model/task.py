"""The Task aggregate: what a person wants done, with the invariants that keep it sane."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from domain import events
from domain.errors import ValidationError
from domain.model import _checks
from domain.model.recurrence import validate_rrule
from domain.model.tag import normalise_tag

MAX_TAGS = 20
MAX_DEPENDENCIES = 100
MAX_DURATION = 10080  # one week, in minutes


class TaskStatus(str, enum.Enum):
    """Open (todo) or closed (done, cancelled). Whether an open task has blocks is the plan's business,
    not a status: a task's blocks say when it is planned."""

    TODO = "todo"
    DONE = "done"
    CANCELLED = "cancelled"


# Fields a caller may set through create/update (everything else is owned by the aggregate).
MAX_ACTUAL_MINUTES = 10080  # a reported actual: at most a week of minutes, as a duration

EDITABLE = (
    "title", "notes", "duration_minutes", "due", "earliest_start", "priority", "status",
    "category_id", "tags", "splittable", "min_chunk_minutes", "depends_on", "recurrence",
)


@dataclass
class Task:
    id: UUID
    user_id: UUID
    title: str
    created_at: datetime
    updated_at: datetime
    notes: str = ""
    duration_minutes: int = 30
    due: datetime | None = None
    earliest_start: datetime | None = None
    priority: int = 4
    status: TaskStatus = TaskStatus.TODO
    category_id: UUID | None = None
    tags: tuple[str, ...] = ()
    splittable: bool = False
    min_chunk_minutes: int = 30
    depends_on: frozenset[UUID] = frozenset()
    recurrence: str | None = None
    completed_at: datetime | None = None
    actual_minutes: int | None = None  # how long it took (set when done): as reported, else as its blocks tell
    actual_reported: bool = False      # the person said how long it took (blocks can only tell "up to planned")
    version: int = 1
    events: list = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = {name: getattr(self, name) for name in EDITABLE}
        for name, value in _validated(values, self).items():
            setattr(self, name, value)
        _check_cross_fields(self)

    @classmethod
    def from_storage(cls, **values: Any) -> "Task":
        """Rebuild a task from storage, which only ever holds validated tasks: skips __post_init__."""
        task = cls.__new__(cls)
        task.__dict__.update(values)
        task.events = []
        return task

    # -- behaviour -----------------------------------------------------------------------
    @classmethod
    def create(cls, *, id: UUID, user_id: UUID, now: datetime, **values: Any) -> "Task":
        unknown = set(values) - set(EDITABLE)
        if unknown:
            raise ValidationError("unknown task fields", {name: ["unknown field"] for name in sorted(unknown)})
        task = cls(id=id, user_id=user_id, created_at=now, updated_at=now, **values)
        if task.status is TaskStatus.DONE:
            task.completed_at = now
        task.events.append(events.TaskCreated(user_id=user_id, task_id=id))
        return task

    def update(self, changes: dict[str, Any], now: datetime) -> tuple[str, ...]:
        """Apply a partial update atomically: either every change is valid and applied, or none."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValidationError("unknown task fields", {name: ["unknown field"] for name in sorted(unknown)})
        clean = _validated(changes, self)
        candidate = {name: getattr(self, name) for name in EDITABLE} | clean
        probe = _Probe(**candidate)
        _check_cross_fields(probe)
        changed = tuple(name for name in EDITABLE if name in clean and getattr(self, name) != clean[name])
        if not changed:
            return ()
        was_done = self.status is TaskStatus.DONE
        for name in changed:
            setattr(self, name, clean[name])
        self.updated_at = now
        self.version += 1
        if self.status is TaskStatus.DONE and not was_done:
            self.completed_at = now
            self.events.append(events.TaskCompleted(user_id=self.user_id, task_id=self.id))
        elif self.status is not TaskStatus.DONE:
            self.completed_at = None
            self.actual_minutes = None
            self.actual_reported = False
        self.events.append(events.TaskUpdated(user_id=self.user_id, task_id=self.id, fields=changed))
        return changed

    def record_actual(self, blocks: list, now: datetime) -> None:
        """When done: the minutes of its blocks that had begun by ``now`` (None if no block had)."""
        minutes = sum(max(0, int((min(b.end, now) - b.start).total_seconds() // 60)) for b in blocks if b.start < now)
        self.actual_minutes = minutes or None
        self.actual_reported = False

    def report_actual(self, minutes: int | None, now: datetime) -> bool:
        """The person says how long a done task took (None: forget it, back to its blocks' minutes, which
        the caller records). True when it changed."""
        if self.status is not TaskStatus.DONE:
            raise ValidationError.for_field("actual_minutes", "only a done task has actual minutes")
        if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)
                                    or not 1 <= minutes <= MAX_ACTUAL_MINUTES):
            raise ValidationError.for_field("actual_minutes", f"must be a whole number from 1 to {MAX_ACTUAL_MINUTES}")
        if minutes == self.actual_minutes and self.actual_reported == (minutes is not None):
            return False
        self.actual_minutes, self.actual_reported = minutes, minutes is not None
        self.updated_at = now
        self.version += 1
        self.events.append(events.TaskUpdated(user_id=self.user_id, task_id=self.id, fields=("actual_minutes",)))
        return True

    def mark_deleted(self) -> None:
        self.events.append(events.TaskDeleted(user_id=self.user_id, task_id=self.id))

    @property
    def is_open(self) -> bool:
        return self.status is TaskStatus.TODO


@dataclass
class _Probe:
    """The would-be state of a task, for cross-field checks before anything changes."""

    title: str
    notes: str
    duration_minutes: int
    due: datetime | None
    earliest_start: datetime | None
    priority: int
    status: TaskStatus
    category_id: UUID | None
    tags: tuple[str, ...]
    splittable: bool
    min_chunk_minutes: int
    depends_on: frozenset[UUID]
    recurrence: str | None


def _check_cross_fields(task: Any) -> None:
    if task.due is not None and task.earliest_start is not None and task.earliest_start > task.due:
        raise ValidationError.for_field("earliest_start", "must not be after the due date")
    if task.splittable and task.min_chunk_minutes > task.duration_minutes:
        raise ValidationError.for_field("min_chunk_minutes", "must not exceed duration_minutes")


def _validated(values: dict[str, Any], task: Any) -> dict[str, Any]:
    """Validate each given field on its own; collect every error before raising."""
    out: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        try:
            out[name] = _FIELD_CHECKS[name](value, task)
        except ValidationError as exc:
            for key, messages in (exc.field_errors or {name: [exc.detail]}).items():
                errors.setdefault(key, []).extend(messages)
    if errors:
        first = next(iter(errors))
        raise ValidationError(f"{first}: {errors[first][0]}", errors)
    return out


def check_values(values: dict[str, Any]) -> dict[str, Any]:
    """The task's own rules for each given field (title, due, duration_minutes, priority, tags...), as on
    create: the values as a task would keep them, or one ValidationError naming every bad field."""
    return _validated(values, None)


def _tags(value: Any, task: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        raise ValidationError.for_field("tags", "must be a list of tag names")
    names: list[str] = []
    for item in value:
        name = normalise_tag(item, "tags")
        if name not in names:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise ValidationError.for_field("tags", f"at most {MAX_TAGS} tags per task")
    return tuple(names)


def _depends_on(value: Any, task: Any) -> frozenset[UUID]:
    if not isinstance(value, (list, tuple, set, frozenset)) or not all(isinstance(v, UUID) for v in value):
        raise ValidationError.for_field("depends_on", "must be a list of task ids")
    ids = frozenset(value)
    if len(ids) > MAX_DEPENDENCIES:
        raise ValidationError.for_field("depends_on", f"at most {MAX_DEPENDENCIES} dependencies")
    if getattr(task, "id", None) in ids:
        raise ValidationError.for_field("depends_on", "a task cannot depend on itself")
    return ids


def _boolean(name: str):
    def check(value: Any, task: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError.for_field(name, "must be true or false")
        return value

    return check


def _status(value: Any, task: Any) -> TaskStatus:
    try:
        return TaskStatus(value)
    except ValueError:
        raise ValidationError.for_field("status", f"must be one of {[s.value for s in TaskStatus]}") from None


def _optional_uuid(value: Any, task: Any) -> UUID | None:
    if value is not None and not isinstance(value, UUID):
        raise ValidationError.for_field("category_id", "must be a category id")
    return value


_FIELD_CHECKS = {
    "title": lambda v, t: _checks.text("title", v, min_len=1, max_len=500),
    "notes": lambda v, t: _checks.text("notes", v if v is not None else "", max_len=20000),
    "duration_minutes": lambda v, t: _checks.integer("duration_minutes", v, low=1, high=MAX_DURATION),
    "due": lambda v, t: _checks.aware("due", v),
    "earliest_start": lambda v, t: _checks.aware("earliest_start", v),
    "priority": lambda v, t: _checks.integer("priority", v, low=1, high=4),
    "status": _status,
    "category_id": _optional_uuid,
    "tags": _tags,
    "splittable": _boolean("splittable"),
    "min_chunk_minutes": lambda v, t: _checks.integer("min_chunk_minutes", v, low=5, high=MAX_DURATION),
    "depends_on": _depends_on,
    "recurrence": lambda v, t: None if v is None else validate_rrule(v),
}


@dataclass(frozen=True)
class TaskQuery:
    """Filters, sort and page of a task listing. ``sort`` is a field name, ``-`` prefix for descending."""

    status: tuple[TaskStatus, ...] = ()
    category_id: UUID | None = None
    tag: str | None = None
    due_before: datetime | None = None
    due_after: datetime | None = None
    q: str | None = None
    recurring: bool | None = None  # True: only routines (a recurrence rule); False: only one-off tasks
    sort: str = "created_at"
    offset: int = 0
    limit: int = 50

    SORTABLE = ("created_at", "updated_at", "due", "priority", "title", "duration_minutes")


def find_cycle(graph: dict[UUID, frozenset[UUID]], start: UUID) -> list[UUID] | None:
    """Return a dependency path from ``start`` back to itself, or None. Iterative DFS."""
    stack: list[tuple[UUID, list[UUID]]] = [(start, [start])]
    seen: set[UUID] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, frozenset()):
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None
