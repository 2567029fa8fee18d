"""Issue 9's scheduler denial of service: what the attack body costs now.

Usage: .venv/bin/python bench/attack.py [--before]

The body: 60 splittable tasks of 500 minutes in 1-minute chunks, all due tomorrow (so the
search runs), all-day hours, a 365-day horizon (about 50 s of CPU per request before). Printed, CPU time of:
 1. the body as sent: refused by the JSON format's caps (422 over HTTP), with the fields;
 2. the same body at the caps (5-minute chunks, 6,000 blocks): planned within the work
    budget, whether it was truncated, and the budget in units;
 3. with --before: the body as sent, caps bypassed (min chunk set back to 1 after
    parsing), once with the work budget and once without it (the search as it was
    before the budget; slow: about 40 s).
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain.errors import ValidationError  # noqa: E402
from domain.scheduling import budget, plan, problem_from_json  # noqa: E402

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def body(chunk: int) -> dict:
    return {"now": "2026-05-04T08:00:00+02:00", "timezone": "Europe/Paris",
            "horizon_end": "2027-05-03T08:00:00+02:00",
            "working_hours": {d: [["00:00", "24:00"]] for d in DAYS},
            "tasks": [{"id": f"t{k}", "duration_minutes": 500, "splittable": True, "priority": 1 + k % 4,
                       "due": "2026-05-05T17:00:00+02:00", "min_chunk_minutes": chunk,
                       "max_chunk_minutes": chunk} for k in range(60)]}


def cpu(fn):
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def run_plan(label: str, problem) -> None:
    result, spent = cpu(lambda: plan(problem))
    m = result.metrics
    print(f"{label}: {spent * 1000:.0f} ms CPU; scheduled {m.scheduled_tasks}, unscheduled "
          f"{m.unscheduled_tasks}, truncated {m.truncated}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", action="store_true")
    args = ap.parse_args()

    def refuse():
        try:
            problem_from_json(body(1))
        except ValidationError as err:
            return err
        return None

    err, spent = cpu(refuse)
    fields = sorted(err.field_errors) if err else []
    print(f"1. attack body: refused in {spent * 1000:.1f} ms CPU; {len(fields)} fields, e.g. {fields[:2]}")
    capped = problem_from_json(body(5))
    units = budget.units_for(60, 60, 6000)
    run_plan(f"2. at the caps (5-minute chunks, budget {units:,} units)", capped)
    if args.before:
        bypass = replace(capped, tasks=tuple(replace(t, min_chunk_minutes=1, max_chunk_minutes=1)
                                             for t in capped.tasks))
        run_plan("3a. caps bypassed, 1-minute chunks, with the work budget", bypass)
        # no work ceiling and no cap on the search's placements: the search as it was before
        budget.MIN_UNITS = budget.MAX_UNITS = budget.SEARCH_UNITS = 1 << 50
        run_plan("3b. caps bypassed, 1-minute chunks, no work budget (as before)", bypass)


if __name__ == "__main__":
    main()
