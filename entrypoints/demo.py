"""``planloom demo``: a demo account with a month of finished work behind it (for insights) and a realistic
week of work ahead, relative to today."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from domain import commands
from domain.errors import Conflict
from entrypoints.demo_history import HISTORY_DAYS, play_month

# (title, minutes, due in days, priority, category, tags, splittable)
WEEK = [
    ("Draft the Q3 report", 180, 4, 1, "Work", ["report"], True),
    ("Review Ana's pull request", 45, 1, 2, "Work", ["code-review"], False),
    ("Prepare slides for Monday all-hands", 90, 6, 2, "Work", ["slides"], True),
    ("Answer the vendor contract email", 20, 1, 1, "Work", ["email"], False),
    ("Plan the sprint backlog", 60, 3, 3, "Work", ["planning"], False),
    ("1:1 notes for Sam", 30, 2, 3, "Work", [], False),
    ("Refactor the billing module", 240, 8, 3, "Work", ["code"], True),
    ("Book dentist appointment", 10, 5, 2, "Personal", ["phone"], False),
    ("Renew passport", 40, 12, 2, "Personal", ["admin"], False),
    ("Buy a birthday present for Mum", 30, 4, 2, "Personal", ["errand"], False),
    ("Read chapter 3 of Designing Data-Intensive Applications", 60, None, 4, "Learning", ["reading"], True),
    ("Run 5k", 40, None, 4, "Health", ["exercise"], False),
]


def seed_demo(bus, email: str, password: str, now: datetime | None = None, clock=None) -> dict:
    """``clock``: the bus's own settable clock (``set``); with it the account starts a month ago and that
    month is played forward first (a history for insights), then the clock is set to ``now``."""
    now = now or datetime.now(timezone.utc)
    if clock is not None:
        clock.set(now - timedelta(days=HISTORY_DAYS + 1))
    try:
        user = bus.handle(commands.RegisterUser(email=email, password=password, display_name="Demo User",
                                                timezone="Europe/London"))
    except Conflict:
        return {"email": email, "created": False, "detail": "the demo user already exists"}
    categories = {}
    for name, color in (("Work", "#2563eb"), ("Personal", "#16a34a"), ("Learning", "#9333ea"), ("Health", "#ea580c")):
        categories[name] = bus.handle(commands.CreateCategory(actor_id=user.id, name=name, color=color)).id
    history = play_month(bus, clock, user.id, categories, now) if clock is not None else {}
    created = []
    for title, minutes, due_days, priority, category, tags, splittable in WEEK:
        values = {"title": title, "duration_minutes": minutes, "priority": priority,
                  "category_id": categories[category], "tags": tags, "splittable": splittable}
        if due_days is not None:
            values["due"] = (now + timedelta(days=due_days)).replace(hour=17, minute=0, second=0, microsecond=0)
        created.append(bus.handle(commands.CreateTask(actor_id=user.id, values=values)))
    report, slides = created[0], created[2]
    bus.handle(commands.UpdateTask(actor_id=user.id, task_id=slides.id, changes={"depends_on": [report.id]}))
    if clock is not None:
        bus.handle(commands.RebuildAnalytics(user_id=user.id))
    return {"email": email, "password": password, "created": True, "tasks": len(created), **history}
