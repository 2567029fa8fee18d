"""Two re-plans of one user at the same time (the quick-add handler's and the re-plan consumer's)
leave one plan: each unsplittable task has exactly one block and every task's blocks add up to its
duration. Run on memory, SQLite and PostgreSQL."""
from __future__ import annotations

import threading
from collections import defaultdict

import pytest

from adapters.memory.occurrences import MemoryOccurrenceLog
from adapters.memory.stores import FixedClock, MemoryPreferencesStore
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain import commands
from domain.services.handlers.schedule import replan_schedule
from tests.factories import NOW, a_task, a_user

MEET = 1.5  # seconds a re-plan waits at its commit for the other one to get there too


class Rendezvous:
    """A clock for the units of work: the first time each of two re-plans asks it (in ``commit``,
    after the blocks are written and before the transaction ends) it waits, up to MEET seconds,
    for the other. Unserialised re-plans both get there, holding their writes; serialised ones
    cannot, and the first goes on once the wait runs out."""

    def __init__(self) -> None:
        self.arrived = 0
        self.cond = threading.Condition()

    def now(self):
        with self.cond:
            self.arrived += 1
            if self.arrived <= 2:
                self.cond.notify_all()
                self.cond.wait_for(lambda: self.arrived >= 2, timeout=MEET)
        return NOW


@pytest.mark.parametrize("planned_before", [False, True], ids=["first-plan", "re-plan"])
def test_two_concurrent_replans_leave_one_block_per_unsplittable_task(backend, engine, make_uow, planned_before):
    user = a_user()
    tasks = [a_task(user, duration_minutes=minutes, splittable=False) for minutes in (30, 45, 60, 90, 120)]
    tasks.append(a_task(user, duration_minutes=240, splittable=True, min_chunk_minutes=60))
    with make_uow() as uow:
        uow.users.add(user)
        for task in tasks:
            uow.tasks.add(task)
        uow.commit()
    if planned_before:  # the user has a plan (and a stored summary) already
        replan_schedule(commands.ReplanSchedule(user_id=user.id), make_uow(), FixedClock(NOW),
                        MemoryPreferencesStore(), MemoryOccurrenceLog())
    rendezvous = Rendezvous()
    uows = (lambda: make_uow()) if engine is None else (lambda: SqlUnitOfWork(engine, clock=rendezvous))
    errors: list[BaseException] = []

    def replan() -> None:
        try:
            replan_schedule(commands.ReplanSchedule(user_id=user.id), uows(), FixedClock(NOW),
                            MemoryPreferencesStore(), MemoryOccurrenceLog())
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=replan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    with make_uow() as uow:
        blocks = uow.blocks.list(user.id)
    per_task = defaultdict(list)
    for block in blocks:
        per_task[block.task_id].append(block)
    assert set(per_task) == {t.id for t in tasks}
    for task in tasks:
        mine = per_task[task.id]
        assert sum((b.end - b.start).total_seconds() for b in mine) == task.duration_minutes * 60, task
        if not task.splittable:
            assert len(mine) == 1, task
    spans = sorted((b.start, b.end) for b in blocks)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "blocks overlap"
