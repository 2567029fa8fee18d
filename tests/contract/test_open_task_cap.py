"""The open-task cap holds when creators race (memory, SQLite and PostgreSQL): the count and the insert
it allows happen under one per-user lock, so no interleaving of concurrent creates passes the cap."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from domain import commands
from domain.errors import Conflict
from domain.services.handlers.tasks import create_task
from domain.services.limits import Limits
from tests.factories import NOW, a_user

CAP, RACERS = 3, 8


class _SlowClock:
    """A fixed clock that takes a while to answer: it widens the gap between counting a user's open
    tasks and inserting the new one (``create_task`` asks the time in between), where a race would live."""

    def now(self):
        time.sleep(0.05)
        return NOW


def test_the_open_task_cap_holds_when_creators_race(make_uow):
    user = a_user()
    with make_uow() as uow:
        uow.users.add(user)
        uow.commit()
    start = threading.Barrier(RACERS)

    def create(i: int) -> str:
        start.wait()
        try:
            create_task(commands.CreateTask(actor_id=user.id, values={"title": f"racer {i}", "duration_minutes": 30}),
                        make_uow(), _SlowClock(), preferences=None, limits=Limits(max_open_tasks=CAP))
        except Conflict:
            return "refused"
        return "created"

    with ThreadPoolExecutor(RACERS) as pool:
        outcomes = list(pool.map(create, range(RACERS)))
    with make_uow() as uow:
        open_now = uow.tasks.count_open(user.id)
    assert open_now == CAP
    assert sorted(outcomes) == ["created"] * CAP + ["refused"] * (RACERS - CAP)
