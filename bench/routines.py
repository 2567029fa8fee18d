"""Routine expansion: what one routine costs a re-plan, whatever its age, and what the refused rules
would have cost (dateutil walks period by period until a match).

    .venv/bin/python bench/routines.py [--rounds 20] [--routines 200] [--days 30]

Prints, per rule, the median milliseconds of expanding one routine over the 8-week horizon when the
routine began last month and when it began in 1971 (its DTSTART is moved forward by whole intervals),
next to dateutil walking the same rule from 1971; then many routines (``--routines``, a mix including
every-N-hours ones) expanded over ``--days`` and over the 8-week horizon, the lazy merge the planner uses
next to the eager baseline (every routine's occurrences made, then sorted and cut to the budget), and
their planning problem next to one of as many one-off tasks; then, once each, dateutil's time on rules
the routine subset refuses.
"""
from __future__ import annotations

import argparse
import statistics
import time
import uuid
from datetime import datetime, timedelta, timezone
from itertools import takewhile

from dateutil.rrule import rrulestr

from domain.model import Preferences, Task
from domain.model.routine import Routine, open_occurrences
from domain.scheduling.problem import MAX_TASKS
from domain.services.planning import HORIZON, build_problem, expand_routines

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=timezone.utc)
RULES = ["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
         "FREQ=DAILY;BYHOUR=8,20", "FREQ=WEEKLY;INTERVAL=3;COUNT=1000", "FREQ=HOURLY;INTERVAL=2"]
MIX = ["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=DAILY;BYHOUR=8,20",
       "FREQ=HOURLY;INTERVAL=3", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY;BYMONTHDAY=1"]
ZONE = "Europe/Berlin"
REFUSED = ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30",
           "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6"]


def _task(rule: str, created: datetime) -> Task:
    return Task.create(id=uuid.uuid4(), user_id=uuid.uuid4(), now=created, title="r", recurrence=rule)


def _ms(fn, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _paired_ms(first, second, rounds: int) -> tuple[float, float]:
    """Median milliseconds of two functions timed in turn, round by round, so that load on a shared
    machine falls on both alike."""
    a, b = [], []
    for _ in range(rounds):
        for fn, samples in ((first, a), (second, b)):
            start = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(a), statistics.median(b)


def _eager(tasks: list[Task], horizon: timedelta, budget: int) -> list:
    """The baseline: every routine's open occurrences made (cap per routine as the planner's), then sorted
    and cut to the budget; what expansion did before it became a lazy merge."""
    found = [(t, o) for t in tasks for o in open_occurrences(Routine(t, ZONE), NOW, NOW + horizon, set())]
    found.sort(key=lambda pair: (pair[1].earliest_start, pair[1].due, str(pair[0].id)))
    return found[:budget]


def _many(count: int, days: int, rounds: int) -> None:
    """``count`` routines (made in 2020) expanded over ``days`` and over the horizon, lazy next to eager."""
    tasks = [_task(MIX[i % len(MIX)], datetime(2020, 1, 1, tzinfo=timezone.utc)) for i in range(count)]
    prefs = Preferences(timezone=ZONE)
    print(f"\n{count} routines ({len(MIX)} rules in turn), budget {MAX_TASKS} items: median ms")
    print(f"{'horizon':>10} {'items':>6} {'eager (baseline)':>17} {'lazy merge':>11} {'eager/lazy':>11}")
    for horizon in (timedelta(days=days), HORIZON):
        lazy = expand_routines(NOW, ZONE, tasks, {}, MAX_TASKS, None, horizon)
        eager = _eager(tasks, horizon, MAX_TASKS)
        assert [(t.id, o.key) for t, o in lazy] == [(t.id, o.key) for t, o in eager]  # the same items
        slow, fast = _paired_ms(lambda: _eager(tasks, horizon, MAX_TASKS),
                                lambda: expand_routines(NOW, ZONE, tasks, {}, MAX_TASKS, None, horizon), rounds)
        print(f"{f'{horizon.days} days':>10} {len(lazy):6} {slow:17.1f} {fast:11.1f} {slow / fast:10.2f}x")
    problem, _ = build_problem(NOW, prefs, tasks, [], [], {})
    single = [Task.create(id=uuid.uuid4(), user_id=uuid.uuid4(), now=NOW, title="t", duration_minutes=30)
              for _ in range(len(problem.tasks))]
    with_routines, plain = _paired_ms(lambda: build_problem(NOW, prefs, tasks, [], [], {}),
                                      lambda: build_problem(NOW, prefs, single, [], [], {}), rounds)
    print(f"build_problem, 8 weeks: {count} routines -> {len(problem.tasks)} items {with_routines:.1f} ms; "
          f"{len(single)} one-off tasks (baseline) {plain:.1f} ms; ratio {with_routines / plain:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--routines", type=int, default=200)
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()
    rounds = args.rounds
    print(f"{'rule':45} {'new ms':>8} {'1971 ms':>8} {'dateutil from 1971 ms':>22}")
    for rule in RULES:
        new, old = Routine(_task(rule, NOW - timedelta(days=30)), "Europe/Berlin"), Routine(
            _task(rule, datetime(1971, 1, 1, tzinfo=timezone.utc)), "Europe/Berlin")
        end = datetime(2027, 2, 1)

        def walk(routine=old):
            return list(takewhile(lambda w: w < end, routine.rule.rule(routine.dtstart, routine.until)))

        print(f"{rule:45} {_ms(lambda: new.between(NOW, NOW + HORIZON), rounds):8.2f} "
              f"{_ms(lambda: old.between(NOW, NOW + HORIZON), rounds):8.2f} {_ms(walk, max(1, rounds // 5)):22.2f}")
    _many(args.routines, args.days, rounds)
    print("\nrefused rules, dateutil looking for the first occurrence from 2026 (once each):")
    for rule in REFUSED:
        start = time.perf_counter()
        first = next(iter(rrulestr(rule, dtstart=datetime(2026, 1, 1))), None)
        print(f"  {rule:45} {time.perf_counter() - start:8.2f} s  first={first}")


if __name__ == "__main__":
    main()
