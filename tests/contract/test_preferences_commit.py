"""Preferences saved through a unit of work are one outcome with their event: both, or neither.

SQL keeps the preferences table in the transaction's database, so the write rides the transaction;
memory and MongoDB write first and put the previous document back when the commit fails.
"""
from __future__ import annotations

import pytest

from adapters.memory.database import MemoryDatabase
from adapters.memory.stores import MemoryOutbox, MemoryPreferencesStore
from adapters.memory.unit_of_work import MemoryUnitOfWork
from adapters.mongo.preferences import MongoPreferencesStore
from adapters.sql.engine import make_engine
from adapters.sql.outbox import SqlOutbox
from adapters.sql.preferences import SqlPreferencesStore
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain import events
from domain.errors import StaleVersion
from domain.model import Preferences
from tests.factories import NOW, a_task, a_user


@pytest.fixture(params=["memory", "sqlite", "postgres", "sqlite+mongo"])
def world(request):
    """(make_uow, preferences store, outbox) over one storage."""
    if request.param == "memory":
        database, store = MemoryDatabase(), MemoryPreferencesStore()
        yield (lambda: MemoryUnitOfWork(database, preferences=store)), store, MemoryOutbox(database)
        return
    engine = make_engine(request.getfixturevalue("postgres_url" if request.param == "postgres" else "sqlite_url"))
    store = (MongoPreferencesStore(request.getfixturevalue("mongo_url")) if request.param == "sqlite+mongo"
             else SqlPreferencesStore(engine))
    yield (lambda: SqlUnitOfWork(engine, preferences=store)), store, SqlOutbox(engine)
    if isinstance(store, MongoPreferencesStore):
        store.close()
    engine.dispose()


def _events_of(outbox, user) -> list[str]:
    got = []
    while outbox.relay_batch(1000, got.extend, NOW):
        pass
    return [m.name for m in got if m.payload.get("user_id") == str(user.id)]


def _user_with_task(make_uow):
    user = a_user()
    task = a_task(user)
    with make_uow() as uow:
        uow.users.add(user)
        uow.tasks.add(task)
        uow.commit()
    return user, task


def _save_in_a_stale_commit(make_uow, user, task, prefs, *recorded):
    """Save ``prefs`` (and record ``recorded``) in a change that loses a race, so its commit fails."""
    first, second = make_uow(), make_uow()
    with first, second:
        mine, theirs = first.tasks.get(user.id, task.id), second.tasks.get(user.id, task.id)
        theirs.update({"title": "from B"}, NOW)
        second.commit()
        mine.update({"title": "from A"}, NOW)
        first.put_preferences(user.id, prefs)
        for event in recorded:
            first.record(event)
        with pytest.raises(StaleVersion):
            first.commit()


def test_a_failed_commit_keeps_neither_the_preferences_nor_their_event(world):
    make_uow, store, outbox = world
    user, task = _user_with_task(make_uow)
    store.put(user.id, Preferences(timezone="UTC"))
    _events_of(outbox, user)
    _save_in_a_stale_commit(make_uow, user, task, Preferences(timezone="Asia/Tokyo"),
                            events.PreferencesChanged(user_id=user.id))
    assert store.get(user.id).timezone == "UTC"
    assert _events_of(outbox, user) == ["TaskUpdated"]


def test_a_failed_first_save_leaves_no_preferences(world):
    make_uow, store, outbox = world
    user, task = _user_with_task(make_uow)
    _save_in_a_stale_commit(make_uow, user, task, Preferences(timezone="Asia/Tokyo"))
    assert store.get(user.id) is None


def test_a_commit_writes_the_preferences_with_their_event(world):
    make_uow, store, outbox = world
    user, _ = _user_with_task(make_uow)
    _events_of(outbox, user)
    with make_uow() as uow:
        uow.put_preferences(user.id, Preferences(timezone="Europe/Oslo"))
        uow.record(events.PreferencesChanged(user_id=user.id))
        uow.commit()
    with make_uow() as uow:
        uow.put_preferences(user.id, Preferences(timezone="America/Lima"))  # rolled back: never written
    assert store.get(user.id).timezone == "Europe/Oslo"
    assert _events_of(outbox, user) == ["PreferencesChanged"]
