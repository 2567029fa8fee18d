"""Two job schedulers, each wired like its own ``planloom jobs`` process (own container, engine and bus),
against one database: in every window each job runs exactly once, and each notification is asked for once.

Ticks are driven by a shared FixedClock and a barrier, so the two schedulers contend on every tick without
any sleeping or timing."""
from __future__ import annotations

import threading
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from dependency_injector import providers
from sqlalchemy import func, select

from adapters.memory.stores import FixedClock
from adapters.sql.engine import make_engine
from adapters.sql.migrate import upgrade
from adapters.sql.tables import job_runs, notifications, plans
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain import commands
from domain.model import TimeBlock
from entrypoints.config import Settings
from entrypoints.container import build_container
from entrypoints.jobs.runtime import build_scheduler
from tests.databases import fresh_database
from tests.factories import a_task, a_user

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)  # a Monday
STEP, ROUNDS = timedelta(minutes=5), 24               # two hours of ticks, five minutes apart


@pytest.fixture(params=["postgres", "sqlite"])
def database_url(request, tmp_path):
    """A database of its own: the jobs scan every user, so they must not see other tests' data."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'jobs.db'}"
        upgrade(url)
        yield url
        return
    with fresh_database("planloom_jobs") as url:
        yield url


class Recording:
    def __init__(self, bus, seen: Counter) -> None:
        self.bus, self.seen, self.lock = bus, seen, threading.Lock()

    def handle(self, command):
        with self.lock:
            self.seen[type(command).__name__] += 1
        return self.bus.handle(command)


def _process(url, tmp_path, clock, seen, owner):
    settings = Settings(data_dir=tmp_path, database_url=url, secret_key=uuid.uuid4().hex * 2)
    container = build_container(settings)
    container.clock.override(providers.Object(clock))
    scheduler = build_scheduler(container, owner=owner)
    jobs = scheduler.jobs[0].run.__self__
    jobs.bus = Recording(jobs.bus, seen)
    return container, scheduler


def _seed(url):
    """Six users with a block each, 20 minutes apart (none ends within the test); one with missed work
    (re-planned to tomorrow); one with a task falling due."""
    engine = make_engine(url)
    users = [a_user(timezone="UTC") for _ in range(8)]
    with SqlUnitOfWork(engine) as uow:
        for user in users:
            uow.users.add(user)
        for i, user in enumerate(users[:6]):
            task = a_task(user, title=f"block {i}", now=T0 - timedelta(days=1))
            uow.tasks.add(task)
            start = T0 + timedelta(minutes=12 + 20 * i)
            uow.blocks.save(TimeBlock(uuid.uuid4(), user.id, task.id, start, start + timedelta(hours=3)))  # ends later
        missed = a_task(users[6], title="missed", now=T0 - timedelta(days=1), earliest_start=T0 + timedelta(days=1))
        uow.tasks.add(missed)
        uow.blocks.save(TimeBlock(uuid.uuid4(), users[6].id, missed.id, T0 - timedelta(hours=2), T0 - timedelta(hours=1)))
        uow.tasks.add(a_task(users[7], title="due", due=T0 + timedelta(minutes=42), now=T0 - timedelta(days=1)))
        uow.commit()
    return engine, users


def test_each_job_fires_once_per_window_across_two_processes(database_url, tmp_path):
    engine, users = _seed(database_url)
    clock, seen = FixedClock(T0), Counter()
    procs = [_process(database_url, tmp_path, clock, seen, owner) for owner in ("proc-a", "proc-b")]
    schedulers = [scheduler for _, scheduler in procs]
    barrier, errors = threading.Barrier(2), []

    def tick(scheduler) -> None:
        try:
            barrier.wait()
            scheduler.run_pending()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    every = {job.name: job.every for job in schedulers[0].jobs}
    expected: Counter = Counter()
    last: dict[str, datetime] = {}
    for round_ in range(ROUNDS):
        now = T0 + round_ * STEP
        clock.set(now)
        threads = [threading.Thread(target=tick, args=(s,)) for s in schedulers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        for name, interval in every.items():
            if name not in last or now - last[name] >= interval:
                expected[name], last[name] = expected[name] + 1, now
        assert sum((s.ran for s in schedulers), Counter()) == expected, f"round {round_}"

    assert expected == {"reminders": 24, "rollover": 24, "overdue": 24, "digest": 24, "calendar_sync": 24,
                        "outbox_purge": 2}
    assert all(s.failures == Counter() for s in schedulers)
    with engine.connect() as conn:
        kinds = Counter(dict(conn.execute(select(notifications.c.kind, func.count())
                                          .group_by(notifications.c.kind)).all()))
        per_user = Counter(r.user_id for r in conn.execute(
            select(notifications.c.user_id).where(notifications.c.kind == "block_starting")))
        replanned = set(conn.execute(select(plans.c.user_id)).scalars())
        created = conn.execute(select(func.min(notifications.c.created_at), func.max(notifications.c.created_at))).one()
        recorded = dict(conn.execute(select(job_runs.c.name, job_runs.c.last_run_at)).all())
    assert kinds == {"block_starting": 6, "daily_agenda": 8, "task_overdue": 1}
    assert per_user == {user.id: 1 for user in users[:6]}
    assert replanned == {users[6].id}
    assert T0 <= created[0] <= created[1] <= T0 + ROUNDS * STEP  # the bus ran on the shared FixedClock
    assert seen == {"RemindBlockStarting": 6, "NotifyOverdue": 1, "SendDailyAgenda": 8,  # each asked for once:
                    "ReplanSchedule": 1}                                                # no process repeated another
    assert recorded["reminders"] == T0 + (ROUNDS - 1) * STEP and recorded["outbox_purge"] == T0 + timedelta(hours=1)
    for container, _ in procs:
        container.engine().dispose()
    engine.dispose()


def test_a_crashed_holder_is_taken_over_after_its_lease(database_url, tmp_path):
    clock, seen = FixedClock(T0), Counter()
    _, a = _process(database_url, tmp_path, clock, seen, "proc-a")
    _, b = _process(database_url, tmp_path, clock, seen, "proc-b")
    assert a.runs.try_lock("rollover", "proc-a", T0, a.lock_ttl)  # proc-a takes the lease, then dies
    assert "rollover" not in b.run_pending()
    clock.set(T0 + a.lock_ttl)
    assert "rollover" in b.run_pending()
    assert commands.ReplanSchedule.__name__ not in seen  # nobody had missed work
