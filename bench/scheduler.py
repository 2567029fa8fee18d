"""Realistic calendars: Planloom's engine beside greedy list scheduling and CP-SAT.

Usage: .venv/bin/python bench/scheduler.py [--quick] [--cpsat SECONDS] [--no-cpsat]

For each seeded calendar (bench/_calendars.py) the same JSON problem goes to
 - greedy: list scheduling by priority, then due date (what commercial tools describe),
 - planloom: ``domain.scheduling.plan``,
 - CP-SAT (optional, needs ``pip install ortools``): the same calendar as a CP-SAT model
   (free time as fixed intervals, splittable tasks cut into equal chunks of at least the
   minimum chunk length, optional tasks with a large penalty), warm-started from the greedy
   plan, 2 workers, a time limit per instance (30 s by default, 5 s with --quick);
   skipped above 200 tasks.
Then re-planning after one task edit on the 200-task calendars, and peak memory of one
2,000-task, 8-week plan. Weighted tardiness is in weight x minutes; plans are compared by
the documented objective (weighted tardiness with left-out dated tasks at the horizon,
then tasks placed).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _calendars import generate  # noqa: E402
from _cpsat import cpsat as cpsat_model  # noqa: E402

from domain.scheduling import greedy_plan, plan, problem_from_json  # noqa: E402

FULL = [(50, 1, range(10)), (50, 2, range(10)), (200, 4, range(10)), (200, 8, range(5)),
        (2000, 8, range(3))]
QUICK = [(50, 1, range(4)), (50, 2, range(3)), (200, 4, range(3)), (2000, 8, range(1))]


def cpsat(problem, greedy, seconds: float) -> tuple[int, float] | None:
    """Best (unscheduled, weighted tardiness) CP-SAT finds; None if ortools is missing."""
    found = cpsat_model(problem, greedy, seconds)
    return None if found is None else (found[1], found[0])


def key(metrics) -> tuple[int, float]:
    """(unscheduled, weighted tardiness) for the table; plans are judged by ``worse``."""
    return metrics.unscheduled_tasks, metrics.weighted_tardiness_minutes


def worse(a: tuple[int, float], b: tuple[int, float]) -> bool:
    """The documented objective: weighted tardiness first, then tasks placed."""
    return (a[1], a[0]) > (b[1], b[0])


def compare(instances, cp_seconds: float | None) -> None:
    print(f"{'n':>5} {'wk':>3} {'seed':>4} | {'greedy wT':>11} {'un':>3} | {'planloom wT':>11} {'un':>3} "
          f"{'vs greedy':>9} {'ms':>7} {'cpu ms':>7} | {'cp-sat wT':>11} {'un':>3}")
    rows = []
    for n, weeks, seeds in instances:
        for seed in seeds:
            problem = problem_from_json(generate(n, weeks, seed))
            g = greedy_plan(problem)
            t0, c0 = time.perf_counter(), time.process_time()
            ours = plan(problem)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            late = g.metrics.weighted_tardiness_minutes > 0
            cp = cpsat(problem, g, cp_seconds) if cp_seconds and n <= 200 and late else None
            gk, ok = key(g.metrics), key(ours.metrics)
            ratio = (f"{100 * (1 - ok[1] / gk[1]):8.1f}%" if gk[1] > 0 and gk[0] == ok[0] else "      n/a")
            cp_txt = f"{cp[1]:>11.0f} {cp[0]:>3}" if cp else f"{'n/a':>11} {'':>3}"
            print(f"{n:>5} {weeks:>3} {seed:>4} | {gk[1]:>11.0f} {gk[0]:>3} | {ok[1]:>11.0f} {ok[0]:>3} "
                  f"{ratio} {wall * 1000:>7.0f} {cpu * 1000:>7.0f} | {cp_txt}", flush=True)
            rows.append((n, gk, ok, cp, wall, cpu))
    print()
    worse_n = sum(1 for _, gk, ok, *_ in rows if worse(ok, gk))
    print(f"instances: {len(rows)}; planloom worse than greedy on {worse_n}")
    late = [(gk, ok) for _, gk, ok, *_ in rows if gk[1] > 0 and gk[0] == ok[0]]
    if late:
        red = [1 - ok[1] / gk[1] for gk, ok in late]
        print(f"greedy late on {len(late)} (same number scheduled): mean reduction of weighted tardiness "
              f"{100 * statistics.mean(red):.1f}%, median {100 * statistics.median(red):.1f}%")
    fewer = sum(1 for _, gk, ok, *_ in rows if ok[0] < gk[0])
    print(f"planloom schedules more tasks than greedy on {fewer} instance(s)")
    with_cp = [(gk, ok, cp) for _, gk, ok, cp, *_ in rows if cp is not None and gk[1] > 0]
    if with_cp:
        ok_cp = sum(1 for _, ok, cp in with_cp if not worse(ok, (cp[0], cp[1] + 1e-6)))
        print(f"CP-SAT ({cp_seconds:g} s, warm start from greedy) on {len(with_cp)} greedy-late instances: "
              f"planloom no worse on {ok_cp}/{len(with_cp)} ({100 * ok_cp / len(with_cp):.0f}%)")
    else:
        print("CP-SAT: not run (ortools missing or --no-cpsat)")
    for size in sorted({r[0] for r in rows}):
        walls = [r[4] for r in rows if r[0] == size]
        cpus = [r[5] for r in rows if r[0] == size]
        print(f"n={size}: planloom median {1000 * statistics.median(walls):.0f} ms, max {1000 * max(walls):.0f} ms "
              f"wall; median {1000 * statistics.median(cpus):.0f} ms, max {1000 * max(cpus):.0f} ms CPU")


def replanning(seeds) -> None:
    print("\nre-planning after one task edit (200 tasks, 4 weeks):")
    times, cpus, others, edited_moved = [], [], [], []
    for seed in seeds:
        problem = problem_from_json(generate(200, 4, seed))
        first = plan(problem)
        rng = random.Random(seed)
        k = rng.randrange(len(problem.tasks))
        task = problem.tasks[k]
        if rng.random() < 0.5:
            edited = replace(task, duration_minutes=task.duration_minutes + 30)
        else:
            due = task.due or problem.horizon_end
            edited = replace(task, due=due - timedelta(days=1))
        tasks = list(problem.tasks)
        tasks[k] = edited
        problem2 = replace(problem, tasks=tuple(tasks))
        t0, c0 = time.perf_counter(), time.process_time()
        second = plan(problem2, list(first.blocks),
                      previous_unscheduled=[u.task_id for u in first.unscheduled])
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        new = {(b.task_id, b.start, b.end) for b in second.blocks}
        moved_other = sum(1 for b in first.blocks if b.task_id != edited.id
                          and (b.task_id, b.start, b.end) not in new)
        others.append(moved_other)
        edited_moved.append(sum(1 for b in first.blocks if b.task_id == edited.id
                                and (b.task_id, b.start, b.end) not in new))
        print(f"  seed {seed}: edit {edited.id} ({'duration +30' if edited.duration_minutes != task.duration_minutes else 'due -1 day'}) "
              f"{1000 * times[-1]:.1f} ms wall, {1000 * cpus[-1]:.1f} ms CPU; blocks of other tasks moved: "
              f"{moved_other}; of the edited task: {edited_moved[-1]}; strategy {second.metrics.strategy}")
    print(f"  median {1000 * statistics.median(times):.1f} ms, max {1000 * max(times):.1f} ms wall "
          f"(CPU median {1000 * statistics.median(cpus):.1f} ms); other tasks' blocks moved in total: {sum(others)}")


def memory() -> None:
    problem = problem_from_json(generate(2000, 8, 0))
    tracemalloc.start()
    plan(problem)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory, 2,000 tasks over 8 weeks: tracemalloc peak during plan() {peak / 2**20:.1f} MB; "
          f"process max RSS so far {rss:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--cpsat", type=float, default=None, help="CP-SAT seconds per instance")
    ap.add_argument("--no-cpsat", action="store_true")
    args = ap.parse_args()
    seconds = None if args.no_cpsat else (args.cpsat or (5.0 if args.quick else 30.0))
    memory()  # first, before CP-SAT loads ortools, so max RSS is the engine's
    compare(QUICK if args.quick else FULL, seconds)
    replanning(range(3) if args.quick else range(10))


if __name__ == "__main__":
    main()
