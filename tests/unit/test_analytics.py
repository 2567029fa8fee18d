"""Insights through the memory profile's bus: events from the outbox feed the analytics consumer, a
replayed event changes nothing, and a rebuild from the tasks equals the incremental result."""
from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from domain import commands
from domain.analytics.facts import DAY, WEEK
from domain.model import TaskQuery
from domain.services import insights
from entrypoints.config import Settings
from entrypoints.consumers.registry import CONSUMERS
from entrypoints.container import build_container
from ports.outbox import OutboxMessage


@pytest.fixture
def container():
    return build_container(Settings(profile="memory", secret_key="unit-tests-" * 4))


def drain(container) -> list:
    """Every message the outbox holds, as the relay would publish them."""
    got: list = []
    while container.outbox().relay_batch(1000, got.extend, container.clock().now()):
        pass
    return got


def consume(container, messages) -> None:
    names, make = CONSUMERS["analytics"]
    handle = make(container.bus())
    for message in messages:
        if message.name in names:
            handle(message)


def everything(container, user_id) -> dict:
    store = container.analytics()
    return {period: [(r.start, r.counters) for r in store.rollups(user_id, period, "2000-01-01", "2100-01-01")]
            for period in (DAY, WEEK)}


def history(container):
    """A user in Berlin: five tasks over a week, one done late, one on time with its blocks worked, one
    cancelled, one done then deleted, one left open; and re-plans. Three quick-adds too: one corrected
    (twice: the second edit's fields count), one left as read, one deleted."""
    bus, clock = container.bus(), container.clock()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1",
                                            timezone="Europe/Berlin"))
    work = bus.handle(commands.CreateCategory(actor_id=user.id, name="Work", color="#2563eb")).id
    now = clock.now()

    def task(title, minutes, due_hours=None, **values):
        values = {"title": title, "duration_minutes": minutes, "category_id": work, "tags": ["deep"]} | values
        if due_hours is not None:
            values["due"] = now + timedelta(hours=due_hours)
        return bus.handle(commands.CreateTask(actor_id=user.id, values=values))

    late = task("late one", 30, due_hours=1)
    worked = task("worked one", 60, due_hours=24 * 5, splittable=False)
    cancelled = task("dropped", 45, category_id=None, tags=[])
    gone = task("gone", 15)
    task("still open", 20)
    quick = [bus.handle(commands.QuickAdd(actor_id=user.id, text=text))["tasks"][0]
             for text in ("call mum tomorrow p2 #family", "water the plants @home", "buy stamps")]
    clock.advance(minutes=5)
    bus.handle(commands.UpdateTask(actor_id=user.id, task_id=quick[0].id, changes={"title": "call mum and dad"}))
    bus.handle(commands.UpdateTask(actor_id=user.id, task_id=quick[0].id, changes={"priority": 1}))
    bus.handle(commands.DeleteTask(actor_id=user.id, task_id=quick[2].id))
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    clock.advance(days=3)
    for closed, status in ((late, "done"), (worked, "done"), (cancelled, "cancelled"), (gone, "done")):
        bus.handle(commands.UpdateTask(actor_id=user.id, task_id=closed.id, changes={"status": status}))
    bus.handle(commands.DeleteTask(actor_id=user.id, task_id=gone.id))
    return user


def test_events_fill_the_reports_and_a_replay_changes_nothing(container):
    user = history(container)
    messages = drain(container)
    assert {m.name for m in messages} >= {"TaskCreated", "TaskUpdated", "TaskCompleted", "TaskDeleted"}
    consume(container, messages)
    first = everything(container, user.id)
    assert first[DAY] and first[WEEK]

    consume(container, messages)  # the broker delivers everything again
    assert everything(container, user.id) == first

    now = container.clock().now()
    summary = insights.report("summary", container.reader(), container.analytics(), container.preferences(), user.id,
                              None, None, now)
    assert summary["done"] == 2 and summary["cancelled"] == 1  # the deleted task no longer counts
    assert summary["late"] == 1 and summary["on_time"] == 1 and summary["on_time_rate"] == 0.5
    assert [b["tasks"] for b in summary["lateness"]] == [0, 0, 1, 0, 0]  # about three days late
    assert summary["planned_minutes"] == 30 + 60 + 45
    assert summary["streaks"]["current"] == 1 and summary["streaks"]["active_days"] == 1
    assert summary["quick_add"] == {"made": 2, "corrected": 1, "rate": 0.5, "fields": {
        "title": 1, "due": 0, "start": 0, "duration_minutes": 0, "priority": 1, "tags": 0, "category": 0,
        "recurrence": 0}}  # the deleted one left; the corrected one once, with both edits' fields
    estimates = insights.report("estimates", container.reader(), container.analytics(), container.preferences(),
                                user.id, None, None, now)
    worked = estimates["overall"]  # blocks were worked, but no actual was reported: not counted as planned
    assert (worked["tasks"], worked["planned_minutes"], worked["actual_minutes"]) == (0, 0, 0)
    assert estimates["correction_factor"] is None
    categories = insights.report("categories", container.reader(), container.analytics(), container.preferences(),
                                 user.id, None, None, now)
    assert {c["name"] for c in categories["categories"]} == {"Work", "(none)"}
    assert categories["tags"][0]["tag"] == "deep"


def test_a_rebuild_from_the_tasks_equals_the_incremental_result(container):
    user = history(container)
    other = history(container)
    consume(container, drain(container))
    incremental, others = everything(container, user.id), everything(container, other.id)
    assert incremental[DAY] and others[DAY]
    assert [c["quick_add"] for _, c in incremental[DAY] if "quick_add" in c] == [
        {"made": 2, "corrected": 1, "fields": {"title": 1, "priority": 1}}]
    container.analytics().put_rollup(container.analytics().rollups(user.id, DAY, "2000-01-01", "2100-01-01")[0]
                                     .__class__(user_id=user.id, period=DAY, start="2001-01-01", counters={"done": 9}))
    assert container.bus().handle(commands.RebuildAnalytics(user_id=user.id)) == 1
    assert everything(container, user.id) == incremental  # the stray rollup is gone, the rest the same
    assert container.bus().handle(commands.RebuildAnalytics()) >= 2
    assert everything(container, other.id) == others and everything(container, user.id) == incremental


def test_ranges_are_checked():
    today = date(2026, 3, 10)
    assert insights.date_range(None, None, today) == ("2026-02-09", "2026-03-10")
    assert insights.date_range(date(2025, 3, 11), today, today) == ("2025-03-11", "2026-03-10")
    from domain.errors import ValidationError

    with pytest.raises(ValidationError):
        insights.date_range(date(2025, 3, 9), today, today)  # 367 days
    with pytest.raises(ValidationError):
        insights.date_range(date(2026, 3, 11), today, today)


def test_a_replan_that_moved_blocks_counts_once_however_often_it_arrives(container):
    user = history(container)
    consume(container, drain(container))
    now = container.clock().now()
    replan = OutboxMessage(id=uuid.uuid4(), name="ScheduleChanged", occurred_at=now,
                           payload={"user_id": str(user.id), "moved_blocks": 3, "late_tasks": 1})
    quiet = OutboxMessage(id=uuid.uuid4(), name="ScheduleChanged", occurred_at=now,
                          payload={"user_id": str(user.id), "moved_blocks": 0, "late_tasks": 0})
    missed = OutboxMessage(id=uuid.uuid4(), name="ScheduleChanged", occurred_at=now,
                           payload={"user_id": str(user.id), "moved_blocks": 0, "late_tasks": 0, "missed_blocks": 2})
    consume(container, [replan, quiet, replan, missed, missed])
    summary = insights.report("summary", container.reader(), container.analytics(), container.preferences(), user.id,
                              None, None, now)
    assert (summary["plan_changes"], summary["moved_blocks"], summary["missed_blocks"]) == (2, 3, 2)
    weeks = insights.report("weekly", container.reader(), container.analytics(), container.preferences(), user.id,
                            None, None, now)["weeks"]
    assert sum(w["plan_changes"] for w in weeks) == 2
    before = everything(container, user.id)
    container.bus().handle(commands.RebuildAnalytics(user_id=user.id))  # re-plans survive a rebuild
    assert everything(container, user.id) == before


def test_reports_over_weeks_and_edge_days_equal_reports_over_every_day():
    """``covering`` reads whole weeks inside a range and days at its edges: the same answer as every day."""
    import random

    from adapters.memory.analytics import MemoryAnalyticsStore
    from domain.analytics import reports
    from domain.analytics.facts import QuickAddFact, TaskFact
    from domain.services.handlers.analytics import rollups_of

    rng, user_id, store = random.Random(3), uuid.uuid4(), MemoryAnalyticsStore()
    start = date(2026, 1, 1)
    facts = [TaskFact(user_id=user_id, task_id=uuid.uuid4(), status=rng.choice(["done", "done", "cancelled"]),
                      day=(start + timedelta(days=rng.randint(0, 120))).isoformat(), hour=rng.randint(0, 23),
                      planned_minutes=rng.choice([15, 30, 90]), actual_minutes=rng.choice([None, 20, 40]),
                      category=rng.choice([None, "c1"]), tags=("t",), late_minutes=rng.choice([None, -5, 90]))
             for _ in range(300)]
    quick = [QuickAddFact(user_id=user_id, task_id=uuid.uuid4(), record_id=uuid.uuid4(),
                          day=(start + timedelta(days=rng.randint(0, 120))).isoformat(),
                          fields=rng.choice([(), (), ("title",), ("due", "priority")])) for _ in range(120)]
    store.replace_user(user_id, facts, rollups_of(user_id, facts, [], quick), quick)
    for _ in range(40):
        first = start + timedelta(days=rng.randint(-5, 120))
        last = first + timedelta(days=rng.randint(0, 90))
        a, b = first.isoformat(), last.isoformat()
        every_day = store.rollups(user_id, DAY, a, b)
        assert reports.summary(insights.covering(store, user_id, a, b), a, b) == reports.summary(every_day, a, b)
        made = sum(1 for q in quick if a <= q.day <= b)
        assert reports.summary(insights.covering(store, user_id, a, b), a, b)["quick_add"]["made"] == made
        assert reports.categories(insights.covering(store, user_id, a, b), {}) == reports.categories(every_day, {})


def test_a_renamed_tag_or_a_deleted_category_reach_insights_as_a_rebuild_once_per_event(container):
    user = history(container)
    consume(container, drain(container))
    bus, now = container.bus(), container.clock().now()
    with container.reader() as uow:
        deep = uow.tags.get_by_names(user.id, ["deep"])[0]
        work = uow.categories.get_by_name(user.id, "Work")
    bus.handle(commands.RenameTag(actor_id=user.id, tag_id=deep.id, name="focus"))
    bus.handle(commands.DeleteCategory(actor_id=user.id, category_id=work.id))
    messages = drain(container)
    assert {m.name for m in messages} == {"CatalogChanged"}
    consume(container, messages)
    report = insights.report("categories", container.reader(), container.analytics(), container.preferences(),
                             user.id, None, None, now)
    assert [t["tag"] for t in report["tags"]] == ["focus"]
    assert {c["category_id"] for c in report["categories"]} == {None}
    after = everything(container, user.id)
    uow = container.uow()
    with uow:
        assert not uow.inbox.claim("analytics", messages[0].id, now)  # claimed by the first delivery
    consume(container, messages)
    assert everything(container, user.id) == after


def test_rebuilding_everyone_passes_over_deactivated_accounts(container):
    active, gone = history(container), history(container)
    with container.uow() as uow:  # an admin deactivated this account meanwhile
        account = uow.users.get(gone.id)
        account.is_active = False
        uow.users.add(account)
        uow.commit()
    assert container.bus().handle(commands.RebuildAnalytics()) == 1  # not an AuthenticationFailed
    assert everything(container, active.id)[DAY]


def _stray(container, user_id):
    """A rollup no rebuild would write: gone after a rebuild, still there when none ran."""
    from domain.analytics.facts import Rollup

    container.analytics().put_rollup(Rollup(user_id=user_id, period=DAY, start="2001-01-01", counters={"done": 9}))


def test_saved_preferences_rebuild_insights_only_when_the_time_zone_changed(container):
    user = history(container)
    consume(container, drain(container))
    bus = container.bus()
    prefs = container.preferences().get(user.id)
    values = (prefs.to_dict() if prefs is not None else {"timezone": "Europe/Berlin"}) | {"buffer_minutes": 10}
    _stray(container, user.id)
    bus.handle(commands.SavePreferences(actor_id=user.id, values=values))  # same zone, another buffer
    messages = drain(container)
    assert [m.name for m in messages] == ["PreferencesChanged"]
    assert messages[0].payload["fields"] == ["buffer_minutes"]
    consume(container, messages)
    assert ("2001-01-01", {"done": 9}) in everything(container, user.id)[DAY]  # no rebuild ran

    bus.handle(commands.SavePreferences(actor_id=user.id, values=values | {"timezone": "Pacific/Auckland"}))
    messages = drain(container)
    assert messages[0].payload["fields"] == ["timezone"]
    consume(container, messages)
    days = everything(container, user.id)[DAY]
    assert "2001-01-01" not in [start for start, _ in days] and days  # rebuilt, in the new zone


def test_a_preferences_event_from_before_it_named_its_fields_still_rebuilds(container):
    user = history(container)
    consume(container, drain(container))
    _stray(container, user.id)
    old = OutboxMessage(id=uuid.uuid4(), name="PreferencesChanged", occurred_at=container.clock().now(),
                        payload={"user_id": str(user.id)})
    consume(container, [old])
    assert "2001-01-01" not in [start for start, _ in everything(container, user.id)[DAY]]


def test_estimate_accuracy_counts_reported_actual_minutes_only_and_sees_an_overrun(container):
    user = history(container)
    bus = container.bus()
    with container.reader() as uow:
        worked = next(t for t in uow.tasks.list(user.id, TaskQuery(limit=50))[0] if t.title == "worked one")
    assert worked.actual_minutes == 60 and not worked.actual_reported  # its blocks: never more than planned
    reported = bus.handle(commands.UpdateTask(actor_id=user.id, task_id=worked.id, changes={"actual_minutes": 95}))
    assert (reported.actual_minutes, reported.actual_reported) == (95, True)
    messages = drain(container)
    consume(container, messages)
    now = container.clock().now()
    estimates = insights.report("estimates", container.reader(), container.analytics(), container.preferences(),
                                user.id, None, None, now)
    overall = estimates["overall"]
    assert (overall["tasks"], overall["planned_minutes"], overall["actual_minutes"], overall["over"]) == (1, 60, 95, 1)
    assert estimates["correction_factor"] == round(95 / 60, 4)
    assert [b["tasks"] for b in estimates["by_duration"]] == [0, 0, 1, 0, 0]
    summary = insights.report("summary", container.reader(), container.analytics(), container.preferences(),
                              user.id, None, None, now)
    assert summary["done_minutes"] == 30 + 95  # the late one's estimate, the worked one's reported minutes
    incremental = everything(container, user.id)
    bus.handle(commands.RebuildAnalytics(user_id=user.id))
    assert everything(container, user.id) == incremental

    forgot = bus.handle(commands.UpdateTask(actor_id=user.id, task_id=worked.id, changes={"actual_minutes": None}))
    assert (forgot.actual_minutes, forgot.actual_reported) == (60, False)  # back to its blocks' minutes
    with container.reader() as uow:
        still_open = next(t for t in uow.tasks.list(user.id, TaskQuery(limit=50))[0] if t.title == "still open")
    from domain.errors import ValidationError

    with pytest.raises(ValidationError):
        bus.handle(commands.UpdateTask(actor_id=user.id, task_id=still_open.id, changes={"actual_minutes": 10}))
    with pytest.raises(ValidationError):
        bus.handle(commands.UpdateTask(actor_id=user.id, task_id=worked.id, changes={"actual_minutes": 10081}))


def test_a_replan_counts_the_blocks_whose_time_passed_with_their_task_open_once(container):
    bus, clock = container.bus(), container.clock()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1",
                                            timezone="UTC"))
    skipped = bus.handle(commands.CreateTask(actor_id=user.id, values={"title": "skipped", "duration_minutes": 60,
                                                                      "splittable": False}))
    done = bus.handle(commands.CreateTask(actor_id=user.id, values={"title": "done", "duration_minutes": 60,
                                                                   "splittable": False}))
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    with container.reader() as uow:
        blocks = {b.task_id: b for b in uow.blocks.list(user.id)}
    assert set(blocks) == {skipped.id, done.id}
    drain(container)
    clock.set(max(b.end for b in blocks.values()) + timedelta(minutes=1))  # both blocks' time has passed
    bus.handle(commands.UpdateTask(actor_id=user.id, task_id=done.id, changes={"status": "done"}))  # not missed
    drain(container)
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    replans = [m for m in drain(container) if m.name == "ScheduleChanged"]
    assert [m.payload["missed_blocks"] for m in replans] == [1, 0]  # the skipped one, counted once
    with container.reader() as uow:
        again = [b for b in uow.blocks.list(user.id) if b.task_id == skipped.id]
    assert again and all(b.start >= clock.now() for b in again)  # its work is placed again, ahead
    consume(container, replans)
    summary = insights.report("summary", container.reader(), container.analytics(), container.preferences(), user.id,
                              None, None, clock.now())
    assert summary["missed_blocks"] == 1
