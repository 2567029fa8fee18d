"""Insights: keep the analytics store in step with closed tasks, re-plans and quick-adds, or rebuild it from the
tasks and the quick-add readings.

Rollups are never incremented: each day touched is recomputed from its facts, and its week from its days.
So a replayed event, an event handled twice, or a rebuild all end in the same rollups."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable
from uuid import UUID

from domain import commands
from domain.analytics.facts import (DAY, WEEK, PlanChange, QuickAddFact, Rollup, TaskFact, day_counters,
                                    days_of_week, fact_of, local, quick_add_fact, week_counters, week_of)
from domain.model import TaskQuery, TaskStatus
from domain.services.queries import preferences_of
from ports.analytics import AnalyticsStore
from ports.clock import Clock
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork

CONSUMER = "analytics"
PAGE = 500


def record_task_analytics(cmd: commands.RecordTaskAnalytics, uow: UnitOfWork, clock: Clock,
                          preferences: PreferencesStore, analytics: AnalyticsStore) -> bool:
    """True when the event was new to this consumer; a replay recomputes the same facts and rollups from the
    task and its quick-add reading as they are now, so it changes nothing."""
    with uow:
        task = uow.tasks.get(cmd.user_id, cmd.task_id)
        reading = uow.quick_adds.for_task(cmd.user_id, cmd.task_id)
        tz = preferences_of(uow, preferences, cmd.user_id).timezone if task or reading else "UTC"
    new = fact_of(task, tz) if task is not None else None
    new_quick = quick_add_fact(reading, tz) if reading is not None else None
    days = _replace(analytics.get_fact(cmd.user_id, cmd.task_id), new, analytics.put_fact,
                    lambda: analytics.delete_fact(cmd.user_id, cmd.task_id))
    days |= _replace(analytics.get_quick_add(cmd.user_id, cmd.task_id), new_quick, analytics.put_quick_add,
                     lambda: analytics.delete_quick_add(cmd.user_id, cmd.task_id))
    refresh_days(analytics, cmd.user_id, days)
    return _claim(uow, clock, cmd.message_id)


def _replace(old, new, put, delete) -> set[str]:
    """Store the fact ``new`` in place of ``old`` (``delete`` it when None); the days either falls on when they
    differ, to recompute (none when the same: a replay)."""
    if old == new:
        return set()
    if new is None:
        delete()
    else:
        put(new)
    return {fact.day for fact in (old, new) if fact is not None}


def _claim(uow: UnitOfWork, clock: Clock, message_id: UUID) -> bool:
    """Record the event as handled, after its (idempotent) work: the analytics store may be the same SQLite
    file, whose one writer lock a claim's open transaction would hold while the store waits for it."""
    with uow:
        new = uow.inbox.claim(CONSUMER, message_id, clock.now())
        uow.commit()
    return new


def record_plan_change(cmd: commands.RecordPlanChange, uow: UnitOfWork, preferences: PreferencesStore,
                       analytics: AnalyticsStore) -> bool:
    """Counted once per event id by the store itself; True when this event was new."""
    tz = preferences_of(uow, preferences, cmd.user_id).timezone
    day = local(cmd.occurred_at, tz).date().isoformat()
    change = PlanChange(user_id=cmd.user_id, event_id=cmd.message_id, day=day, moved_blocks=cmd.moved_blocks,
                        late_tasks=cmd.late_tasks, missed_blocks=cmd.missed_blocks)
    if not analytics.put_plan_change(change):
        return False
    refresh_days(analytics, cmd.user_id, {day})
    return True


def refresh_days(analytics: AnalyticsStore, user_id: UUID, days: Iterable[str]) -> None:
    """Recompute these days from their facts, then the weeks holding them from their days."""
    days = set(days)
    for day in days:
        counters = day_counters(analytics.facts_on(user_id, day), analytics.plan_changes(user_id, day, day),
                                analytics.quick_adds_on(user_id, day))
        analytics.put_rollup(Rollup(user_id=user_id, period=DAY, start=day, counters=counters))
    for week in {week_of(day) for day in days}:
        daily = analytics.rollups(user_id, DAY, week, days_of_week(week)[-1])
        analytics.put_rollup(Rollup(user_id=user_id, period=WEEK, start=week, counters=week_counters(daily)))


def rebuild_analytics(cmd: commands.RebuildAnalytics, uow: UnitOfWork, clock: Clock, preferences: PreferencesStore,
                      analytics: AnalyticsStore) -> int:
    """How many users were rebuilt. Re-plans are kept: the relational data does not hold them."""
    if cmd.message_id is not None and cmd.user_id is not None:  # from the consumer: a replay rebuilds the same
        rebuild_user(uow, preferences, analytics, cmd.user_id)
        return int(_claim(uow, clock, cmd.message_id))
    user_ids = [cmd.user_id] if cmd.user_id is not None else _every_user(uow)
    for user_id in user_ids:
        rebuild_user(uow, preferences, analytics, user_id)
    return len(user_ids)


def _every_user(uow: UnitOfWork) -> list[UUID]:
    """Every active user (a deactivated account has no insights to show, and no settings to read them in)."""
    ids: list[UUID] = []
    seen = 0
    with uow:
        while True:
            users, total = uow.users.list(seen, PAGE)
            seen += len(users)
            ids.extend(user.id for user in users if user.is_active)
            if not users or seen >= total:
                return ids


def rebuild_user(uow: UnitOfWork, preferences: PreferencesStore, analytics: AnalyticsStore, user_id: UUID) -> None:
    tz = preferences_of(uow, preferences, user_id).timezone
    facts = [fact for task in _closed_tasks(uow, user_id) if (fact := fact_of(task, tz)) is not None]
    quick_adds = [quick_add_fact(reading, tz) for reading in _readings(uow, user_id)]
    changes = analytics.plan_changes(user_id, "0001-01-01", "9999-12-31")
    analytics.replace_user(user_id, facts, rollups_of(user_id, facts, changes, quick_adds), quick_adds)


def rollups_of(user_id: UUID, facts: list[TaskFact], changes: list[PlanChange],
               quick_adds: Iterable[QuickAddFact] = ()) -> list[Rollup]:
    """Every daily and weekly rollup of these facts, re-plans and quick-adds, computed as the incremental
    path does."""
    by_day: dict[str, tuple[list, list, list]] = defaultdict(lambda: ([], [], []))
    for fact in facts:
        by_day[fact.day][0].append(fact)
    for change in changes:
        by_day[change.day][1].append(change)
    for quick_add in quick_adds:
        by_day[quick_add.day][2].append(quick_add)
    days = [Rollup(user_id=user_id, period=DAY, start=day, counters=day_counters(f, c, q))
            for day, (f, c, q) in sorted(by_day.items())]
    weeks: dict[str, list[Rollup]] = defaultdict(list)
    for day in days:
        if day.counters:
            weeks[week_of(day.start)].append(day)
    return days + [Rollup(user_id=user_id, period=WEEK, start=week, counters=week_counters(daily))
                   for week, daily in sorted(weeks.items())]


def _closed_tasks(uow: UnitOfWork, user_id: UUID) -> list:
    found: list = []
    with uow:
        while True:
            page, total = uow.tasks.list(user_id, TaskQuery(status=(TaskStatus.DONE, TaskStatus.CANCELLED),
                                                            offset=len(found), limit=PAGE))
            found.extend(page)
            if not page or len(found) >= total:
                return found


def _readings(uow: UnitOfWork, user_id: UUID) -> list:
    """Every quick-add reading of the user (a deleted task's went with it)."""
    found: list = []
    with uow:
        while True:
            page = uow.quick_adds.page(user_id, len(found), PAGE)
            found.extend(page)
            if len(page) < PAGE:
                return found
