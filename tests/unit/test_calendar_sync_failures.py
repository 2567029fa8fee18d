"""A calendar that cannot be synced tells its owner, in the in-app inbox, with the calendar's name and
the reason: at once when retrying cannot help, from the second failure in a row otherwise; once per run
of failures; the connection says it is failing until a sync works again."""
from __future__ import annotations

from domain import commands
from ports.calendars import CalendarUnavailable
from tests.unit.test_calendar_sync import (FEED, bus, connect, container, meeting, remote, user_id,  # noqa: F401
                                          write_last_plan)


def inbox(container, user_id):
    with container.reader() as uow:
        items, _ = uow.notifications.list(user_id, False, 0, 100)
    return [n for n in items if n.kind == "calendar_failing"]


def sync(bus, user_id, connection):
    return bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection.id))[0]


def test_transient_failures_are_told_once_per_run_and_cleared_by_a_success(container, bus, remote, user_id):
    remote.publish(FEED, [meeting("a", 2)])
    connection = connect(bus, user_id, name="Team calendar")
    remote.fail(FEED, CalendarUnavailable("the feed answered HTTP 503"))
    sync(bus, user_id, connection)
    stored = container.calendars().get(user_id, connection.id)
    assert (stored.status, stored.failures, stored.last_error) == ("error", 1, "the feed answered HTTP 503")
    assert inbox(container, user_id) == []  # one hiccup may heal at the next sync
    container.clock().advance(minutes=15)
    sync(bus, user_id, connection)
    [note] = inbox(container, user_id)
    assert "Team calendar" in note.title and "the feed answered HTTP 503" in note.body
    assert note.data == {"connection_id": str(connection.id), "error": "the feed answered HTTP 503",
                         "permanent": False}
    container.clock().advance(minutes=15)
    sync(bus, user_id, connection)
    assert len(inbox(container, user_id)) == 1  # the same run of failures: told once

    remote.fail(FEED, None)
    sync(bus, user_id, connection)
    stored = container.calendars().get(user_id, connection.id)
    assert (stored.status, stored.last_error, stored.failures, stored.failing_since) == ("ok", "", 0, None)

    remote.fail(FEED, CalendarUnavailable("timed out"))
    for _ in range(2):
        container.clock().advance(minutes=15)
        sync(bus, user_id, connection)
    notes = inbox(container, user_id)
    assert len(notes) == 2 and "timed out" in notes[0].body  # a new run of failures: told again


def test_a_permanent_failure_is_told_at_once(container, bus, remote, user_id):
    remote.publish(FEED, [])
    connection = connect(bus, user_id, name="Old feed")
    remote.fail(FEED, CalendarUnavailable("the feed answered HTTP 404", permanent=True))
    sync(bus, user_id, connection)
    [note] = inbox(container, user_id)
    assert "Old feed" in note.title and "HTTP 404" in note.body and "Settings" in note.body


def test_a_failure_to_write_the_plan_is_told_too(container, bus, remote, user_id):
    remote.publish(FEED, [])
    target = "https://dav.example/plan/"
    bus.handle(commands.ConnectCalendar(actor_id=user_id, values={
        "kind": "caldav", "name": "Dav", "url": "https://dav.example/", "username": "me", "password": "pw",
        "calendar_url": FEED, "write_calendar_url": target}))
    remote.fail(target, CalendarUnavailable("the server refused the username or password", permanent=True))
    bus.handle(commands.CreateTask(actor_id=user_id, values={"title": "Report", "duration_minutes": 60}))
    bus.handle(commands.ReplanSchedule(user_id=user_id))
    write_last_plan(container, bus)
    [note] = inbox(container, user_id)
    assert "Dav" in note.title and "writing the plan: the server refused" in note.body


def test_a_failed_write_is_retried_at_the_next_sync(container, bus, remote, user_id):
    remote.publish(FEED, [])
    target = "https://dav.example/plan/"
    connection = bus.handle(commands.ConnectCalendar(actor_id=user_id, values={
        "kind": "caldav", "name": "Dav", "url": "https://dav.example/", "username": "me", "password": "pw",
        "calendar_url": FEED, "write_calendar_url": target}))
    remote.fail(target, CalendarUnavailable("timed out"))
    bus.handle(commands.CreateTask(actor_id=user_id, values={"title": "Report", "duration_minutes": 60}))
    bus.handle(commands.ReplanSchedule(user_id=user_id))
    write_last_plan(container, bus)
    stored = container.calendars().get(user_id, connection.id)
    assert (stored.status, stored.last_error, stored.written) == ("error", "writing the plan: timed out", [])
    remote.fail(target, None)
    assert sync(bus, user_id, connection).error == ""
    with container.reader() as uow:
        planned = {b.id for b in uow.blocks.list(user_id)}
    assert planned and {b.id for b in remote.written[target]} == planned
    stored = container.calendars().get(user_id, connection.id)
    assert (stored.status, set(stored.written)) == ("ok", {str(b) for b in planned})
