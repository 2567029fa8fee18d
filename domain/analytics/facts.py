"""Insights: what was planned, what got done, how good the estimates were. Pure functions over facts.

A closed task (done or cancelled) becomes one ``TaskFact``; a re-plan becomes one ``PlanChange``; a
quick-added task one ``QuickAddFact`` (on the day of the quick-add, with what its correction changed). The
counters of a day are computed from the facts of that day alone, and a week's counters are the sum of its
days'. Because every rollup is recomputed from facts (never incremented), applying the same event twice, or
rebuilding from the relational data, gives the same rollups as the incremental path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Iterable
from uuid import UUID
from zoneinfo import ZoneInfo

DAY, WEEK = "day", "week"
MAX_RANGE_DAYS = 366  # the longest range one query covers (documented in the API)
LATENESS_BUCKETS = ("under_1h", "1h_to_1d", "1d_to_3d", "3d_to_7d", "over_7d")
DURATION_BUCKETS = ("up_to_15", "16_to_30", "31_to_60", "61_to_120", "over_120")
NO_CATEGORY = "none"


@dataclass(frozen=True)
class TaskFact:
    """What a closed task tells about planning: when it closed (local day and hour), its estimate, the
    minutes it took as the person reported them (None when not reported: the minutes of its blocks cannot
    show an overrun, as blocks add up to the estimate at most), and how late it was (``late_minutes`` None:
    no due date; <= 0: on time)."""

    user_id: UUID
    task_id: UUID
    status: str  # "done" or "cancelled"
    day: str     # local date, YYYY-MM-DD
    hour: int    # local hour of closing, 0-23
    planned_minutes: int
    actual_minutes: int | None
    category: str | None
    tags: tuple[str, ...] = ()
    late_minutes: int | None = None


@dataclass(frozen=True)
class PlanChange:
    """One re-plan of the user's schedule (a ``ScheduleChanged`` event), keyed by the event's id."""

    user_id: UUID
    event_id: UUID
    day: str
    moved_blocks: int
    late_tasks: int
    missed_blocks: int = 0  # blocks whose time passed with their task still open


@dataclass(frozen=True)
class QuickAddFact:
    """One quick-added task: the local day it was added, and the reading fields its latest correction changed
    (empty: not corrected). Keyed by (user, task): a task has one reading."""

    user_id: UUID
    task_id: UUID
    record_id: UUID
    day: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rollup:
    """The counters of one period (``DAY`` or ``WEEK``) starting on ``start`` (a week starts on Monday)."""

    user_id: UUID
    period: str
    start: str
    counters: dict = field(hash=False)


def local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(ZoneInfo(tz))


def week_of(day: str) -> str:
    """The Monday of the ISO week holding ``day``."""
    value = date.fromisoformat(day)
    return (value - timedelta(days=value.weekday())).isoformat()


def days_of_week(week: str) -> list[str]:
    start = date.fromisoformat(week)
    return [(start + timedelta(days=n)).isoformat() for n in range(7)]


def lateness_bucket(minutes: int) -> str:
    for limit, name in ((60, "under_1h"), (1440, "1h_to_1d"), (3 * 1440, "1d_to_3d"), (7 * 1440, "3d_to_7d")):
        if minutes <= limit:
            return name
    return "over_7d"


def duration_bucket(minutes: int) -> str:
    for limit, name in ((15, "up_to_15"), (30, "16_to_30"), (60, "31_to_60"), (120, "61_to_120")):
        if minutes <= limit:
            return name
    return "over_120"


def fact_of(task, tz: str) -> TaskFact | None:
    """The fact of a closed task (None for an open one). A cancelled task closed when it was last changed."""
    status = getattr(task.status, "value", task.status)
    if status not in ("done", "cancelled"):
        return None
    closed = task.completed_at if status == "done" and task.completed_at else task.updated_at
    when = local(closed, tz)
    late = None
    if task.due is not None and status == "done":
        late = int((closed - task.due).total_seconds() // 60)
    return TaskFact(user_id=task.user_id, task_id=task.id, status=status, day=when.date().isoformat(),
                    hour=when.hour, planned_minutes=task.duration_minutes,
                    actual_minutes=task.actual_minutes if status == "done" and task.actual_reported else None,
                    category=str(task.category_id) if task.category_id else None, tags=tuple(task.tags),
                    late_minutes=late)


def quick_add_fact(record, tz: str) -> QuickAddFact:
    """The fact of a quick-add reading (a ``QuickAddRecord``) as it stands now."""
    return QuickAddFact(user_id=record.user_id, task_id=record.task_id, record_id=record.id,
                        day=local(record.created_at, tz).date().isoformat(), fields=record.corrected_fields())


def _bump(counters: dict, path: tuple[str, ...], amount: int) -> None:
    if not amount:
        return
    node = counters
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = node.get(path[-1], 0) + amount


def _add_fact(counters: dict, fact: TaskFact) -> None:
    bump = lambda *path, n=1: _bump(counters, path, n)  # noqa: E731
    category = fact.category or NO_CATEGORY
    bump("planned_minutes", n=fact.planned_minutes)
    bump("categories", category, "planned_minutes", n=fact.planned_minutes)
    if fact.status == "cancelled":
        bump("cancelled")
        bump("categories", category, "cancelled")
        return
    minutes = fact.actual_minutes if fact.actual_minutes is not None else fact.planned_minutes
    bump("done")
    bump("done_minutes", n=minutes)
    bump("hours", f"{fact.hour:02d}")
    bump("categories", category, "done")
    bump("categories", category, "minutes", n=minutes)
    for tag in fact.tags:
        bump("tags", tag, n=minutes)
    if fact.late_minutes is None:
        bump("no_due")
    elif fact.late_minutes <= 0:
        bump("on_time")
    else:
        bump("late")
        bump("lateness", lateness_bucket(fact.late_minutes))
    if fact.actual_minutes is not None:
        _add_estimate(counters, fact, category)


def _add_estimate(counters: dict, fact: TaskFact, category: str) -> None:
    """Estimate accuracy counts only tasks whose actual minutes the person reported."""
    planned, actual = fact.planned_minutes, fact.actual_minutes or 0
    for prefix in (("estimates",), ("categories", category, "estimates"),
                   ("durations", duration_bucket(planned))):
        _bump(counters, (*prefix, "count"), 1)
        _bump(counters, (*prefix, "planned"), planned)
        _bump(counters, (*prefix, "actual"), actual)
        _bump(counters, (*prefix, "abs_error"), abs(actual - planned))
        _bump(counters, (*prefix, "over" if actual > planned else "under" if actual < planned else "exact"), 1)


def day_counters(facts: Iterable[TaskFact], changes: Iterable[PlanChange],
                 quick_adds: Iterable[QuickAddFact] = ()) -> dict:
    """The counters of one day from its facts, plan changes and quick-adds (an empty dict for an empty day)."""
    counters: dict = {}
    for fact in facts:
        _add_fact(counters, fact)
    for change in changes:
        _bump(counters, ("plan_changes",), 1)
        _bump(counters, ("moved_blocks",), change.moved_blocks)
        _bump(counters, ("missed_blocks",), change.missed_blocks)
    for quick_add in quick_adds:
        _bump(counters, ("quick_add", "made"), 1)
        if quick_add.fields:
            _bump(counters, ("quick_add", "corrected"), 1)
        for name in quick_add.fields:
            _bump(counters, ("quick_add", "fields", name), 1)
    return counters


def week_counters(daily: Iterable[Rollup]) -> dict:
    """A week's counters: the sum of its days', and which of its days had something done (``active_days``,
    date -> tasks done), so a report can read whole weeks and still count streaks."""
    daily = list(daily)
    counters = merge(r.counters for r in daily)
    active = {r.start: r.counters["done"] for r in daily if r.counters.get("done")}
    if active:
        counters["active_days"] = active
    return counters


def merge(many: Iterable[dict]) -> dict:
    """The sum of counters, nested dicts added key by key."""
    out: dict = {}
    for counters in many:
        _merge_into(out, counters)
    return out


def _merge_into(out: dict, counters: dict) -> None:
    for key, value in counters.items():
        if isinstance(value, dict):
            _merge_into(out.setdefault(key, {}), value)
        else:
            out[key] = out.get(key, 0) + value


def fact_data(fact: TaskFact) -> dict:
    """A fact's fields beyond its key (user, task, day), JSON-ready, for document stores."""
    return {"status": fact.status, "hour": fact.hour, "planned_minutes": fact.planned_minutes,
            "actual_minutes": fact.actual_minutes, "category": fact.category, "tags": list(fact.tags),
            "late_minutes": fact.late_minutes}


def fact_from(user_id: UUID, task_id: UUID, day: str, data: dict) -> TaskFact:
    return TaskFact(user_id=user_id, task_id=task_id, day=day, status=data["status"], hour=data["hour"],
                    planned_minutes=data["planned_minutes"], actual_minutes=data["actual_minutes"],
                    category=data["category"], tags=tuple(data["tags"]), late_minutes=data["late_minutes"])
