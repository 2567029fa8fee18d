"""A month of past work for the demo user, played forward day by day through the real use cases (create,
re-plan, finish, cancel) on a clock that walks through the month, so insights have something to show."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from domain import commands
from domain.model import TaskQuery, TaskStatus
from domain.services import queries

HISTORY_DAYS = 30
SEED = 20261205  # the same month every time

# (title, minutes, category, tags)
KINDS = [
    ("Write the weekly status update", 30, "Work", ["report"]),
    ("Review a pull request", 45, "Work", ["code-review"]),
    ("Fix a flaky test", 60, "Work", ["code"]),
    ("Customer call follow-up", 20, "Work", ["email"]),
    ("Design the import screen", 120, "Work", ["design"]),
    ("Pay the bills", 15, "Personal", ["admin"]),
    ("Groceries", 40, "Personal", ["errand"]),
    ("Read a chapter", 45, "Learning", ["reading"]),
    ("Online course lesson", 60, "Learning", ["course"]),
    ("Run", 40, "Health", ["exercise"]),
]


def play_month(bus, clock, user_id, categories: dict, end: datetime) -> dict:
    """Walk ``clock`` from ``HISTORY_DAYS`` before ``end`` to ``end``: on each weekday a few tasks are added in
    the morning and planned, and in the evening most of the open ones are done (some late, some early, a few
    cancelled). Returns counts of what was done."""
    rng, done, cancelled = random.Random(SEED), 0, 0
    start = (end - timedelta(days=HISTORY_DAYS)).replace(hour=7, minute=30, second=0, microsecond=0)
    for offset in range(HISTORY_DAYS):
        morning = start + timedelta(days=offset)
        if morning.weekday() >= 5 and rng.random() < 0.7:
            continue  # most weekends stay quiet
        clock.set(morning)
        for _ in range(rng.randint(2, 5)):
            title, minutes, category, tags = rng.choice(KINDS)
            values = {"title": title, "duration_minutes": minutes, "category_id": categories[category], "tags": tags,
                      "priority": rng.randint(1, 4)}
            if rng.random() < 0.7:
                values["due"] = morning + timedelta(days=rng.randint(0, 3), hours=rng.randint(2, 10))
            bus.handle(commands.CreateTask(actor_id=user_id, values=values))
        bus.handle(commands.ReplanSchedule(user_id=user_id))
        clock.set(morning + timedelta(hours=rng.randint(4, 12), minutes=rng.randint(0, 59)))  # some mid-work
        done_today, cancelled_today = _close_some(bus, user_id, rng)
        done, cancelled = done + done_today, cancelled + cancelled_today
    clock.set(end)
    return {"history_days": HISTORY_DAYS, "history_done": done, "history_cancelled": cancelled}


def _close_some(bus, user_id, rng: random.Random) -> tuple[int, int]:
    open_tasks, _ = queries.list_tasks(bus.uow, user_id, TaskQuery(status=(TaskStatus.TODO,), limit=100))
    done = cancelled = 0
    for task in open_tasks:
        roll = rng.random()
        if roll < 0.65:  # most say how long it took (estimates run a little short, as people's do)
            changes = {"status": "done"}
            if rng.random() < 0.8:
                changes["actual_minutes"] = max(5, round(task.duration_minutes * rng.uniform(0.7, 1.6) / 5) * 5)
            bus.handle(commands.UpdateTask(actor_id=user_id, task_id=task.id, changes=changes))
            done += 1
        elif roll < 0.72:
            bus.handle(commands.UpdateTask(actor_id=user_id, task_id=task.id, changes={"status": "cancelled"}))
            cancelled += 1
    return done, cancelled
