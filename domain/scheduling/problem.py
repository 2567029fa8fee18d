"""Value objects of the scheduling engine: the problem it is given and the plan it returns.

All datetimes are timezone-aware. Weekly hours are minutes after local midnight; an end
greater than 1440 means the window runs past midnight into the next day.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# weekday (0 = Monday) -> windows as (start_minute, end_minute) after local midnight
WeeklyHours = dict[int, tuple[tuple[int, int], ...]]

PRIORITY_WEIGHTS: dict[int, float] = {1: 8.0, 2: 4.0, 3: 2.0, 4: 1.0}
DEFAULT_PRIORITY = 3
MAX_TASKS = 5000


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class TaskSpec:
    id: str
    duration_minutes: int
    due: datetime | None = None
    earliest_start: datetime | None = None
    priority: int = DEFAULT_PRIORITY
    weight: float | None = None
    splittable: bool = False
    min_chunk_minutes: int = 30
    max_chunk_minutes: int | None = None
    depends_on: tuple[str, ...] = ()
    pinned: tuple[Interval, ...] = ()
    category: str | None = None
    avoid: tuple[Interval, ...] = ()  # times not free for this task only (a slot its block was cleared from)

    @property
    def effective_weight(self) -> float:
        if self.weight is not None:
            return self.weight
        return PRIORITY_WEIGHTS.get(self.priority, 1.0)


@dataclass(frozen=True)
class Problem:
    now: datetime
    timezone: str
    horizon_end: datetime
    working_hours: WeeklyHours
    tasks: tuple[TaskSpec, ...] = ()
    busy: tuple[Interval, ...] = ()
    buffer_minutes: int = 0
    daily_cap_minutes: int | None = None
    category_hours: dict[str, WeeklyHours] = field(default_factory=dict)
    seed: int = 0


@dataclass(frozen=True)
class Block:
    task_id: str
    start: datetime
    end: datetime
    reason: str = ""


@dataclass(frozen=True)
class Unscheduled:
    task_id: str
    reason: str
    code: str = "no_capacity"


@dataclass(frozen=True)
class Lateness:
    task_id: str
    due: datetime
    finish: datetime
    late_minutes: int


@dataclass(frozen=True)
class Shortfall:
    """Work that cannot fit before a deadline: ``missing_minutes`` more capacity is needed."""

    deadline: datetime
    missing_minutes: int
    task_ids: tuple[str, ...]


@dataclass(frozen=True)
class WeekOverload:
    """One week (by due date) whose dated work cannot all be on time, and what would fix it."""

    week_start: date  # local Monday
    missing_minutes: int  # largest shortfall before a deadline of the week
    late: tuple[tuple[str, int | None], ...]  # (task id, minutes late; None: left out)
    add_hours: int  # working hours to add before that deadline
    defer: tuple[str, ...]  # or defer/drop these (cheapest per minute first)
    move_deadlines: tuple[tuple[str, datetime], ...]  # or move these due dates to the finish


@dataclass(frozen=True)
class PlanMetrics:
    weighted_tardiness_minutes: float
    late_tasks: int
    scheduled_tasks: int
    unscheduled_tasks: int
    moved_blocks: int
    runtime_ms: float
    strategy: str = ""
    truncated: bool = False  # the work budget or the caller's stop check cut the search short
    overload: tuple[WeekOverload, ...] = ()  # overload explained, per week (overload.py)


@dataclass(frozen=True)
class Plan:
    blocks: tuple[Block, ...]
    unscheduled: tuple[Unscheduled, ...]
    metrics: PlanMetrics
    lateness: tuple[Lateness, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
