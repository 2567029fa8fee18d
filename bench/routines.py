"""Routine expansion: what one routine costs a re-plan, whatever its age, and what the refused rules
would have cost (dateutil walks period by period until a match).

    .venv/bin/python bench/routines.py [--rounds 20]

Prints, per rule, the median milliseconds of expanding one routine over the 8-week horizon when the
routine began last month and when it began in 1971 (its DTSTART is moved forward by whole intervals),
next to dateutil walking the same rule from 1971; then the planning problem of 50 routines (expansion
included); then, once each, dateutil's time on rules the routine subset refuses.
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
from domain.model.routine import Routine
from domain.services.planning import HORIZON, build_problem

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=timezone.utc)
RULES = ["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
         "FREQ=DAILY;BYHOUR=8,20", "FREQ=WEEKLY;INTERVAL=3;COUNT=1000"]
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    print(f"{'rule':45} {'new ms':>8} {'1971 ms':>8} {'dateutil from 1971 ms':>22}")
    for rule in RULES:
        new, old = Routine(_task(rule, NOW - timedelta(days=30)), "Europe/Berlin"), Routine(
            _task(rule, datetime(1971, 1, 1, tzinfo=timezone.utc)), "Europe/Berlin")
        end = datetime(2027, 2, 1)

        def walk(routine=old):
            return list(takewhile(lambda w: w < end, routine.rule.rule(routine.dtstart, routine.until)))

        print(f"{rule:45} {_ms(lambda: new.between(NOW, NOW + HORIZON), rounds):8.2f} "
              f"{_ms(lambda: old.between(NOW, NOW + HORIZON), rounds):8.2f} {_ms(walk, max(1, rounds // 5)):22.2f}")
    tasks = [_task(RULES[i % 5], datetime(2020, 1, 1, tzinfo=timezone.utc)) for i in range(50)]
    prefs = Preferences(timezone="Europe/Berlin")
    problem, _ = build_problem(NOW, prefs, tasks, [], [], {})
    print(f"\n50 routines -> {len(problem.tasks)} engine items; build_problem median "
          f"{_ms(lambda: build_problem(NOW, prefs, tasks, [], [], {}), rounds):.1f} ms")
    print("\nrefused rules, dateutil looking for the first occurrence from 2026 (once each):")
    for rule in REFUSED:
        start = time.perf_counter()
        first = next(iter(rrulestr(rule, dtstart=datetime(2026, 1, 1))), None)
        print(f"  {rule:45} {time.perf_counter() - start:8.2f} s  first={first}")


if __name__ == "__main__":
    main()
