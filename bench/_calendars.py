"""Seeded generator of realistic calendars in Planloom's JSON problem format.

A knowledge worker in Berlin (the horizon crosses the March DST change): working hours
Mon-Fri 09:00-12:30 and 13:30-18:00, 10-25 meetings a week, tasks with mixed priorities,
deadlines (some tight, some missing), chunking and dependency chains. ``load`` is the
ratio of task work to free working time, so instances range from comfortable to
overloaded. Same (n, weeks, seed) -> same problem.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 16, 8, 0, tzinfo=TZ)  # a Monday; DST starts on 29 March
HOURS = {d: [["09:00", "12:30"], ["13:30", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
WORK_MIN_PER_DAY = 480


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _meetings(rng: random.Random, weeks: int) -> list[dict]:
    busy = []
    for week in range(weeks):
        for _ in range(rng.randint(10, 25)):
            day = NOW.date() + timedelta(days=7 * week + rng.randrange(5))
            start_min = rng.choice(range(9 * 60, 17 * 60 + 30, 15))
            length = rng.choice([15, 30, 30, 45, 60, 60, 90])
            start = datetime(day.year, day.month, day.day, tzinfo=TZ) + timedelta(minutes=start_min)
            busy.append({"start": _iso(start), "end": _iso(start + timedelta(minutes=length))})
    return busy


def generate(n: int, weeks: int, seed: int, load: float | None = None) -> dict:
    rng = random.Random(f"{n}-{weeks}-{seed}")
    load = load if load is not None else rng.uniform(0.6, 1.15)
    busy = _meetings(rng, weeks)
    meeting_min = sum((datetime.fromisoformat(b["end"]) - datetime.fromisoformat(b["start"])).seconds // 60
                      for b in busy)
    free = max(60, weeks * 5 * WORK_MIN_PER_DAY - meeting_min)
    mean = max(5.0, free * load / n)
    horizon = NOW + timedelta(weeks=weeks)
    span_min = int((horizon - NOW).total_seconds() // 60)
    tasks = []
    for k in range(n):
        duration = int(max(5, min(4 * 60, rng.expovariate(1 / mean))))
        if mean >= 30:
            duration = max(5, 5 * round(duration / 5))
        task: dict = {"id": f"t{k}", "duration_minutes": duration, "priority": rng.choice([1, 2, 2, 3, 3, 3, 4])}
        if rng.random() < 0.7:
            # deadlines cluster early (this week's work) with a long tail
            due_in = int(span_min * min(1.0, rng.betavariate(1.2, 2.5))) + rng.randint(60, 600)
            task["due"] = _iso(NOW + timedelta(minutes=due_in))
        if rng.random() < 0.1:
            task["earliest_start"] = _iso(NOW + timedelta(minutes=rng.randrange(span_min // 2)))
        if duration >= 60 and rng.random() < 0.6:
            task["splittable"] = True
            task["min_chunk_minutes"] = rng.choice([15, 30, 30, 60])
            if rng.random() < 0.4:
                task["max_chunk_minutes"] = max(task["min_chunk_minutes"], rng.choice([60, 90, 120]))
        if k and rng.random() < 0.15:
            task["depends_on"] = [f"t{rng.randrange(max(0, k - 20), k)}"]
        tasks.append(task)
    return {"now": _iso(NOW), "timezone": "Europe/Berlin", "horizon_end": _iso(horizon),
            "working_hours": HOURS, "busy": busy, "buffer_minutes": 0, "seed": seed, "tasks": tasks}
