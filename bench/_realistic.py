"""Seeded generator of real-life calendars (issue 10), in Planloom's JSON problem format.

One person's open work over the planning horizon (2 weeks for 50 tasks, 4 for 200, 8 for
1,000): tasks of 15 min to 8 h, p1-p4 (weights 8/4/2/1), dated work sized to about
55-105% of the free time plus an undated backlog, so open work is ``overload`` (0.7x-3x)
times the free minutes with a backlog share of 20-60%; 10-25 meetings a week including a
daily stand-up fixed in local time, some outside working hours and some double-booked; a
lunch gap; a 0-15 min buffer; a day off; a daily cap on some; earliest starts;
dependency chains with fan-in; pinned blocks; and a DST change inside the horizon, in
both directions, in two zones. Same (n, seed) -> same problem.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.scheduling import model as mdl
from domain.scheduling import problem_from_json

# (zone, Monday before a DST change): Berlin 29 Mar / 25 Oct, New York 8 Mar / 1 Nov 2026
SCENARIOS = [("Europe/Berlin", "2026-03-23"), ("America/New_York", "2026-10-26"),
             ("America/New_York", "2026-03-02"), ("Europe/Berlin", "2026-10-19")]
WEEKS = {50: 2, 200: 4, 1000: 8, 2000: 8}
PRIORITIES = ([1] * 15 + [2] * 25 + [3] * 35 + [4] * 25)
WORKDAYS = ("mon", "tue", "wed", "thu", "fri")


def _local(day, minute: int, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(minutes=minute)


def _meetings(rng: random.Random, start, weeks: int, tz: ZoneInfo) -> list[tuple[datetime, datetime]]:
    out: list[tuple[datetime, datetime]] = []
    for week in range(weeks):
        days = [start + timedelta(days=7 * week + d) for d in range(5)]
        for day in days:  # the stand-up: 09:30 local, whatever the UTC offset that day
            out.append((_local(day, 570, tz), _local(day, 585, tz)))
        for _ in range(rng.randint(10, 25) - 5):
            day = rng.choice(days)
            roll = rng.random()
            if roll < 0.1:  # outside working hours
                begin = rng.choice([7 * 60 + 30, 18 * 60, 18 * 60 + 30])
            elif roll < 0.2 and out:  # double-booked on an existing meeting
                s, _ = rng.choice(out)
                begin = None
                start_at = s + timedelta(minutes=rng.choice([0, 15]))
            else:
                begin = rng.choice(range(9 * 60, 17 * 60, 15))
            length = rng.choice([15, 30, 30, 45, 60, 60, 90, 120])
            if begin is not None:
                start_at = _local(day, begin, tz)
            out.append((start_at, start_at + timedelta(minutes=length)))
    return out


def _free_minutes(data: dict) -> int:
    m = mdl.build(problem_from_json(dict(data, tasks=[])), None)
    return sum(e - s for s, e in m.placer.free[""])


def _durations(rng: random.Random, count: int, target: float) -> list[int]:
    raw = [rng.lognormvariate(0.0, 0.9) for _ in range(count)]
    scale = target / max(1e-9, sum(raw))
    return [max(15, min(480, 5 * round(r * scale / 5))) for r in raw]


def _pins(rng: random.Random, tasks: list[dict], busy: list[tuple[datetime, datetime]], start,
          days: int, tz: ZoneInfo) -> None:
    taken = list(busy)
    for task in rng.sample(tasks, max(1, len(tasks) // 50)):
        length = min(task["duration_minutes"], 60)
        for _ in range(20):
            day = start + timedelta(days=rng.randrange(days))
            if day.weekday() >= 5:
                continue
            s = _local(day, rng.choice(range(9 * 60, 16 * 60, 30)), tz)
            e = s + timedelta(minutes=length)
            if all(e <= a or s >= b for a, b in taken):
                taken.append((s, e))
                task["pinned"] = [{"start": s.isoformat(), "end": e.isoformat()}]
                break


def generate(n: int, seed: int, count: int = 20) -> dict:
    """Instance ``seed`` of ``count`` of size ``n``; overload is stratified over the seeds."""
    rng = random.Random(f"realistic-{n}-{seed}")
    zone, monday = SCENARIOS[seed % len(SCENARIOS)]
    tz = ZoneInfo(zone)
    start = datetime.fromisoformat(monday).date()
    weeks = WEEKS[n]
    now = _local(start, 8 * 60 + rng.randrange(180), tz) + timedelta(seconds=rng.randrange(60))
    horizon = _local(start + timedelta(days=7 * weeks), 0, tz)
    busy = _meetings(rng, start, weeks, tz)
    off = start + timedelta(days=rng.randrange(7 * weeks))
    busy.append((_local(off, 0, tz), _local(off, 24 * 60, tz)))  # a day off
    lunch = rng.choice([[["09:00", "12:30"], ["13:30", "17:30"]], [["08:30", "12:00"], ["13:00", "17:00"]]])
    data: dict = {
        "now": now.isoformat(), "timezone": zone, "horizon_end": horizon.isoformat(),
        "working_hours": {d: lunch for d in WORKDAYS}, "seed": seed,
        "buffer_minutes": rng.choice([0, 0, 5, 10, 15]),
        "busy": [{"start": s.isoformat(), "end": e.isoformat()} for s, e in busy],
    }
    if rng.random() < 0.3:
        data["daily_cap_minutes"] = rng.choice([300, 360, 420])
    free = _free_minutes(data)
    overload = 0.7 + 2.3 * (((seed * 7) % count) + rng.random()) / count
    backlog = min(0.6, max(0.2, 1 - rng.uniform(0.55, 1.05) / overload))
    dated_n = max(1, round(n * (1 - backlog)))
    dated = _durations(rng, dated_n, free * overload * (1 - backlog))
    undated = _durations(rng, n - dated_n, free * overload * backlog)
    days = (horizon.date() - start).days
    tasks = []
    for k, duration in enumerate(dated + undated):
        task: dict = {"id": f"t{k}", "duration_minutes": duration, "priority": rng.choice(PRIORITIES)}
        if k < dated_n:
            day = now.date() + timedelta(days=int(days * min(0.999, rng.betavariate(1.3, 2.2))))
            task["due"] = _local(day, rng.choice([17 * 60, 17 * 60, 12 * 60]), tz).isoformat()
        if rng.random() < 0.1:
            task["earliest_start"] = _local(now.date() + timedelta(days=rng.randrange(days // 2)), 9 * 60,
                                            tz).isoformat()
        if duration >= 60 and rng.random() < 0.5:
            task["splittable"] = True
            task["min_chunk_minutes"] = rng.choice([30, 30, 60])
            if rng.random() < 0.4:
                task["max_chunk_minutes"] = rng.choice([90, 120])
        if k and rng.random() < 0.12:  # chains, and fan-in on a few
            width = 1 if rng.random() < 0.75 else rng.randint(2, 3)
            lo = max(0, k - 30)
            task["depends_on"] = sorted({f"t{rng.randrange(lo, k)}" for _ in range(width)})
        tasks.append(task)
    _pins(rng, tasks, busy, start, days, tz)
    data["tasks"] = tasks
    data["overload"] = overload  # read by the benchmark, dropped before planning
    return data
