"""The calendar sync use case on the memory profile: busy time follows the calendar exactly, by UID and
recurrence id; a failure is recorded on the connection; each change re-plans through an event."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from domain import commands
from domain.errors import Conflict, NotFound, ValidationError
from adapters.memory.calendars import MemoryCalendarSource
from domain.model.calendar import MAX_CONNECTIONS, CalendarConnection, ExternalEvent, busy_interval
from entrypoints.config import Settings
from entrypoints.consumers.registry import calendar_sync, calendar_write
from entrypoints.container import build_container
from entrypoints.jobs.scheduler import Window
from domain.scheduling import Interval, Problem, TaskSpec, plan
from ports.calendars import BlockChange, CalendarUnavailable, FetchResult

FEED = "https://calendar.example.com/feed.ics"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def container():
    container = build_container(Settings(profile="memory", secret_key="unit-tests-" * 4))
    container.clock().set(NOW)
    return container


@pytest.fixture
def bus(container):
    return container.bus()


@pytest.fixture
def remote(container):
    return container.calendar_sources()["ics_url"]


@pytest.fixture
def user_id(bus):
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1",
                                            timezone="Europe/Berlin"))
    return user.id


def meeting(uid: str, hours: float, length: float = 1, **kw) -> ExternalEvent:
    start = NOW + timedelta(hours=hours)
    return ExternalEvent(uid=uid, recurrence_id=kw.pop("rid", ""), start=start, end=start + timedelta(hours=length),
                         title=kw.pop("title", uid), **kw)


def busy_of(container, user_id):
    with container.reader() as uow:
        return [(b.title, b.start, b.end, b.source) for b in uow.busy.list(user_id)]


def connect(bus, user_id, **values):
    return bus.handle(commands.ConnectCalendar(actor_id=user_id, values={
        "kind": "ics_url", "name": "Work", "url": FEED, **values}))


def outbox_names(container):
    return [m.name for m in container.database().state.outbox]


def test_connect_imports_busy_time_and_a_second_sync_changes_nothing(container, bus, remote, user_id):
    remote.publish(FEED, [meeting("a", 2), meeting("b", 26, title="Review")])
    connection = connect(bus, user_id)
    assert (connection.status, connection.url, connection.secret) == ("ok", "https://calendar.example.com/", FEED)
    assert [b[0] for b in busy_of(container, user_id)] == ["a", "Review"]
    assert {b[3] for b in busy_of(container, user_id)} == {"calendar"}
    assert outbox_names(container).count("CalendarSynced") == 1
    before = busy_of(container, user_id)
    [again] = bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection.id))
    assert (again.added, again.updated, again.removed, again.events) == (0, 0, 0, 2)
    assert busy_of(container, user_id) == before
    assert outbox_names(container).count("CalendarSynced") == 1  # nothing changed: no re-plan


def test_moved_deleted_and_cancelled_events_follow_the_calendar(container, bus, remote, user_id):
    remote.publish(FEED, [meeting("a", 2), meeting("b", 5), meeting("c", 8)])
    connection = connect(bus, user_id)
    with container.reader() as uow:
        kept_id = next(b.id for b in uow.busy.list(user_id) if b.title == "a")
    remote.publish(FEED, [meeting("a", 3), meeting("c", 8, cancelled=True), meeting("d", 30, transparent=True),
                          meeting("e", 40, declined=True), meeting("f", 50)])
    [outcome] = bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection.id))
    assert (outcome.added, outcome.updated, outcome.removed) == (1, 1, 2)
    assert [(t, s) for t, s, _, _ in busy_of(container, user_id)] == [("a", NOW + timedelta(hours=3)),
                                                                   ("f", NOW + timedelta(hours=50))]
    with container.reader() as uow:
        assert kept_id in {b.id for b in uow.busy.list(user_id)}  # updated in place, same id
    assert outbox_names(container).count("CalendarSynced") == 2


def test_occurrences_of_one_series_are_told_apart_by_recurrence_id(container, bus, remote, user_id):
    remote.publish(FEED, [meeting("weekly", 24 * k, rid=f"2026030{k + 2}T090000Z") for k in range(3)])
    connection = connect(bus, user_id)
    assert len(busy_of(container, user_id)) == 3
    remote.publish(FEED, [meeting("weekly", 24 * k, rid=f"2026030{k + 2}T090000Z") for k in (0, 2)])
    [outcome] = bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection.id))
    assert (outcome.removed, len(busy_of(container, user_id))) == (1, 2)


def test_all_day_and_floating_events_are_in_the_owners_zone():
    berlin = ZoneInfo("Europe/Berlin")
    all_day = ExternalEvent(uid="x", recurrence_id="", start=date(2026, 3, 29), end=None)
    start, end = busy_interval(all_day, berlin)
    assert (start.isoformat(), end.isoformat()) == ("2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00")
    assert end.astimezone(timezone.utc) - start.astimezone(timezone.utc) == timedelta(hours=23)  # DST: 23 hours
    floating = ExternalEvent(uid="y", recurrence_id="", start=datetime(2026, 7, 1, 10), end=datetime(2026, 7, 1, 11))
    assert busy_interval(floating, berlin)[0].astimezone(timezone.utc).hour == 8
    no_end = ExternalEvent(uid="z", recurrence_id="", start=NOW, end=None)
    assert busy_interval(no_end, berlin) is None  # a timed event with no end takes no time


def test_a_failing_calendar_keeps_its_busy_time_and_says_why(container, bus, remote, user_id):
    remote.publish(FEED, [meeting("a", 2)])
    connection = connect(bus, user_id)
    remote.fail(FEED, CalendarUnavailable("the feed answered HTTP 503"))
    [outcome] = bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection.id))
    assert outcome.error == "the feed answered HTTP 503"
    stored = container.calendars().get(user_id, connection.id)
    assert (stored.status, stored.last_error) == ("error", "the feed answered HTTP 503")
    assert [b[0] for b in busy_of(container, user_id)] == ["a"]
    remote.fail(FEED, None)
    bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection.id))
    assert container.calendars().get(user_id, connection.id).status == "ok"


def test_a_calendar_that_does_not_block_time_brings_none(container, bus, remote, user_id):
    remote.publish(FEED, [meeting("a", 2)])
    connection = connect(bus, user_id)
    bus.handle(commands.UpdateCalendar(actor_id=user_id, connection_id=connection.id,
                                       changes={"blocks_time": False, "name": "Holidays"}))
    assert busy_of(container, user_id) == []
    assert container.calendars().get(user_id, connection.id).name == "Holidays"


def test_disconnect_removes_the_connection_and_its_busy_time_only(container, bus, remote, user_id):
    remote.publish(FEED, [meeting("a", 2)])
    connection = connect(bus, user_id)
    bus.handle(commands.AddBusyTime(actor_id=user_id, start=NOW + timedelta(hours=10),
                                    end=NOW + timedelta(hours=11), title="dentist"))
    bus.handle(commands.DisconnectCalendar(actor_id=user_id, connection_id=connection.id))
    assert [b[0] for b in busy_of(container, user_id)] == ["dentist"]
    assert container.calendars().list(user_id) == []
    with pytest.raises(NotFound):
        bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection.id))


def test_another_users_connection_is_not_found(bus, remote, user_id):
    remote.publish(FEED, [])
    connection = connect(bus, user_id)
    stranger = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1")).id
    for command in (commands.SyncCalendar(user_id=stranger, connection_id=connection.id),
                    commands.DisconnectCalendar(actor_id=stranger, connection_id=connection.id),
                    commands.UpdateCalendar(actor_id=stranger, connection_id=connection.id, changes={"name": "x"})):
        with pytest.raises(NotFound):
            bus.handle(command)


def test_bad_connections_are_refused(bus, remote, user_id):
    for values, field in (({"url": "ftp://x.example/feed"}, "url"), ({"url": "https://u:p@x.example/"}, "url"),
                          ({"kind": "caldav", "username": "me"}, "password"), ({"kind": "outlook"}, "kind"),
                          ({"name": " "}, "name")):
        with pytest.raises(ValidationError) as caught:
            connect(bus, user_id, **values)
        assert field in caught.value.field_errors, (values, caught.value.field_errors)
    remote.fail("https://gone.example/x.ics", CalendarUnavailable("refused: private address", permanent=True))
    with pytest.raises(ValidationError):
        connect(bus, user_id, url="https://gone.example/x.ics")


def test_at_most_so_many_connections(bus, remote, user_id):
    remote.publish(FEED, [])
    for _ in range(MAX_CONNECTIONS):
        connect(bus, user_id)
    with pytest.raises(Conflict):
        connect(bus, user_id)


def test_long_events_are_cut_to_31_days_and_the_result_is_stable(container, bus, remote, user_id):
    remote.publish(FEED, [meeting("sabbatical", -24 * 40, length=24 * 100)])
    connection = connect(bus, user_id)
    [(title, start, end, _)] = busy_of(container, user_id)
    assert end - start == timedelta(days=31) and start == NOW - timedelta(days=1)
    [outcome] = bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection.id))
    assert not outcome.changed


def test_the_periodic_job_asks_for_stale_connections_and_the_consumer_reads_them(container, bus, remote, user_id):
    remote.publish(FEED, [meeting("a", 2)])
    first, second = connect(bus, user_id), connect(bus, user_id, name="Second")
    hook = container.jobs().calendar_hook
    fetches = remote.fetches
    assert hook(Window(NOW - timedelta(minutes=15), NOW)) == 0  # both just synced
    container.clock().advance(minutes=20)
    remote.publish(FEED, [meeting("a", 2), meeting("b", 4)])
    later = NOW + timedelta(minutes=20)
    assert hook(Window(later - timedelta(minutes=15), later)) == 2
    assert remote.fetches == fetches  # asked for, not read: the calendar_sync consumer reads them
    for message in [m for m in container.database().state.outbox if m.name == "CalendarSyncDue"]:
        calendar_sync(bus)(message)
    assert remote.fetches == fetches + 2
    assert sorted(b[0] for b in busy_of(container, user_id)) == ["a", "a", "b", "b"]
    assert all(c.last_synced_at == later for c in container.calendars().list(user_id))
    assert {first.id, second.id} == {c.id for c in container.calendars().list(user_id)}


def write_last_plan(container, bus) -> None:
    """What the ``calendar_write`` consumer does with the last ScheduleChanged in the outbox."""
    [*_, message] = [m for m in container.database().state.outbox if m.name == "ScheduleChanged"]
    calendar_write(bus)(message)


def test_a_new_plan_is_written_to_the_chosen_calendar_only(container, bus, remote, user_id):
    remote.publish(FEED, [])
    connection = bus.handle(commands.ConnectCalendar(actor_id=user_id, values={
        "kind": "caldav", "name": "Dav", "url": "https://dav.example/", "username": "me", "password": "pw",
        "calendar_url": FEED, "write_calendar_url": "https://dav.example/plan/"}))
    bus.handle(commands.CreateTask(actor_id=user_id, values={"title": "Report", "duration_minutes": 60}))
    bus.handle(commands.ReplanSchedule(user_id=user_id))  # raises ScheduleChanged: the plan is published
    assert "https://dav.example/plan/" not in remote.written  # by the consumer, not in the re-plan's request
    write_last_plan(container, bus)
    with container.reader() as uow:
        planned = {b.id for b in uow.blocks.list(user_id)}
    assert planned and {b.id for b in remote.written["https://dav.example/plan/"]} == planned
    assert bus.handle(commands.PublishPlan(user_id=user_id)) == 0  # the same plan again: nothing to write
    bus.handle(commands.UpdateCalendar(actor_id=user_id, connection_id=connection.id,
                                       changes={"write_calendar_url": ""}))
    remote.written.clear()
    bus.handle(commands.ReplanSchedule(user_id=user_id))
    write_last_plan(container, bus)
    assert remote.written == {}  # no calendar chosen: nothing written


def test_only_caldav_has_calendars_to_choose(bus, remote, user_id):
    remote.publish(FEED, [])
    connection = connect(bus, user_id)
    with pytest.raises(ValidationError):
        bus.handle(commands.UpdateCalendar(actor_id=user_id, connection_id=connection.id,
                                           changes={"write_calendar_url": "https://dav.example/plan/"}))


class DeltaSource(MemoryCalendarSource):
    """A calendar that answers what the test queues: full reads, then changes only (``partial``), and the
    state of Planloom's blocks there (``block_changes``), as Google's sync tokens do."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[FetchResult] = []

    def fetch(self, connection, start, end) -> FetchResult:
        return self.answers.pop(0)


@pytest.fixture
def delta(container):
    source = DeltaSource()
    container.calendar_sources()["google"] = source
    return source


def _google(container, user_id) -> CalendarConnection:
    connection = CalendarConnection(id=uuid.uuid4(), user_id=user_id, kind="google", name="G", created_at=NOW,
                                    secret="{}", calendar_url="https://google.test/calendars/primary")
    container.calendars().put(connection)
    return connection


def _sync(bus, user_id, connection):
    return bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection.id))[0]


def test_a_partial_read_changes_only_what_it_names(container, bus, delta, user_id):
    connection = _google(container, user_id)
    delta.answers = [FetchResult(events=[meeting("a", 2), meeting("b", 4), meeting("c", 6)], cursor="t1"),
                     FetchResult(events=[meeting("b", 5), meeting("c", 6, cancelled=True), meeting("d", 8)],
                                 cursor="t2", partial=True)]
    assert _sync(bus, user_id, connection).added == 3
    outcome = _sync(bus, user_id, connection)
    assert (outcome.added, outcome.updated, outcome.removed) == (1, 1, 1)
    assert [(t, s - NOW) for t, s, _, _ in sorted(busy_of(container, user_id), key=lambda b: b[1])] == [
        ("a", timedelta(hours=2)), ("b", timedelta(hours=5)), ("d", timedelta(hours=8))]  # "a" kept: not named
    assert container.calendars().get(user_id, connection.id).cursor == "t2"


def _blocks(container, user_id):
    with container.reader() as uow:
        return {b.id: b for b in uow.blocks.list(user_id)}


def test_blocks_moved_or_deleted_in_the_calendar_are_pinned_or_unscheduled(container, bus, delta, user_id):
    connection = _google(container, user_id)
    task = bus.handle(commands.CreateTask(actor_id=user_id, values={"title": "Report", "duration_minutes": 60}))
    other = bus.handle(commands.CreateTask(actor_id=user_id, values={"title": "Slides", "duration_minutes": 60}))
    bus.handle(commands.ReplanSchedule(user_id=user_id))
    held = _blocks(container, user_id)
    moved = next(b for b in held.values() if b.task_id == task.id)
    gone = next(b for b in held.values() if b.task_id == other.id)
    later = moved.start + timedelta(hours=3)
    delta.answers = [FetchResult(events=[], partial=True, block_changes=(
        BlockChange(moved.id, later, later + timedelta(minutes=45)), BlockChange(gone.id),
        BlockChange(uuid.uuid4()),  # an older plan's block: nothing to do
    )), FetchResult(events=[], partial=True,
                    block_changes=(BlockChange(moved.id, later, later + timedelta(minutes=45)),))]
    outcome = _sync(bus, user_id, connection)
    assert (outcome.blocks_pinned, outcome.blocks_unscheduled, outcome.changed) == (1, 1, True)
    after = _blocks(container, user_id)
    assert gone.id not in after
    shown = after[moved.id]
    assert (shown.start, shown.end, shown.pinned) == (later, later + timedelta(minutes=45), True)
    again = _sync(bus, user_id, connection)  # the same times again: nothing to follow
    assert (again.blocks_pinned, again.changed) == (0, False)
    bus.handle(commands.ReplanSchedule(user_id=user_id))
    replanned = _blocks(container, user_id)
    assert replanned[moved.id].start == later and any(b.task_id == other.id for b in replanned.values())


def test_a_block_deleted_in_the_calendar_is_not_planned_again_in_the_slot_it_was_cleared_from(
        container, bus, delta, user_id):
    connection = _google(container, user_id)
    task = bus.handle(commands.CreateTask(actor_id=user_id, values={"title": "Report", "duration_minutes": 60}))
    other = bus.handle(commands.CreateTask(actor_id=user_id, values={"title": "Slides", "duration_minutes": 60}))
    bus.handle(commands.ReplanSchedule(user_id=user_id))
    gone = next(b for b in _blocks(container, user_id).values() if b.task_id == task.id)
    delta.answers = [FetchResult(events=[], partial=True, block_changes=(BlockChange(gone.id),))]
    assert _sync(bus, user_id, connection).blocks_unscheduled == 1
    with container.reader() as uow:
        assert [c["task_id"] for c in uow.plans.get(user_id).cleared] == [str(task.id)]
    for _ in range(2):  # the re-plan the sync asks for, and any later one while the slot is ahead
        bus.handle(commands.ReplanSchedule(user_id=user_id))
        mine = [b for b in _blocks(container, user_id).values() if b.task_id == task.id]
        assert len(mine) == 1 and (mine[0].end <= gone.start or mine[0].start >= gone.end), (mine, gone)
    container.clock().set(gone.end + timedelta(minutes=1))  # the slot has passed: nothing is remembered
    bus.handle(commands.ReplanSchedule(user_id=user_id))
    with container.reader() as uow:
        assert uow.plans.get(user_id).cleared == []


def test_a_cleared_slot_keeps_out_only_the_task_it_was_cleared_for():
    slot = Interval(NOW + timedelta(hours=1), NOW + timedelta(hours=2))
    problem = Problem(now=NOW, timezone="UTC", horizon_end=NOW + timedelta(days=2),
                      working_hours={d: ((600, 720),) for d in range(7)},  # 10:00-12:00 UTC
                      tasks=(TaskSpec("cleared", 60, avoid=(slot,)), TaskSpec("other", 60)))
    placed = {b.task_id: (b.start, b.end) for b in plan(problem).blocks}
    assert placed["other"] == (slot.start, slot.end)  # the earliest free hour: the slot is free for it
    assert placed["cleared"] == (slot.end, slot.end + timedelta(hours=1))
