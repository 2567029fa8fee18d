"""A quick-add's correction as an event: ``QuickAddCorrected`` goes through the outbox once per edit that changes
the correction, with the fields the latest correction changed; never outside the window, for a task not made by
quick-add, or for an edit that leaves the reading's fields as they were. Insights count each quick-add once."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from domain import commands, events
from domain.model.learning import CORRECTION_WINDOW_MINUTES, QuickAddRecord
from domain.services import insights
from entrypoints.config import Settings
from entrypoints.container import build_container
from tests.unit.test_analytics import consume, drain, everything


@pytest.fixture
def container():
    return build_container(Settings(profile="memory", secret_key="unit-tests-" * 4))


@pytest.fixture
def user(container):
    return container.bus().handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com",
                                                        password="pass-word-1", timezone="Europe/Berlin"))


def quick_add(container, user, text="call mum tomorrow 6pm p2 #family @phone"):
    task = container.bus().handle(commands.QuickAdd(actor_id=user.id, text=text))["tasks"][0]
    drain(container)  # what the quick-add itself wrote
    return task


def edit(container, user, task, **changes):
    container.bus().handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes=changes))
    return [m for m in drain(container) if m.name == "QuickAddCorrected"]


def summary(container, user) -> dict:
    return insights.report("summary", container.reader(), container.analytics(), container.preferences(), user.id,
                           None, None, container.clock().now())["quick_add"]


def test_an_edit_within_the_window_raises_one_event_with_the_fields_it_changed(container, user):
    task = quick_add(container, user)
    container.clock().advance(minutes=10)
    [message] = edit(container, user, task, priority=1, duration_minutes=45, notes="ring before 7")
    with container.reader() as uow:
        record = uow.quick_adds.for_task(user.id, task.id)
    assert events.from_payload(message.name, message.payload) == events.QuickAddCorrected(
        user_id=user.id, task_id=task.id, record_id=record.id, fields=("duration_minutes", "priority"),
        corrected_at=container.clock().now())
    assert record.corrected["priority"] == 1 and record.corrected_at == container.clock().now()


def test_no_event_outside_the_window_for_a_plain_task_or_for_an_edit_that_changes_no_reading_field(container, user):
    plain = container.bus().handle(commands.CreateTask(actor_id=user.id, values={"title": "plain"}))
    drain(container)
    assert edit(container, user, plain, title="plain, renamed") == []  # not made by quick-add

    task = quick_add(container, user)
    assert edit(container, user, task, notes="only the notes") == []
    assert edit(container, user, task, priority=2, tags=["phone"]) == []  # the values the reading gave
    assert edit(container, user, task, status="done") == []
    with container.reader() as uow:
        assert uow.quick_adds.for_task(user.id, task.id).corrected is None  # no training pair either

    late = quick_add(container, user, "water the plants")
    container.clock().advance(minutes=CORRECTION_WINDOW_MINUTES + 1)
    assert edit(container, user, late, title="water the garden") == []


def test_repeated_edits_count_the_quick_add_once_with_the_latest_fields_and_an_undo_uncounts_it(container, user):
    task = quick_add(container, user)
    messages = edit(container, user, task, title="call mum and dad")
    messages += edit(container, user, task, title="call mum")   # back to the reading's title ...
    messages += edit(container, user, task, priority=3)         # ... and another field instead
    assert [m.payload["fields"] for m in messages] == [["title"], [], ["priority"]]
    container.bus().handle(commands.RebuildAnalytics(user_id=user.id))
    assert summary(container, user) == {"made": 1, "corrected": 1, "rate": 1.0, "fields": {
        "title": 0, "due": 0, "start": 0, "duration_minutes": 0, "priority": 1, "tags": 0, "category": 0,
        "recurrence": 0}}
    assert edit(container, user, task, priority=2)[0].payload["fields"] == []  # all undone: no correction
    container.bus().handle(commands.RebuildAnalytics(user_id=user.id))
    assert (summary(container, user)["corrected"], summary(container, user)["rate"]) == (0, 0.0)


def test_the_analytics_consumer_counts_quick_adds_and_corrections_and_a_replay_changes_nothing(container, user):
    bus = container.bus()
    first = bus.handle(commands.QuickAdd(actor_id=user.id, text="call mum tomorrow p2 #family"))["tasks"][0]
    bus.handle(commands.QuickAdd(actor_id=user.id, text="water the plants"))
    due = datetime(2026, 12, 8, 17, tzinfo=timezone.utc)
    bus.handle(commands.UpdateTask(actor_id=user.id, task_id=first.id, changes={"due": due}))
    messages = drain(container)
    assert [m.name for m in messages].count("QuickAddCorrected") == 1
    consume(container, messages)
    once = everything(container, user.id)
    counted = summary(container, user)
    assert (counted["made"], counted["corrected"], counted["rate"]) == (2, 1, 0.5)
    assert {name for name, n in counted["fields"].items() if n} == {"due"}
    consume(container, messages)  # delivered again
    consume(container, [m for m in messages if m.name == "QuickAddCorrected"])
    assert everything(container, user.id) == once
    bus.handle(commands.RebuildAnalytics(user_id=user.id))
    assert everything(container, user.id) == once  # the rebuild reads the same from the quick-add readings

    bus.handle(commands.DeleteTask(actor_id=user.id, task_id=first.id))  # a deleted task leaves insights
    consume(container, drain(container))
    assert (summary(container, user)["made"], summary(container, user)["corrected"]) == (1, 0)


def test_a_reading_from_before_the_produced_task_was_kept_is_judged_on_the_fields_its_draft_gave():
    now = datetime(2026, 12, 5, 9, tzinfo=timezone.utc)
    record = QuickAddRecord(id=uuid.uuid4(), user_id=uuid.uuid4(), task_id=uuid.uuid4(), text="buy milk tmrw",
                            draft={"title": "buy milk", "due": "2026-12-06T10:00:00+01:00", "start": None,
                                   "duration_minutes": None, "priority": None, "tags": [], "category": None,
                                   "recurrence": None}, created_at=now)
    as_made = {"title": "buy milk", "due": "2026-12-06T09:00:00+00:00", "start": None, "duration_minutes": 30,
               "priority": 4, "tags": [], "category": None, "recurrence": None}
    assert record.correct(as_made, now) is False  # defaults filled in and the same instant: no correction
    assert record.correct(as_made | {"title": "buy oat milk", "priority": 2}, now) is True
    assert record.corrected_fields() == ("title",)  # the draft left the priority open


def test_the_demo_month_quick_adds_some_tasks_and_corrects_a_few(container):
    from adapters.memory.stores import FixedClock
    from dependency_injector import providers

    from entrypoints.demo import seed_demo

    clock = FixedClock()
    container.clock.override(providers.Object(clock))
    seeded = seed_demo(container.bus(), "demo@ex.com", "pass-word-1", clock=clock)
    assert 0 < seeded["history_corrected"] < seeded["history_quick_adds"]
    with container.reader() as uow:
        demo = uow.users.get_by_email("demo@ex.com")
    since = (clock.now() - timedelta(days=40)).date()  # the default 30 days miss the month's first day
    counted = insights.report("summary", container.reader(), container.analytics(), container.preferences(), demo.id,
                              since, None, clock.now())["quick_add"]
    assert (counted["made"], counted["corrected"]) == (seeded["history_quick_adds"], seeded["history_corrected"])
    assert sum(counted["fields"].values()) >= counted["corrected"]
