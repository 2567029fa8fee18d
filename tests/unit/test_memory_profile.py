"""The memory profile: the container's one wiring with every port on its in-memory twin and the clock
fixed. Quick-add, slash commands, re-planning and notification delivery run through it in milliseconds."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from adapters.memory.outbound import MemoryEmailSender
from domain import commands
from entrypoints.config import Settings
from entrypoints.container import build_container

ALL_DAY = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
MONDAY = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def container():
    container = build_container(Settings(profile="memory", secret_key="memory-profile-" * 3))
    container.clock().set(MONDAY)
    return container


@pytest.fixture
def user(container):
    bus = container.bus()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    bus.handle(commands.SavePreferences(actor_id=user.id, values={"timezone": "UTC", "working_hours": ALL_DAY}))
    return user


def test_every_port_is_an_in_memory_twin(container):
    assert container.engine() is None
    for name in ("uow", "reader", "clock", "hasher", "preferences", "outbox", "job_runs", "job_queries",
                 "publisher", "token_store", "cache", "rate_counter", "idempotency", "models", "fine_tuner",
                 "email", "webhooks"):
        assert type(container.__getattribute__(name)()).__module__.startswith("adapters.memory."), name


def test_the_bus_is_built_once_and_its_failure_count_lasts(container):
    assert container.bus() is container.bus()
    container.bus().failures["TaskUpdated"] += 1
    assert container.bus().failures["TaskUpdated"] == 1


def test_an_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="profile"):
        build_container(Settings(profile="fast"))


def test_quick_add_creates_the_tasks_it_reads(container, user):
    result = container.bus().handle(commands.QuickAdd(actor_id=user.id, text="- write report 2h p1\n- buy milk"))
    assert [(t.title, t.duration_minutes, t.priority) for t in result["tasks"]][0] == ("write report", 120, 1)
    with container.reader() as uow:
        assert sorted(t.title for t in uow.tasks.open_tasks(user.id)) == ["buy milk", "write report"]


def test_plan_and_today_slash_commands(container, user):
    bus = container.bus()
    bus.handle(commands.QuickAdd(actor_id=user.id, text="write report 2h"))
    assert bus.handle(commands.RunSlashCommand(actor_id=user.id, text="/plan"))["message"] == "Re-planned."
    today = bus.handle(commands.RunSlashCommand(actor_id=user.id, text="/today"))
    assert today["status"] == "info" and "write report" in today["message"]
    done = bus.handle(commands.RunSlashCommand(actor_id=user.id, text="/done write report"))
    assert done["status"] == "done" and done["tasks"][0].status.value == "done"


def test_a_notification_is_mailed_once_on_the_email_twin(container, user):
    bus = container.bus()
    bus.handle(commands.SavePreferences(actor_id=user.id, values={
        "timezone": "UTC", "notifications": {"channels": {"task_overdue": ["email"]}}}))
    note = bus.handle(commands.Notify(user_id=user.id, kind="task_overdue", title="Pay rent", body="It is due.",
                                      dedupe_key="rent"))
    message_id = uuid.uuid4()
    deliver = commands.DeliverNotification(user_id=user.id, notification_id=note.id, channel="email",
                                           message_id=message_id)
    assert bus.handle(deliver) is True
    assert bus.handle(deliver) is False  # the same message again: already handled
    sent = container.email()
    assert isinstance(sent, MemoryEmailSender)
    assert [(m.to, m.subject) for m in sent.sent] == [(user.email, "Pay rent")]


def test_the_background_the_container_builds_replans_after_a_change(container, user):
    import time

    from entrypoints.consumers.runtime import Background

    background = Background(container, jobs=True, concurrency=1).start()
    try:
        assert background.wait_ready(5)
        assert [c.name for c in background.consumers] == ["replan", "notify", "deliver", "images", "analytics",
                                                         "calendar_write", "calendar_sync"]
        container.clock().advance(minutes=1)  # the clock stands still unless moved: a later change re-plans
        container.bus().handle(commands.QuickAdd(actor_id=user.id, text="write report 2h"))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not _blocks(container, user):
            time.sleep(0.02)
    finally:
        background.stop()
    assert [b.end - b.start for b in _blocks(container, user)] == [timedelta(hours=2)]
    assert background.consumers[0].processed >= 1 and background.relay.published >= 1


def _blocks(container, user):
    with container.reader() as uow:
        return uow.blocks.list(user.id)


def test_the_background_fills_insights_from_the_events_of_a_finished_task(container, user):
    import time

    from domain.services import insights
    from entrypoints.consumers.runtime import Background

    background = Background(container, consumers=["analytics"], concurrency=1).start()
    try:
        assert background.wait_ready(5)
        task = container.bus().handle(commands.CreateTask(actor_id=user.id,
                                                          values={"title": "x", "duration_minutes": 25}))
        container.bus().handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes={"status": "done"}))

        def summary():
            return insights.report("summary", container.reader(), container.analytics(), container.preferences(),
                                   user.id, None, None, container.clock().now())

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and summary()["done"] == 0:
            time.sleep(0.02)
    finally:
        background.stop()
    assert (summary()["done"], summary()["planned_minutes"]) == (1, 25)
    assert background.consumers[0].processed >= 2  # TaskCreated, TaskUpdated, TaskCompleted
