"""Scheduled jobs on the memory profile, with time driven by its fixed clock."""
from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from dependency_injector import providers

from adapters.memory.stores import MemoryPreferencesStore
from adapters.memory.unit_of_work import MemoryUnitOfWork
from domain import commands
from domain.model import Preferences, TaskStatus, TimeBlock
from domain.model.notification import NotificationSettings
from domain.services.handlers.reminders import digest_moment
from entrypoints.config import Settings
from entrypoints.container import build_container
from entrypoints.jobs.scheduler import Job, Scheduler, Window
from ports.outbox import OutboxMessage
from tests.factories import a_task, a_user

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)  # a Monday
UTC = "UTC"


class World:
    """Everything the jobs touch: the memory profile's container, its clock set to ``now``."""

    def __init__(self, now: datetime = T0, preferences=None) -> None:
        container = build_container(Settings(profile="memory", secret_key="jobs-" * 8))
        if preferences is not None:
            container.preferences.override(providers.Object(preferences))
        self.clock, self.db = container.clock(), container.database()
        self.clock.set(now)
        self.preferences, self.runs, self.outbox = container.preferences(), container.job_runs(), container.outbox()
        self.bus, self.handled = container.bus(), []
        self.calendar_windows: list[Window] = []
        self.jobs = container.jobs(bus=_Recording(self.bus, self.handled),
                                   calendar_sync=lambda w: self.calendar_windows.append(w) or 0)

    def scheduler(self, *only: str, owner: str | None = None) -> Scheduler:
        jobs = [j for j in self.jobs.schedule() if not only or j.name in only]
        return Scheduler(jobs, self.runs, self.clock, owner=owner)

    def user(self, tz: str = UTC, **prefs):
        user = a_user(timezone=tz)
        self.save(users=[user])
        if prefs:
            self.preferences.put(user.id, Preferences(timezone=tz, **prefs))
        return user

    def task(self, user, **values):
        task = a_task(user, now=self.clock.now() - timedelta(days=1), **values)
        self.save(tasks=[task])
        return task

    def block(self, user, task, start: datetime, minutes: int = 30, pinned: bool = False) -> TimeBlock:
        block = TimeBlock(id=uuid.uuid4(), user_id=user.id, task_id=task.id, start=start,
                          end=start + timedelta(minutes=minutes), pinned=pinned)
        self.save(blocks=[block])
        return block

    def save(self, users=(), tasks=(), blocks=()) -> None:
        with MemoryUnitOfWork(self.db, self.clock) as uow:
            for user in users:
                uow.users.add(user)
            for task in tasks:
                uow.tasks.add(task)
            for block in blocks:
                uow.blocks.save(block)
            uow.commit()

    def inbox(self, user, kind: str | None = None):
        with MemoryUnitOfWork(self.db) as uow:
            items, _ = uow.notifications.list(user.id, False, 0, 1000)
        return [n for n in items if kind is None or n.kind == kind]

    def plan(self, user):
        with MemoryUnitOfWork(self.db) as uow:
            return uow.plans.get(user.id), uow.blocks.list(user.id)


class _Recording:
    """The bus, remembering each command handed to it."""

    def __init__(self, bus, handled: list) -> None:
        self.bus, self.handled = bus, handled

    def handle(self, command):
        self.handled.append(command)
        return self.bus.handle(command)


@pytest.fixture
def world() -> World:
    return World()


# -- reminders ------------------------------------------------------------------------------------

def test_a_reminder_is_sent_once_even_when_the_job_runs_again(world):
    user = world.user()
    task = world.task(user, title="Draft the report")
    soon = world.block(user, task, T0 + timedelta(minutes=5))
    later = world.block(user, task, T0 + timedelta(minutes=30))
    scheduler = world.scheduler("reminders")

    assert scheduler.run_pending() == {"reminders": 1}
    window = Window(T0 - timedelta(minutes=1), T0)
    assert world.jobs.reminders(window) == 0 and world.jobs.reminders(window) == 0  # outside the lock too
    world.clock.advance(seconds=30)
    assert scheduler.run_pending() == {"reminders": 0}
    [note] = world.inbox(user, "block_starting")
    assert note.dedupe_key == f"block:{soon.id}:{soon.start.isoformat()}"
    assert note.title == "Starting soon: Draft the report" and "09:05" in note.body and "in 5 min" in note.body
    assert note.data["block_id"] == str(soon.id)
    assert sum(isinstance(c, commands.RemindBlockStarting) for c in world.handled) == 1  # the 2nd pass never asked

    world.clock.set(T0 + timedelta(minutes=20))
    assert scheduler.run_pending() == {"reminders": 1}
    assert {n.data["block_id"] for n in world.inbox(user, "block_starting")} == {str(soon.id), str(later.id)}


def test_each_user_gets_reminded_at_their_own_lead_time(world):
    default, early, off = world.user(), world.user(reminder_lead_minutes=60), world.user(reminder_lead_minutes=0)
    for user in (default, early, off):
        world.block(user, world.task(user), T0 + timedelta(minutes=30))
    world.scheduler("reminders").run_pending()
    assert len(world.inbox(early, "block_starting")) == 1
    assert world.inbox(default, "block_starting") == []  # 10 minutes before, not yet
    world.clock.set(T0 + timedelta(minutes=21))
    world.scheduler("reminders").run_pending()
    assert len(world.inbox(default, "block_starting")) == 1
    assert world.inbox(off, "block_starting") == []  # 0 turns reminders off


def test_a_moved_block_is_reminded_again_and_done_tasks_are_not(world):
    user = world.user()
    task, done = world.task(user), world.task(user, status=TaskStatus.DONE)
    block = world.block(user, task, T0 + timedelta(minutes=5))
    world.block(user, done, T0 + timedelta(minutes=6))
    assert world.jobs.reminders(Window(T0, T0)) == 1
    block.start, block.end = T0 + timedelta(minutes=8), T0 + timedelta(minutes=38)
    world.save(blocks=[block])
    assert world.jobs.reminders(Window(T0, T0)) == 1
    assert len(world.inbox(user, "block_starting")) == 2


def test_quiet_hours_do_not_keep_reminders_out_of_the_inbox(world):
    quiet = NotificationSettings(quiet_hours=("00:00", "23:59"),
                                 channels={"block_starting": ["email"]})
    user = world.user("Europe/Paris", notifications=quiet)
    world.block(user, world.task(user, title="Call"), T0 + timedelta(minutes=5))
    assert quiet.is_quiet(T0.time())
    world.scheduler("reminders").run_pending()
    [note] = world.inbox(user, "block_starting")
    assert "10:05" in note.body  # local time in the body
    assert any(m.name == "NotificationCreated" for m in world.db.state.outbox)  # delivery decides about quiet


# -- overdue and rollover -------------------------------------------------------------------------

def test_overdue_tasks_are_told_once_in_the_profile_timezone(world):
    user = world.user("America/New_York")  # no preferences saved: the profile's timezone applies
    late = world.task(user, title="Pay rent", due=T0 - timedelta(hours=1))
    world.task(user, title="Done", due=T0 - timedelta(hours=1), status=TaskStatus.DONE)
    world.task(user, title="Tomorrow", due=T0 + timedelta(days=1))
    scheduler = world.scheduler("overdue")
    assert scheduler.run_pending() == {"overdue": 1}
    world.clock.advance(minutes=5)
    assert scheduler.run_pending() == {"overdue": 0}
    [note] = world.inbox(user, "task_overdue")
    assert note.dedupe_key == f"overdue:{late.id}:{late.due.isoformat()}" and note.title == "Overdue: Pay rent"
    assert note.body == "Pay rent was due Mon 05 Jan 03:00."


def test_rollover_replans_only_users_with_missed_blocks(world):
    missed, finished, upcoming, pinned = world.user(), world.user(), world.user(), world.user()
    task = world.task(missed, title="Missed")
    world.block(missed, task, T0 - timedelta(hours=2), 60)
    world.block(finished, world.task(finished, status=TaskStatus.DONE), T0 - timedelta(hours=2), 60)
    world.block(upcoming, world.task(upcoming), T0 + timedelta(hours=1), 60)
    world.block(pinned, world.task(pinned), T0 - timedelta(hours=3), 60, pinned=True)
    scheduler = world.scheduler("rollover")

    assert scheduler.run_pending() == {"rollover": 2}
    assert world.plan(finished)[0] is None and world.plan(upcoming)[0] is None
    summary, blocks = world.plan(missed)
    assert summary.computed_at == T0
    assert [b.task_id for b in blocks] == [task.id] and all(b.start >= T0 for b in blocks)
    assert all(b.start >= T0 for b in world.plan(pinned)[1]) and world.plan(pinned)[1]
    world.clock.advance(minutes=1)
    assert scheduler.run_pending() == {"rollover": 0}
    assert [type(c) for c in world.handled] == [commands.ReplanSchedule] * 2


def test_a_plan_made_after_the_missed_block_makes_rollover_a_no_op(world):
    user = world.user()
    world.block(user, world.task(user), T0 - timedelta(hours=2), 60)
    window = Window(T0 - timedelta(hours=3), T0)
    world.jobs.bus.handle(commands.ReplanSchedule(user_id=user.id))  # e.g. an event-driven re-plan
    assert world.jobs.rollover(window) == 0  # nothing missed is left


# -- digest ---------------------------------------------------------------------------------------

def test_the_digest_arrives_at_local_digest_time_on_a_dst_day():
    world = World(datetime(2026, 3, 29, 5, 0, tzinfo=timezone.utc))  # Paris springs forward at 01:00 UTC
    paris = world.user("Europe/Paris")  # default digest 07:30 local
    tokyo = world.user("Asia/Tokyo", notifications=NotificationSettings(digest_time="14:00"))
    silent = world.user(notifications=NotificationSettings(digest_time=None))
    task = world.task(paris, title="Write")
    world.block(paris, task, datetime(2026, 3, 29, 7, 0, tzinfo=timezone.utc), 90)  # 09:00 CEST
    world.block(paris, task, datetime(2026, 3, 30, 7, 0, tzinfo=timezone.utc), 60)  # tomorrow
    scheduler = world.scheduler("digest")

    assert scheduler.run_pending() == {"digest": 1}  # 14:00 in Tokyo: today's digest, late but same day
    world.clock.set(datetime(2026, 3, 29, 5, 29, tzinfo=timezone.utc))
    assert scheduler.run_pending() == {"digest": 0}
    world.clock.set(datetime(2026, 3, 29, 5, 30, tzinfo=timezone.utc))  # 07:30 CEST, not 06:30 UTC
    assert scheduler.run_pending() == {"digest": 1}
    [note] = world.inbox(paris, "daily_agenda")
    assert note.dedupe_key == "agenda:2026-03-29" and note.title == "Your agenda for Sun 29 Mar"
    assert note.body == "09:00–10:30 Write" and note.data == {"date": "2026-03-29", "blocks": 1, "minutes": 90}
    assert [n.dedupe_key for n in world.inbox(tokyo)] == ["agenda:2026-03-29"]
    assert world.inbox(silent) == []
    world.clock.advance(hours=6)
    assert scheduler.run_pending() == {"digest": 0}


def test_digest_times_around_dst_transitions():
    from zoneinfo import ZoneInfo

    paris, d = ZoneInfo("Europe/Paris"), datetime(2026, 3, 29).date()
    assert digest_moment(d, "07:30", paris) == datetime(2026, 3, 29, 5, 30, tzinfo=timezone.utc)
    assert digest_moment(d - timedelta(days=1), "07:30", paris) == datetime(2026, 3, 28, 6, 30, tzinfo=timezone.utc)
    assert digest_moment(d, "02:30", paris) == datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc)  # 03:30 CEST
    autumn = datetime(2026, 10, 25).date()
    assert digest_moment(autumn, "02:30", paris) == datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc)  # first


def test_the_digest_catches_up_within_the_local_day_only():
    world = World(datetime(2026, 1, 5, 6, 0, tzinfo=timezone.utc))  # 07:00 in Paris
    user = world.user("Europe/Paris")
    scheduler = world.scheduler("digest")
    assert scheduler.run_pending() == {"digest": 0}
    world.clock.set(datetime(2026, 1, 5, 11, 0, tzinfo=timezone.utc))  # down 07:00-12:00 local: sent late
    assert scheduler.run_pending() == {"digest": 1}
    world.clock.set(datetime(2026, 1, 6, 12, 0, tzinfo=timezone.utc))  # run at 13:00 on the 6th
    scheduler.run_pending()
    world.clock.set(datetime(2026, 1, 8, 6, 0, tzinfo=timezone.utc))  # down all of the 7th: skipped
    assert scheduler.run_pending() == {"digest": 0}
    world.clock.set(datetime(2026, 1, 8, 6, 30, tzinfo=timezone.utc))
    assert scheduler.run_pending() == {"digest": 1}
    keys = sorted(n.dedupe_key for n in world.inbox(user, "daily_agenda"))
    assert keys == ["agenda:2026-01-05", "agenda:2026-01-06", "agenda:2026-01-08"]
    assert world.inbox(user, "daily_agenda")[0].body == "Nothing is planned for today."


# -- catch-up and the scheduler --------------------------------------------------------------------

def test_after_three_hours_down_rollover_and_overdue_catch_up_but_reminders_are_not_sent_late(world):
    missed, reminded, late = world.user(), world.user(), world.user()
    missed_task = world.task(missed)
    world.block(missed, missed_task, T0 + timedelta(hours=1), 30)  # starts and ends while down
    world.block(reminded, world.task(reminded), T0 + timedelta(hours=3, minutes=5))
    world.task(late, title="old", due=T0 - timedelta(hours=1))
    world.task(late, title="while down", due=T0 + timedelta(hours=2))
    scheduler = world.scheduler()
    first = scheduler.run_pending()
    assert set(first) == {"reminders", "rollover", "overdue", "digest", "calendar_sync", "outbox_purge"}
    assert [n.title for n in world.inbox(late, "task_overdue")] == ["Overdue: old"]

    world.clock.set(T0 + timedelta(hours=3))
    ran = scheduler.run_pending()
    assert ran["reminders"] == 1 and ran["rollover"] == 1 and ran["overdue"] == 1
    assert world.inbox(missed, "block_starting") == []  # it started while we were down
    assert len(world.inbox(reminded, "block_starting")) == 1
    assert sorted(n.title for n in world.inbox(late, "task_overdue")) == ["Overdue: old", "Overdue: while down"]
    summary, blocks = world.plan(missed)
    assert summary.computed_at == T0 + timedelta(hours=3) and all(b.start >= world.clock.now() for b in blocks)


def test_catch_up_is_bounded(world):
    user = world.user()
    world.task(user, due=T0 - timedelta(days=8))
    world.task(user, due=T0 - timedelta(days=6))
    assert world.scheduler("overdue").run_pending() == {"overdue": 1}  # a first run looks back a week


def test_a_job_fires_once_per_window_across_schedulers(world):
    one, two = world.scheduler(owner="one"), world.scheduler(owner="two")
    one.run_pending(), two.run_pending()
    assert sum((one.ran + two.ran).values()) == 6 and not two.ran
    world.clock.advance(seconds=30)
    two.run_pending(), one.run_pending()
    assert two.ran == {"reminders": 1} and one.ran["reminders"] == 1
    world.clock.advance(hours=1)
    two.run_pending(), one.run_pending()
    assert (one.ran + two.ran) == {"reminders": 3, "rollover": 2, "overdue": 2, "digest": 2,
                                   "calendar_sync": 2, "outbox_purge": 2}


def test_a_held_lease_keeps_others_out_until_it_expires(world):
    scheduler = world.scheduler("calendar_sync", owner="me")
    assert world.runs.try_lock("calendar_sync", "crashed", T0, timedelta(minutes=10))
    assert scheduler.run_pending() == {}
    world.clock.advance(minutes=10)
    assert scheduler.run_pending() == {"calendar_sync": 0}


def test_a_failed_run_is_not_recorded_and_its_window_is_retried(world):
    windows, fail = [], [True]

    def flaky(window: Window) -> int:
        windows.append(window)
        if fail.pop(0):
            raise RuntimeError("database away")
        return 0

    scheduler = Scheduler([Job("flaky", flaky, timedelta(minutes=1), timedelta(hours=1))], world.runs, world.clock)
    world.runs.try_lock("flaky", "setup", T0 - timedelta(minutes=5), timedelta(seconds=1))
    world.runs.record_run("flaky", "setup", T0 - timedelta(minutes=5))
    fail.append(False)
    assert scheduler.run_pending() == {} and scheduler.failures["flaky"] == 1
    world.clock.advance(seconds=10)
    assert scheduler.run_pending() == {"flaky": 0}
    assert [w.since for w in windows] == [T0 - timedelta(minutes=5)] * 2
    assert world.runs.last_run("flaky") == T0 + timedelta(seconds=10)


def test_calendar_sync_hook_and_outbox_purge_run_through_the_plumbing(world):
    old = OutboxMessage(uuid.uuid4(), "TaskCreated", {}, T0 - timedelta(days=9))
    new = OutboxMessage(uuid.uuid4(), "TaskCreated", {}, T0 - timedelta(days=1))
    world.db.state.outbox.extend([old, new])
    world.db.state.published.update({old.id: T0 - timedelta(days=8), new.id: T0 - timedelta(days=1)})
    ran = world.scheduler("calendar_sync", "outbox_purge").run_pending()
    assert ran == {"calendar_sync": 0, "outbox_purge": 1}
    assert [m.id for m in world.db.state.outbox] == [new.id]
    assert world.calendar_windows == [Window(T0 - timedelta(days=1), T0)]
    assert world.runs.last_run("calendar_sync") == T0 and world.runs.last_run("outbox_purge") == T0


def test_build_scheduler_wires_the_container_and_filters_jobs(world):
    from dependency_injector import providers

    from entrypoints.config import Settings
    from entrypoints.container import build_container
    from entrypoints.jobs.runtime import build_scheduler

    container = build_container(Settings(profile="memory", secret_key="jobs-" * 8))
    container.clock.override(providers.Object(world.clock))
    container.job_runs.override(providers.Object(world.runs))
    scheduler = build_scheduler(container, only=["digest", "overdue"], owner="cli")
    assert [job.name for job in scheduler.jobs] == ["overdue", "digest"] and scheduler.owner == "cli"
    assert scheduler.run_pending() == {"overdue": 0, "digest": 0}
    with pytest.raises(ValueError, match="unknown jobs"):
        build_scheduler(container, only=["reminder"])


def test_the_loop_ticks_until_told_to_stop(world):
    import threading

    stop, windows = threading.Event(), []

    def job(window: Window) -> int:
        windows.append(window)
        world.clock.advance(minutes=1)  # time passes between ticks
        if len(windows) == 3:
            stop.set()
        return 0

    Scheduler([Job("tick", job, timedelta(minutes=1), timedelta(hours=1))], world.runs, world.clock,
              tick_seconds=0).run(stop)
    assert [w.now - T0 for w in windows] == [timedelta(minutes=m) for m in (0, 1, 2)]
    assert [w.since for w in windows[1:]] == [w.now for w in windows[:-1]]  # windows meet, never overlap


# -- one user's failure ---------------------------------------------------------------------------

def _broken_preferences(world, user) -> None:
    """Preferences stored before a zone was withdrawn from the tz database: every handler reading the
    zone raises for this user (the value bypasses today's validation on purpose)."""
    prefs = Preferences(timezone="UTC", notifications=NotificationSettings(digest_time="09:00"))
    prefs.timezone = "Mars/Olympus_Mons"
    world.preferences.put(user.id, prefs)


def test_every_job_goes_on_after_one_users_failure(world):
    broken, fine = world.user(), world.user()
    _broken_preferences(world, broken)
    world.preferences.put(fine.id, Preferences(timezone="UTC", notifications=NotificationSettings(digest_time="09:00")))
    for user in (broken, fine):  # the broken user comes first in every job's order
        task = world.task(user, title=f"work of {user.email}", due=T0 - timedelta(minutes=30))
        world.block(user, task, T0 + timedelta(minutes=5))
    scheduler = world.scheduler("reminders", "overdue", "digest")
    assert scheduler.run_pending() == {"reminders": 1, "overdue": 1, "digest": 1}
    assert scheduler.failures == {}  # every run completed and was recorded
    assert world.jobs.failed == {"reminders": 1, "overdue": 1, "digest": 1}
    assert sorted(n.kind for n in world.inbox(fine)) == ["block_starting", "daily_agenda", "task_overdue"]
    assert world.inbox(broken) == []


class CountingPreferences(MemoryPreferencesStore):
    def __init__(self) -> None:
        super().__init__()
        self.reads: Counter = Counter()

    def get(self, user_id):
        self.reads[user_id] += 1
        return super().get(user_id)


def test_each_job_reads_a_users_preferences_once_per_run():
    """Three reminders, three overdue tasks, one agenda: one read of the preferences per user and run,
    by the job; the handlers and the Notify they send use what it read."""
    store = CountingPreferences()
    world = World(datetime(2026, 1, 5, 7, 30, tzinfo=timezone.utc), preferences=store)
    user, other = world.user(), world.user()
    for someone in (user, other):
        for minutes in (2, 4, 6):
            task = world.task(someone, due=world.clock.now() - timedelta(minutes=minutes))
            world.block(someone, task, world.clock.now() + timedelta(minutes=minutes))
    for job, kind, count in (("reminders", "block_starting", 3), ("overdue", "task_overdue", 3),
                             ("digest", "daily_agenda", 1)):
        store.reads.clear()
        assert world.scheduler(job).run_pending() == {job: 2 * count}
        assert store.reads == {user.id: 1, other.id: 1}, job
        assert len(world.inbox(user, kind)) == count
