"""The outbox contract: committed events wait, the relay publishes each once, failures keep them."""
from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.memory.stores import MemoryOutbox
from adapters.sql.outbox import SqlOutbox
from domain import events
from tests.factories import NOW, a_task, a_user


@pytest.fixture
def outbox(backend, engine, make_uow):
    if backend == "memory":
        return MemoryOutbox(make_uow().database)
    return SqlOutbox(engine)


def _drain(outbox):
    got = []
    while outbox.relay_batch(1000, got.extend, NOW):
        pass
    return got


def test_committed_events_are_relayed_once_and_rolled_back_ones_never(make_uow, outbox):
    _drain(outbox)
    user = a_user()
    task = a_task(user)
    with make_uow() as uow:
        uow.users.add(user)
        uow.tasks.add(task)
        uow.commit()
    with make_uow() as uow:
        uow.tasks.add(a_task(user))  # never committed
    published = _drain(outbox)
    mine = [m for m in published if m.payload.get("user_id") == str(user.id)]
    assert [m.name for m in mine] == ["TaskCreated"]
    assert events.from_payload(mine[0].name, mine[0].payload) == events.TaskCreated(user_id=user.id, task_id=task.id)
    assert _drain(outbox) == []
    assert outbox.oldest_pending() is None  # nothing waits


def test_a_failed_publish_keeps_the_messages(make_uow, outbox):
    _drain(outbox)
    user = a_user()
    with make_uow() as uow:
        uow.users.add(user)
        uow.tasks.add(a_task(user))
        uow.commit()

    def broken(messages):
        raise ConnectionError("broker away")

    with pytest.raises(ConnectionError):
        outbox.relay_batch(10, broken, NOW)
    assert outbox.pending_count() >= 1
    oldest = outbox.oldest_pending()
    assert oldest is not None and oldest.tzinfo is not None
    assert any(m.payload.get("user_id") == str(user.id) for m in _drain(outbox))
    assert outbox.purge_published(NOW + timedelta(seconds=1)) >= 1


def test_recorded_events_ride_the_commit_and_a_rollback_drops_them(make_uow, outbox):
    _drain(outbox)
    user = a_user()
    with make_uow() as uow:
        uow.users.add(user)
        uow.commit()
    changed = events.PreferencesChanged(user_id=user.id)
    with make_uow() as uow:
        uow.record(events.ScheduleChanged(user_id=user.id, moved_blocks=1, late_tasks=0))
        uow.rollback()  # e.g. the use case failed after recording
        uow.record(changed)
        uow.commit()
        assert list(uow.collect_new_events()) == [changed]
    with make_uow() as uow:
        uow.record(events.ScheduleChanged(user_id=user.id, moved_blocks=2, late_tasks=0))  # never committed
    mine = [m for m in _drain(outbox) if m.payload.get("user_id") == str(user.id)]
    assert [m.name for m in mine] == ["PreferencesChanged"]
