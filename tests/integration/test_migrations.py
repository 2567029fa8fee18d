"""Migrations are the only way the schema is made: they must match the adapter's tables exactly,
and go down and up again cleanly, on SQLite and PostgreSQL."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import delete, func, insert, inspect, select
from sqlalchemy.exc import IntegrityError

from adapters.sql.calendars import SqlFeedTokenStore
from adapters.sql.engine import make_engine
from adapters.sql.migrate import downgrade, upgrade
from adapters.sql.tables import (
    calendar_feed_digests, calendar_feed_tokens, categories, metadata, quick_adds, tags, task_dependencies, task_tags,
    tasks, time_blocks, user_emails, users,
)
from adapters.sql.task_repository import SqlTaskRepository
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain.model import TaskStatus
from tests.databases import fresh_database


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    with fresh_database("planloom_mig", migrate=False) as url:
        yield url


def test_migrations_match_the_tables_and_round_trip(empty_database):
    upgrade(empty_database)
    engine = make_engine(empty_database)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == [], diff
    downgrade(empty_database, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(empty_database)
    assert {"users", "tasks", "task_tags", "preferences"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def _insert_user(conn, user: uuid.UUID, now: datetime) -> None:
    conn.execute(insert(users).values(id=user, email=f"{user}@example.com", password_hash="x", display_name="",
                                      timezone="UTC", role="user", is_active=True, created_at=now, version=1))


def _task_row(user: uuid.UUID, now: datetime) -> dict:
    """The columns every revision since 0001 has (a status and title to be added by the caller)."""
    return {"user_id": user, "notes": "", "duration_minutes": 30, "priority": 4, "splittable": False,
            "min_chunk_minutes": 30, "created_at": now, "updated_at": now, "version": 1}


def test_0009_copies_each_tasks_tag_names_in_order(empty_database):
    upgrade(empty_database, "0008")
    engine = make_engine(empty_database)
    user, tagged, plain = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    b, a = uuid.uuid4(), uuid.uuid4()
    now = datetime(2026, 11, 26, tzinfo=timezone.utc)
    task = _task_row(user, now) | {"status": "todo"}
    with engine.begin() as conn:
        _insert_user(conn, user, now)
        conn.execute(insert(tags), [{"id": b, "user_id": user, "name": "b", "created_at": now},
                                    {"id": a, "user_id": user, "name": "a", "created_at": now}])
        conn.execute(insert(tasks),  # only the columns named below: tag_names does not exist yet
                     [{"id": tagged, "title": "tagged", **task}, {"id": plain, "title": "plain", **task}])
        conn.execute(insert(task_tags), [{"task_id": tagged, "tag_id": b, "user_id": user, "position": 0},
                                         {"task_id": tagged, "tag_id": a, "user_id": user, "position": 1}])
    upgrade(empty_database)
    with engine.connect() as conn:
        names = dict(conn.execute(select(tasks.c.id, tasks.c.tag_names)).all())
    assert names == {tagged: ["b", "a"], plain: None}
    engine.dispose()


def test_0010_reads_a_scheduled_task_back_as_open_todo(empty_database):
    upgrade(empty_database, "0009")
    engine = make_engine(empty_database)
    user, planned, done = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    now = datetime(2026, 12, 4, tzinfo=timezone.utc)
    task = _task_row(user, now)
    with engine.begin() as conn:
        _insert_user(conn, user, now)
        conn.execute(insert(tasks), [{"id": planned, "title": "planned", "status": "scheduled", **task},
                                     {"id": done, "title": "done", "status": "done", **task}])
    upgrade(empty_database)
    with engine.connect() as conn:
        statuses = dict(conn.execute(select(tasks.c.id, tasks.c.status)).all())
        repo = SqlTaskRepository(conn)
        assert [t.id for t in repo.open_tasks(user)] == [planned] and repo.count_open(user) == 1
        assert repo.get(user, planned).status is TaskStatus.TODO and repo.get(user, done).is_open is False
    assert statuses == {planned: "todo", done: "done"}
    engine.dispose()


def test_0023_fills_the_lookup_tables_from_the_accounts_and_feed_tokens_there_are(empty_database):
    upgrade(empty_database, "0022")
    engine = make_engine(empty_database)
    alice, bob = uuid.uuid4(), uuid.uuid4()
    now = datetime(2026, 12, 6, tzinfo=timezone.utc)
    with engine.begin() as conn:
        _insert_user(conn, alice, now)
        _insert_user(conn, bob, now)
        conn.execute(insert(calendar_feed_tokens).values(user_id=alice, digest="a" * 64, issued_at=now))
    upgrade(empty_database)
    with engine.connect() as conn:
        assert dict(conn.execute(select(user_emails.c.email, user_emails.c.user_id)).all()) == {
            f"{alice}@example.com": alice, f"{bob}@example.com": bob}
        assert conn.execute(select(calendar_feed_digests.c.digest, calendar_feed_digests.c.user_id)).all() == [
            ("a" * 64, alice)]
    with SqlUnitOfWork(engine) as uow:  # sign-in and the feed find them through the lookups
        assert uow.users.get_by_email(f"{bob}@example.com").id == bob
    assert SqlFeedTokenStore(engine).owner("a" * 64) == alice
    downgrade(empty_database, "0022")
    assert not {"user_emails", "calendar_feed_digests"} & set(inspect(engine).get_table_names())
    engine.dispose()


def test_0024_keys_between_tenant_tables_name_the_user(empty_database):
    """The rows from before 0024 stay and stay linked; afterwards a row can refer only to its own user's
    task, tag or category (the key holds user_id on both sides), and deleting a task still cascades."""
    upgrade(empty_database, "0022")
    engine = make_engine(empty_database)
    alice, bob, task, other, tag, cat = (uuid.uuid4() for _ in range(6))
    now = datetime(2026, 12, 6, tzinfo=timezone.utc)
    with engine.begin() as conn:
        _insert_user(conn, alice, now)
        _insert_user(conn, bob, now)
        conn.execute(insert(categories).values(id=cat, user_id=alice, name="Home", name_key="home", created_at=now))
        conn.execute(insert(tags).values(id=tag, user_id=alice, name="errand", created_at=now))
        conn.execute(insert(tasks), [{"id": task, "title": "a", "status": "todo", "category_id": cat,
                                      **_task_row(alice, now)},
                                     {"id": other, "title": "b", "status": "todo", "category_id": None,
                                      **_task_row(alice, now)}])
        conn.execute(insert(task_tags).values(task_id=task, tag_id=tag, user_id=alice, position=0))
        conn.execute(insert(task_dependencies).values(task_id=other, depends_on_id=task, user_id=alice))
        conn.execute(insert(time_blocks).values(id=uuid.uuid4(), user_id=alice, task_id=task, start=now, end=now,
                                                pinned=False, reason=""))
        conn.execute(insert(quick_adds).values(id=uuid.uuid4(), user_id=alice, task_id=task, text="a", draft={},
                                               created_at=now))
    upgrade(empty_database)
    with engine.connect() as conn:
        assert conn.execute(select(tasks.c.category_id).where(tasks.c.id == task)).scalar_one() == cat
        assert conn.execute(select(func.count()).select_from(task_tags)).scalar_one() == 1
    theft = [  # bob's rows naming alice's task, tag or category
        insert(time_blocks).values(id=uuid.uuid4(), user_id=bob, task_id=task, start=now, end=now, pinned=False,
                                   reason=""),
        insert(task_tags).values(task_id=other, tag_id=tag, user_id=bob, position=0),
        insert(task_dependencies).values(task_id=other, depends_on_id=task, user_id=bob),
        insert(quick_adds).values(id=uuid.uuid4(), user_id=bob, task_id=task, text="b", draft={}, created_at=now),
        insert(tasks).values(id=uuid.uuid4(), title="c", status="todo", category_id=cat, **_task_row(bob, now)),
    ]
    for statement in theft:
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(statement)
    with pytest.raises(IntegrityError), engine.begin() as conn:  # no SET NULL: the repository clears it first
        conn.execute(delete(categories).where(categories.c.id == cat))
    with engine.begin() as conn:
        conn.execute(delete(tasks).where(tasks.c.id == task))
    with engine.connect() as conn:
        for table in (task_tags, task_dependencies, time_blocks, quick_adds):
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 0, table.name
    engine.dispose()
