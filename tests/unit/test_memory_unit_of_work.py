"""The memory unit of work commits what it collected, and only that: the events of the aggregates it saw
go to the outbox once and leave the stored copies, and what another unit of work stored is not touched."""
from __future__ import annotations

from adapters.memory.database import MemoryDatabase
from adapters.memory.unit_of_work import MemoryUnitOfWork
from domain import events
from tests.factories import a_task, a_user


def test_two_units_of_work_each_clear_only_what_they_collected():
    database, user = MemoryDatabase(), a_user()
    first, second = MemoryUnitOfWork(database), MemoryUnitOfWork(database)
    with first:
        first.users.add(user)
        first.tasks.add(task := a_task(user))
        first.commit()
    assert database.state.tasks[task.id].events == [] and task.events == []
    # An aggregate stored with events the second unit of work never collected (a bug elsewhere, planted
    # here): its commit must neither write nor hide them.
    stray = events.TaskUpdated(user_id=user.id, task_id=task.id, fields=("title",))
    database.state.tasks[task.id].events = [stray]
    with second:
        second.tasks.add(other := a_task(user))
        second.commit()
    assert database.state.tasks[task.id].events == [stray]
    assert database.state.tasks[other.id].events == []
    assert [(m.name, m.payload["task_id"]) for m in database.state.outbox] == [("TaskCreated", str(task.id)),
                                                                              ("TaskCreated", str(other.id))]
    with second:
        assert second.tasks.get(user.id, other.id).events == []  # loading a stored task raises no event
