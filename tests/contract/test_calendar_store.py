"""The calendar-connection store contract on every adapter: memory, SQLite, PostgreSQL and MongoDB. The
durable ones keep the secret encrypted: it is not in what they store."""
from __future__ import annotations

import json
import threading
import uuid
from datetime import timedelta

import pymongo
import pytest
from sqlalchemy import select

from adapters.fernet.cipher import FernetCipher
from adapters.memory.calendars import MemoryCalendarStore
from adapters.mongo.calendars import MongoCalendarStore
from adapters.sql.calendars import SqlCalendarStore
from adapters.sql.engine import make_engine
from adapters.sql.tables import calendar_connections
from domain.model.calendar import CalendarConnection
from tests.contract._stores import user_maker
from tests.factories import NOW, a_user

SECRET = "hunter2-" + uuid.uuid4().hex
CIPHER = FernetCipher("k" * 48)
MEET = 1.5  # seconds an update waits inside its change for the other one to get there too


@pytest.fixture(params=["memory", "sqlite", "postgres", "mongo"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def store_env(request, backend):
    """(store, make_user, raw): the store, a maker of users it may hold connections of, and a reader of
    every stored byte of one connection (None for memory)."""
    if backend == "memory":
        yield MemoryCalendarStore(), lambda: a_user().id, None
        return
    if backend == "mongo":
        url = request.getfixturevalue("mongo_url")
        store = MongoCalendarStore(url, CIPHER)
        client = pymongo.MongoClient(url, serverSelectionTimeoutMS=3000)
        collection = client.get_default_database()["calendar_connections"]
        yield store, lambda: a_user().id, lambda cid: repr(collection.find_one({"connection_id": str(cid)}))
        store.close()
        client.close()
        return
    engine = make_engine(request.getfixturevalue(f"{backend}_url"))

    make_user = user_maker(engine)

    def raw(cid):
        with engine.connect() as conn:
            row = conn.execute(select(calendar_connections).where(calendar_connections.c.id == cid)).first()
        return json.dumps([str(v) if not isinstance(v, dict) else v for v in row], default=str)

    yield SqlCalendarStore(engine, CIPHER), make_user, raw
    engine.dispose()


def a_connection(user_id, **values) -> CalendarConnection:
    base = dict(id=uuid.uuid4(), user_id=user_id, kind="caldav", name="Work", created_at=NOW,
                url="https://dav.example.com/", username="me", secret=SECRET,
                calendar_url="https://dav.example.com/cal/work/")
    return CalendarConnection(**(base | values))


def test_round_trip_and_owner_only(store_env):
    store, make_user, raw = store_env
    alice, bob = make_user(), make_user()
    first = a_connection(alice)
    second = a_connection(alice, kind="ics_url", name="Holidays", created_at=NOW + timedelta(minutes=1),
                          url="https://example.com/", username="", calendar_url="", blocks_time=False)
    store.put(second)
    store.put(first)
    assert store.get(alice, first.id) == first
    assert [c.name for c in store.list(alice)] == ["Work", "Holidays"]
    assert store.get(bob, first.id) is None and store.list(bob) == []
    assert store.delete(bob, first.id) is False and store.get(alice, first.id) is not None
    first.synced(NOW + timedelta(hours=1), cursor="token-1")
    first.name = "Office"
    store.put(first)
    again = store.get(alice, first.id)
    assert (again.name, again.status, again.last_synced_at, again.cursor) == (
        "Office", "ok", NOW + timedelta(hours=1), "token-1")
    assert store.delete(alice, first.id) is True
    assert store.get(alice, first.id) is None and [c.name for c in store.list(alice)] == ["Holidays"]


def test_failures_and_written_blocks_round_trip(store_env):
    store, make_user, _ = store_env
    connection = a_connection(make_user())
    connection.failed(NOW, "the server failed")
    connection.failed(NOW + timedelta(minutes=15), "again")
    connection.written = [str(uuid.uuid4()), str(uuid.uuid4())]
    store.put(connection)
    again = store.get(connection.user_id, connection.id)
    assert (again.status, again.failures, again.failing_since, again.last_error, again.written) == (
        "error", 2, NOW, "again", connection.written)
    again.synced(NOW + timedelta(hours=1))
    store.put(again)
    cleared = store.get(connection.user_id, connection.id)
    assert (cleared.status, cleared.failures, cleared.failing_since, cleared.last_error) == ("ok", 0, None, "")


def test_another_user_cannot_overwrite_a_connection(store_env):
    store, make_user, _ = store_env
    alice, bob = make_user(), make_user()
    mine = a_connection(alice)
    store.put(mine)
    forged = a_connection(bob, id=mine.id, name="Forged")
    try:
        store.put(forged)
    except Exception:  # a durable store may refuse it outright
        pass
    assert store.get(alice, mine.id).name == "Work"
    assert store.get(bob, mine.id) is None


def test_the_secret_is_never_stored_in_clear(store_env):
    store, make_user, raw = store_env
    connection = a_connection(make_user())
    store.put(connection)
    assert store.get(connection.user_id, connection.id).secret == SECRET
    if raw is not None:
        stored = raw(connection.id)
        assert connection.name in stored or "Work" in stored  # the reader sees the row...
        assert SECRET not in stored and "hunter2" not in stored  # ...but not the secret


def test_stale_lists_never_synced_first_then_least_recent(store_env):
    store, make_user, _ = store_env
    user = make_user()
    marker = NOW + timedelta(days=3650 + 365 * uuid.uuid4().int % 50)  # far from other tests' rows
    old, recent, never = (a_connection(user, name=n) for n in ("old", "recent", "never"))
    old.synced(marker - timedelta(hours=3))
    recent.synced(marker + timedelta(hours=1))
    for connection in (old, recent, never):
        store.put(connection)
    due = store.stale(marker, limit=10_000)
    mine = [(cid, synced) for uid, cid, synced in due if uid == user]
    assert mine == [(never.id, None), (old.id, marker - timedelta(hours=3))]
    assert all(isinstance(uid, uuid.UUID) for uid, _, _ in due)
    assert len(store.stale(marker, limit=1)) == 1


def test_update_changes_what_is_stored_and_not_another_users(store_env):
    store, make_user, _ = store_env
    connection = a_connection(make_user())
    store.put(connection)
    done = store.update(connection.user_id, connection.id, lambda c: setattr(c, "written", ["a", "b"]))
    assert done.written == ["a", "b"] and done.secret == SECRET
    assert store.get(connection.user_id, connection.id).written == ["a", "b"]
    assert store.update(make_user(), connection.id, lambda c: setattr(c, "name", "Mine")) is None
    assert store.update(connection.user_id, uuid.uuid4(), lambda c: setattr(c, "name", "Mine")) is None
    assert store.get(connection.user_id, connection.id).name == "Work"


def test_two_updates_at_once_both_take_effect(store_env):
    """Each change waits (up to MEET seconds) for the other to be read too: updates that are not atomic
    both read the old connection and the second write loses the first's change."""
    store, make_user, _ = store_env
    connection = a_connection(make_user())
    store.put(connection)
    arrived, cond = [0], threading.Condition()

    def meeting(field: str, value):
        def change(c: CalendarConnection) -> None:
            with cond:
                arrived[0] += 1
                cond.notify_all()
                cond.wait_for(lambda: arrived[0] >= 2, timeout=MEET)
            setattr(c, field, value)
        return change

    threads = [threading.Thread(target=store.update, args=(connection.user_id, connection.id, change))
               for change in (meeting("written", ["block"]), meeting("last_error", "the other change"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    stored = store.get(connection.user_id, connection.id)
    assert (stored.written, stored.last_error) == (["block"], "the other change")


def test_a_requested_sync_is_left_out_of_the_work_list_until_synced_or_a_period_old(store_env):
    store, make_user, _ = store_env
    user, stranger = make_user(), make_user()
    marker = NOW + timedelta(days=3650 + 365 * uuid.uuid4().int % 50)  # far from other tests' rows
    asked, waiting, never = (a_connection(user, name=n) for n in ("asked", "waiting", "never"))
    asked.synced(marker - timedelta(hours=3))
    waiting.synced(marker - timedelta(hours=2))
    for connection in (asked, waiting, never):
        store.put(connection)

    def mine(pending_since):
        return [cid for uid, cid, _ in store.stale(marker, 10_000, pending_since=pending_since) if uid == user]

    store.request_sync([(user, asked.id), (user, never.id), (stranger, waiting.id), (user, uuid.uuid4())],
                       marker - timedelta(minutes=5))
    assert store.get(user, asked.id).sync_requested_at == marker - timedelta(minutes=5)
    assert store.get(user, waiting.id).sync_requested_at is None  # named with another owner: untouched
    assert store.get(user, asked.id).name == "asked" and store.get(user, asked.id).secret == SECRET
    assert mine(None) == [never.id, asked.id, waiting.id]  # without pending_since: every stale one
    assert mine(marker - timedelta(minutes=15)) == [waiting.id]  # requested within the period: left out
    assert mine(marker - timedelta(minutes=5)) == [waiting.id]  # at pending_since: still pending
    assert mine(marker - timedelta(minutes=4)) == [never.id, asked.id, waiting.id]  # older requests: asked again
    store.update(user, asked.id, lambda c: c.failed(marker - timedelta(minutes=1), "down"))  # tried: cleared
    assert store.get(user, asked.id).sync_requested_at is None
    assert mine(marker - timedelta(minutes=15)) == [waiting.id, asked.id]
    again = store.get(user, never.id)
    again.name = "renamed"
    store.put(again)  # a put keeps the mark it carries
    assert store.get(user, never.id).sync_requested_at == marker - timedelta(minutes=5)
