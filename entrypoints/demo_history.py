"""A month of past work for the demo user, played forward day by day through the real use cases (create,
quick-add and correct, re-plan, finish, cancel) on a clock that walks through the month, so insights have
something to show."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from domain import commands
from domain.model import TaskQuery, TaskStatus
from domain.services import queries

HISTORY_DAYS = 30
SEED = 20261205  # the same month every time
QUICK_ADD_SHARE = 0.6   # mornings whose first task is typed into quick-add (a second random stream decides)
CORRECTED_SHARE = 0.35  # of those, fixed ten minutes later

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
    cancelled; the first task of most mornings is quick-added, and a third of those fixed ten minutes later).
    Returns counts of what was done."""
    rng, done, cancelled = random.Random(SEED), 0, 0
    quick = random.Random(SEED + 1)  # its own stream: the month's tasks stay the same as without quick-adds
    typed_count = corrected = 0
    start = (end - timedelta(days=HISTORY_DAYS)).replace(hour=7, minute=30, second=0, microsecond=0)
    for offset in range(HISTORY_DAYS):
        morning = start + timedelta(days=offset)
        if morning.weekday() >= 5 and rng.random() < 0.7:
            continue  # most weekends stay quiet
        clock.set(morning)
        typed = None
        for index in range(rng.randint(2, 5)):
            title, minutes, category, tags = rng.choice(KINDS)
            values = {"title": title, "duration_minutes": minutes, "category_id": categories[category], "tags": tags,
                      "priority": rng.randint(1, 4)}
            if rng.random() < 0.7:
                values["due"] = morning + timedelta(days=rng.randint(0, 3), hours=rng.randint(2, 10))
            if index == 0 and quick.random() < QUICK_ADD_SHARE:
                text = _quick_add_text(values, category, morning)
                typed = bus.handle(commands.QuickAdd(actor_id=user_id, text=text))["tasks"][0]
                typed_count += 1
            else:
                bus.handle(commands.CreateTask(actor_id=user_id, values=values))
        if typed is not None and quick.random() < CORRECTED_SHARE:
            clock.set(morning + timedelta(minutes=10))  # within the correction window
            bus.handle(commands.UpdateTask(actor_id=user_id, task_id=typed.id, changes=_correction(typed, quick)))
            corrected += 1
        bus.handle(commands.ReplanSchedule(user_id=user_id))
        clock.set(morning + timedelta(hours=rng.randint(4, 12), minutes=rng.randint(0, 59)))  # some mid-work
        done_today, cancelled_today = _close_some(bus, user_id, rng)
        done, cancelled = done + done_today, cancelled + cancelled_today
    clock.set(end)
    return {"history_days": HISTORY_DAYS, "history_done": done, "history_cancelled": cancelled,
            "history_quick_adds": typed_count, "history_corrected": corrected}


def _quick_add_text(values: dict, category: str, morning: datetime) -> str:
    """The task as a person would type it: "Groceries by friday 5pm 40m p1 #Personal @errand"."""
    words = [values["title"]]
    if "due" in values:
        days = (values["due"].date() - morning.date()).days
        day = {0: "today", 1: "tomorrow"}.get(days, values["due"].strftime("%A").lower())
        words.append(f"by {day} {values['due'].hour % 12 or 12}{'am' if values['due'].hour < 12 else 'pm'}")
    words += [f"{values['duration_minutes']}m", f"p{values['priority']}", f"#{category}",
              *(f"@{tag}" for tag in values["tags"])]
    return " ".join(words)


def _correction(task, rng: random.Random) -> dict:
    """What people fix after a quick-add: the length most often, then the priority or the due date."""
    roll = rng.random()
    if roll < 0.5 or task.due is None:
        return {"duration_minutes": task.duration_minutes + 15}
    if roll < 0.8:
        return {"priority": 1 if task.priority != 1 else 2}
    return {"due": task.due + timedelta(days=1)}


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
