"""The scheduled jobs' read queries on memory, SQLite and PostgreSQL.

The SQL databases are shared by the session, so each test works in its own far-future time range and
only looks at its own users."""
from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from adapters.memory.database import MemoryDatabase
from adapters.memory.job_queries import MemoryJobQueries
from adapters.memory.unit_of_work import MemoryUnitOfWork
from adapters.sql.job_queries import SqlJobQueries
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain.model import TaskStatus, TimeBlock
from domain.model.notification import InAppNotification
from tests.factories import a_task, a_user


@pytest.fixture
def store(backend, engine):
    if backend == "memory":
        database = MemoryDatabase()
        return (lambda: MemoryUnitOfWork(database)), MemoryJobQueries(database)
    return (lambda: SqlUnitOfWork(engine)), SqlJobQueries(engine)


@pytest.fixture
def base() -> datetime:
    # a slot of its own for each test in a shared database, within the years Planloom accepts (to 2200)
    return datetime(2090, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=random.randrange(10 ** 6) * 10)


def _block(user, task, start, minutes=30, pinned=False):
    return TimeBlock(id=uuid.uuid4(), user_id=user.id, task_id=task.id, start=start,
                     end=start + timedelta(minutes=minutes), pinned=pinned)


def _save(make_uow, users=(), tasks=(), blocks=(), notes=()):
    with make_uow() as uow:
        for user in users:
            uow.users.add(user)
        for task in tasks:
            uow.tasks.add(task)
        for block in blocks:
            uow.blocks.save(block)
        for note in notes:
            uow.notifications.add(note)
        uow.commit()


def test_blocks_starting_pages_open_tasks_of_active_users(store, base):
    make_uow, queries = store
    alice, bob, gone = a_user(), a_user(), a_user(is_active=False)
    work, done = a_task(alice, title="write"), a_task(alice, title="old", status=TaskStatus.DONE)
    bobs, gones = a_task(bob, title="call"), a_task(gone, title="ghost")
    blocks = [_block(alice, work, base + timedelta(minutes=m)) for m in (0, 10, 20)]
    blocks += [_block(bob, bobs, base + timedelta(minutes=10)), _block(alice, done, base + timedelta(minutes=5)),
               _block(gone, gones, base + timedelta(minutes=5)), _block(alice, work, base + timedelta(minutes=90))]
    _save(make_uow, [alice, bob, gone], [work, done, bobs, gones], blocks)
    mine = {alice.id, bob.id, gone.id}

    found = [b for b in queries.blocks_starting(base - timedelta(minutes=1), base + timedelta(minutes=60), 100)
             if b.user_id in mine]
    assert [b.start - base for b in found] == [timedelta(minutes=m) for m in (0, 10, 10, 20)]
    assert [(b.start, b.block_id) for b in found] == sorted((b.start, b.block_id) for b in found)
    assert sorted(b.title for b in found) == ["call", "write", "write", "write"]  # no done task, no inactive user
    assert found[0].end == base + timedelta(minutes=30) and found[0].task_id == work.id
    assert found[0].timezone == alice.timezone
    assert not [b for b in queries.blocks_starting(base, base + timedelta(minutes=60), 100)
                if b.start == base and b.user_id in mine]  # after < start

    paged, cursor = [], None
    while True:
        page = queries.blocks_starting(base - timedelta(minutes=1), base + timedelta(minutes=60), 1, cursor)
        if not page:
            break
        paged += [b for b in page if b.user_id in mine]
        cursor = (page[-1].start, page[-1].block_id)
    assert paged == found


def test_overdue_tasks_in_window(store, base):
    make_uow, queries = store
    user = a_user()
    late = a_task(user, title="late", due=base + timedelta(minutes=5))
    later = a_task(user, title="later", due=base + timedelta(minutes=5))
    done = a_task(user, title="done", due=base + timedelta(minutes=6), status=TaskStatus.DONE)
    edge = a_task(user, title="edge", due=base)
    future = a_task(user, title="future", due=base + timedelta(hours=2))
    routine = a_task(user, title="routine", due=base + timedelta(minutes=5), recurrence="FREQ=DAILY")  # not overdue:
    _save(make_uow, [user], [late, later, done, edge, future, routine])  # each occurrence has its own due
    found = [t for t in queries.overdue_tasks(base, base + timedelta(hours=1), 100) if t.user_id == user.id]
    assert [t.title for t in found] == [t.title for t in sorted([late, later], key=lambda t: t.id)]
    assert found[0].due == base + timedelta(minutes=5) and found[0].timezone == user.timezone
    first = queries.overdue_tasks(base, base + timedelta(hours=1), 1, (base + timedelta(minutes=5), min(late.id, later.id)))
    assert [t.task_id for t in first if t.user_id == user.id] == [max(late.id, later.id)]


def test_missed_work_groups_by_user(store, base):
    make_uow, queries = store
    alice, bob, carol = a_user(), a_user(), a_user()
    a1, a2 = a_task(alice), a_task(alice)
    b_done, c_open = a_task(bob, status=TaskStatus.DONE), a_task(carol)
    blocks = [_block(alice, a1, base, 30), _block(alice, a2, base + timedelta(minutes=40), 20, pinned=True),
              _block(bob, b_done, base, 30), _block(carol, c_open, base + timedelta(minutes=50), 30)]
    _save(make_uow, [alice, bob, carol], [a1, a2, b_done, c_open], blocks)
    found = {m.user_id: m for m in queries.missed_work(base, base + timedelta(hours=1), 1000)
             if m.user_id in {alice.id, bob.id, carol.id}}
    assert set(found) == {alice.id}  # bob's task is done; carol's block ends after the window
    assert found[alice.id].blocks == 2 and found[alice.id].last_missed_end == base + timedelta(hours=1)
    assert found[alice.id].last_missed_end.utcoffset() == timedelta(0)


def test_users_agenda_and_already_notified(store, base):
    make_uow, queries = store
    alice, gone = a_user(timezone="America/New_York"), a_user(is_active=False)
    task = a_task(alice, title="focus")
    blocks = [_block(alice, task, base + timedelta(hours=h)) for h in (1, 3, 30)]
    note = InAppNotification(id=uuid.uuid4(), user_id=alice.id, kind="daily_agenda", title="t", body="b",
                             created_at=base, dedupe_key="agenda:x")
    _save(make_uow, [alice, gone], [task], blocks, [note])

    everyone, cursor = [], None
    while True:
        page = queries.users(2, cursor)
        everyone += page
        if len(page) < 2:
            break
        cursor = page[-1].user_id
    clocks = {u.user_id: u.timezone for u in everyone}
    assert clocks.get(alice.id) == "America/New_York" and gone.id not in clocks
    assert [u.user_id for u in everyone] == sorted(u.user_id for u in everyone)

    assert queries.already_notified([(alice.id, "agenda:x"), (alice.id, "agenda:y"), (gone.id, "agenda:x")]) == {
        (alice.id, "agenda:x")}
    assert queries.already_notified([]) == set()
