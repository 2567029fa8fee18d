"""Real-life, overloaded calendars: Planloom's engine beside the strongest simple baselines.

Usage: .venv/bin/python bench/realistic.py [--quick] [--cpsat SECONDS] [--no-cpsat]
       [--sizes 50:4,200:2] [--only classes|replan|large] [--repeat N]

Instances come from bench/_realistic.py (60 by default: 24 of 50 tasks, 24 of 200, 12 of
1,000; --quick: 8 + 8 + 3). Each problem goes, in the same run, to
 - list: priority-then-due list scheduling (``greedy_plan``, what commercial tools describe);
 - dispatch: dynamic dispatch on the real calendar (``dispatch_plan``): ATC with
   K in {0.5, 1, 2, 4} and plain EDD, the best of the five kept per instance;
 - CP-SAT (bench/_cpsat.py; ortools from the ``bench`` extra): 50- and 200-task instances
   without a daily cap, warm-started from the best dispatch plan, 2 workers, a time limit
   (20 s, --quick 4 s); counted only where it returns a solution;
 - planloom: ``domain.scheduling.plan``.
Every plan is judged here from its blocks by the documented objective (docs/scheduling.md):
weighted tardiness in weight x minutes, a dated task left out counting as finishing at the
horizon, then the number of tasks left out. Classes: size x overload (open work / free
time): fits < 1.0 <= over < 1.8 <= heavy. Then re-planning after one edit on 200-task
calendars, and plans of 2,000 tasks. Times are medians (wall and CPU) on a shared, loaded
machine: compare them side by side, not with another run.
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _cpsat import cpsat  # noqa: E402
from _realistic import generate  # noqa: E402

from domain.scheduling import dispatch_plan, greedy_plan, plan, problem_from_json  # noqa: E402
from domain.scheduling.dispatch import ATC_K  # noqa: E402

FULL = {50: 24, 200: 24, 1000: 12}
QUICK = {50: 8, 200: 8, 1000: 3}
MIN = 60


def objective(problem, result) -> tuple[float, int]:
    """(weighted tardiness with left-out dated tasks at the horizon, tasks left out)."""
    finish = {}
    for b in result.blocks:
        finish[b.task_id] = max(finish.get(b.task_id, b.end), b.end)
    left = {u.task_id for u in result.unscheduled}
    total = 0.0
    for t in problem.tasks:
        if t.due is None:
            continue
        end = problem.horizon_end if t.id in left or t.id not in finish else finish[t.id]
        late = math.floor((end - t.due).total_seconds() / MIN)
        total += t.effective_weight * max(0, late)
    return round(total, 3), len(left)


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def _cpu(fn):
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def _klass(n: int, overload: float) -> str:
    band = "fits" if overload < 1.0 else "over" if overload < 1.8 else "heavy"
    return f"{n:>4} {band}"


def run(sizes: dict[int, int], cp_seconds: float | None) -> list[dict]:
    rows = []
    print(f"{'class':>10} {'seed':>4} {'load':>5} | {'list':>10} {'dispatch':>10} {'rule':>8} "
          f"{'cp-sat':>10} | {'planloom':>10} {'ms':>6} {'cpu':>6} | left out l/d/c/p")
    for n, count in sizes.items():
        for seed in range(count):
            data = generate(n, seed, count)
            overload = data.pop("overload")
            problem = problem_from_json(data)
            lst = greedy_plan(problem)
            rules = [_timed(lambda k=k: dispatch_plan(problem, k)) for k in ATC_K + (None,)]
            disp, disp_time = min(rules, key=lambda r: objective(problem, r[0]))
            ours, wall, cpu = _cpu(lambda: plan(problem))
            row = {"klass": _klass(n, overload), "n": n, "seed": seed, "load": overload,
                   "list": objective(problem, lst), "dispatch": objective(problem, disp),
                   "rule": disp.metrics.strategy, "ours": objective(problem, ours), "wall": wall, "cpu": cpu,
                   "truncated": ours.metrics.truncated,
                   "dispatch_wall": sum(t for _, t in rules), "cpsat": None}
            if cp_seconds and n <= 200:
                row["cpsat"] = cpsat(problem, disp, cp_seconds)
            cp = row["cpsat"]
            cp_txt = f"{cp[0]:>10.0f}" if cp else f"{'-':>10}"
            left = "/".join(str(x) for x in (row["list"][1], row["dispatch"][1], cp[1] if cp else "-",
                                             row["ours"][1]))
            print(f"{row['klass']:>10} {seed:>4} {overload:>5.2f} | {row['list'][0]:>10.0f} "
                  f"{row['dispatch'][0]:>10.0f} {row['rule']:>8} {cp_txt} | {row['ours'][0]:>10.0f} "
                  f"{1000 * wall:>6.0f} {1000 * cpu:>6.0f} | {left}", flush=True)
            rows.append(row)
    return rows


def _ratio(ours: float, base: float) -> float:
    if base == 0:
        return 1.0 if ours == 0 else math.inf
    return ours / base


def summary(rows: list[dict]) -> None:
    by = defaultdict(list)
    for r in rows:
        by[r["klass"]].append(r)
    print("\nplanloom vs each baseline, per class: weighted tardiness ratio mean / max "
          "(1.0 = equal, < 1 better), wins/ties/losses on (weighted tardiness, left out)")
    print(f"{'class':>10} {'#':>3} | {'vs list':>22} | {'vs dispatch':>22} | {'vs cp-sat':>26} | "
          f"{'left out l/d/p':>14} | {'ms p50/max':>11} {'cpu p50/max':>11} {'disp x5':>7}")
    for klass in sorted(by, key=lambda k: (int(k.split()[0]), ["fits", "over", "heavy"].index(k.split()[1]))):
        rs = by[klass]
        cells = []
        for base in ("list", "dispatch", "cpsat"):
            pairs = [(r["ours"], r[base]) for r in rs if r[base] is not None]
            if not pairs:
                cells.append(f"{'-':>22}" if base != "cpsat" else f"{'-':>26}")
                continue
            ratios = [_ratio(o[0], b[0]) for o, b in pairs]
            w = sum(1 for o, b in pairs if o < b)
            t = sum(1 for o, b in pairs if o == b)
            lo = len(pairs) - w - t
            text = f"{statistics.mean(ratios):.3f}/{max(ratios):.3f} {w:>2}/{t:>2}/{lo:>2}"
            if base == "cpsat":
                text = f"{text} (n={len(pairs)})"
            cells.append(f"{text:>22}" if base != "cpsat" else f"{text:>26}")
        left = "/".join(str(sum(r[k][1] for r in rs)) for k in ("list", "dispatch", "ours"))
        walls = [1000 * r["wall"] for r in rs]
        cpus = [1000 * r["cpu"] for r in rs]
        dwalls = [1000 * r["dispatch_wall"] for r in rs]
        print(f"{klass:>10} {len(rs):>3} | {cells[0]} | {cells[1]} | {cells[2]} | {left:>14} | "
              f"{statistics.median(walls):>5.0f}/{max(walls):<5.0f} {statistics.median(cpus):>5.0f}/"
              f"{max(cpus):<5.0f} {statistics.median(dwalls):>7.0f}")
    over = [r for r in rows if r["load"] >= 1.0]
    if over:
        ours = statistics.mean(r["ours"][0] for r in over)
        disp = statistics.mean(r["dispatch"][0] for r in over)
        print(f"\noverloaded classes (load >= 1.0, {len(over)} instances): mean weighted tardiness "
              f"planloom {ours:.0f} vs best dispatch rule {disp:.0f} (ratio {ours / max(disp, 1e-9):.3f})")
    worse = [(r["klass"], r["seed"]) for r in rows if r["ours"] > min(r["list"], r["dispatch"])]
    print(f"instances where planloom is worse than the best of list and dispatch: {len(worse)} {worse}")
    print(f"plans cut short by the work budget (metrics.truncated): {sum(r['truncated'] for r in rows)}")
    cps = [r for r in rows if r["cpsat"] is not None]
    if cps:
        ok = sum(1 for r in cps if r["ours"] <= r["cpsat"])
        print(f"CP-SAT finished on {len(cps)}: planloom no worse on {ok} ({100 * ok / len(cps):.0f}%)")


def replanning(seeds, n: int = 200, repeat: int = 1) -> None:
    """Re-plan after one edit (duration +30 min or due a day earlier) with the previous blocks;
    with ``repeat`` > 1 each edit is re-planned that many times and its fastest run kept (on a
    loaded machine the minimum is the steadier figure)."""
    print(f"\nre-planning after one task edit ({n} tasks; stability rules as in docs/scheduling.md; "
          f"best of {repeat}):")
    walls, cpus, moved, base_cpus = [], [], [], []
    for seed in seeds:
        data = generate(n, seed, len(seeds))
        data.pop("overload")
        problem = problem_from_json(data)
        first = plan(problem)
        task = problem.tasks[seed * 37 % len(problem.tasks)]
        edited = (replace(task, duration_minutes=task.duration_minutes + 30) if seed % 2 else
                  replace(task, due=(task.due or problem.horizon_end) - timedelta(days=1)))
        problem2 = replace(problem, tasks=tuple(edited if t.id == task.id else t for t in problem.tasks))
        runs = [_cpu(lambda: plan(problem2, list(first.blocks),
                                  previous_unscheduled=[u.task_id for u in first.unscheduled]))
                for _ in range(repeat)]
        second, wall, cpu = min(runs, key=lambda r: r[2])
        walls.append(1000 * wall)
        cpus.append(1000 * cpu)
        # baseline in the same run: one dispatch rule (ATC K=4) planning the edited problem anew
        base_cpus.append(1000 * min(_cpu(lambda: dispatch_plan(problem2, 4.0))[2] for _ in range(repeat)))
        new = {(b.task_id, b.start, b.end) for b in second.blocks}
        moved.append(sum(1 for b in first.blocks if b.task_id != task.id and (b.task_id, b.start, b.end) not in new))
    print(f"  {len(walls)} edits: wall p50 {statistics.median(walls):.1f} ms, max {max(walls):.1f} ms; CPU p50 "
          f"{statistics.median(cpus):.1f} ms, max {max(cpus):.1f} ms; other tasks' blocks moved: "
          f"p50 {statistics.median(moved):.0f}, max {max(moved)}")
    print(f"  baseline, ATC K=4 dispatch planning each edited problem anew: CPU p50 "
          f"{statistics.median(base_cpus):.1f} ms, max {max(base_cpus):.1f} ms; re-plan / baseline: "
          f"p50 {statistics.median(cpus) / statistics.median(base_cpus):.2f}x, "
          f"max {max(cpus) / max(base_cpus):.2f}x")


def large(n: int, seeds) -> None:
    """Plans of ``n`` tasks beside one dispatch rule (ATC K=4) in the same run: CPU time and
    weighted tardiness, each with its ratio to the rule's."""
    print(f"\n{n} tasks: planloom beside ATC K=4 dispatch on the same problem (CPU; weighted tardiness)")
    ratios = []
    for seed in seeds:
        data = generate(n, seed, 20)
        data.pop("overload")
        problem = problem_from_json(data)
        result, wall, cpu = _cpu(lambda: plan(problem))
        rule, _, rule_cpu = _cpu(lambda: dispatch_plan(problem, 4.0))
        ours, theirs = objective(problem, result)[0], objective(problem, rule)[0]
        ratios.append(cpu / rule_cpu)
        print(f"  seed {seed}: planloom {1000 * wall:.0f} ms wall, {1000 * cpu:.0f} ms CPU; ATC K=4 "
              f"{1000 * rule_cpu:.0f} ms CPU ({cpu / rule_cpu:.2f}x); weighted tardiness "
              f"{ours:.0f} vs {theirs:.0f} ({_ratio(ours, theirs):.3f}); "
              f"truncated {result.metrics.truncated}")
    print(f"  CPU ratio planloom / ATC K=4: median {statistics.median(ratios):.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--cpsat", type=float, default=None, help="CP-SAT seconds per instance")
    ap.add_argument("--no-cpsat", action="store_true")
    ap.add_argument("--sizes", default=None, help="e.g. 50:4,200:2 (size:instances)")
    ap.add_argument("--only", choices=("classes", "replan", "large"), default=None,
                    help="run one part: the instance classes, the re-plans, or the 2,000-task plans")
    ap.add_argument("--repeat", type=int, default=1, help="re-plans: runs per edit, the fastest kept")
    args = ap.parse_args()
    seconds = None if args.no_cpsat else (args.cpsat or (4.0 if args.quick else 20.0))
    sizes = QUICK if args.quick else FULL
    if args.sizes:
        sizes = {int(a): int(b) for a, b in (x.split(":") for x in args.sizes.split(","))}
    if args.only in (None, "classes"):
        summary(run(sizes, seconds))
    if args.only in (None, "replan"):
        replanning(range(4 if args.quick else 12), repeat=max(1, args.repeat))
    if args.only in (None, "large"):
        large(2000, range(1 if args.quick else 3))


if __name__ == "__main__":
    main()
