"""OR-Library 1||sum wT benchmark, run through the user-facing JSON format and engine.

Usage: .venv/bin/python bench/orlib.py [--quick] [--sizes 40,50,100] [--step K] [--data DIR]

Each instance becomes a Planloom problem (one time unit = one minute, availability around
the clock from ``now``, tasks not splittable, explicit weights), goes through
``problem_from_json`` -> ``plan`` -> ``plan_to_json``, and the plan's weighted tardiness is
compared to the reference value. The plan's cost is also recomputed from its blocks as a
check. ``--quick`` runs every 5th instance.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain.scheduling import plan, plan_to_json, problem_from_json  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "bench" / "orlib"
FILES = {40: ("wt40.txt", "wtopt40.txt"), 50: ("wt50.txt", "wtopt50.txt"),
         100: ("wt100.txt", "wtbest100b.txt")}
NOW = datetime(2026, 1, 5, tzinfo=timezone.utc)
ALL_DAY = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def load(data: Path, n: int) -> list[tuple[list[int], list[int], list[int], int]]:
    inst_file, ref_file = FILES[n]
    nums = [int(x) for x in (data / inst_file).read_text().split()]
    refs = [int(x) for x in (data / ref_file).read_text().split()]
    count = len(nums) // (3 * n)
    out = []
    for k in range(count):
        chunk = nums[3 * n * k: 3 * n * (k + 1)]
        out.append((chunk[:n], chunk[n:2 * n], chunk[2 * n:], refs[k]))
    return out


def to_problem_json(p: list[int], w: list[int], d: list[int], seed: int) -> dict:
    iso = lambda minutes: (NOW + timedelta(minutes=minutes)).isoformat()  # noqa: E731
    return {
        "now": NOW.isoformat(), "timezone": "UTC", "horizon_end": iso(sum(p) + 1440),
        "working_hours": ALL_DAY, "seed": seed,
        "tasks": [{"id": f"j{k}", "duration_minutes": p[k], "weight": w[k], "due": iso(d[k]),
                   "splittable": False} for k in range(len(p))],
    }


def plan_cost(result: dict, w: list[int], d: list[int]) -> int:
    """Weighted tardiness recomputed from the plan's blocks (independent of the engine)."""
    cost = 0
    for b in result["blocks"]:
        k = int(b["task_id"][1:])
        end = (datetime.fromisoformat(b["end"]) - NOW) // timedelta(minutes=1)
        cost += w[k] * max(0, end - d[k])
    return cost


def run(n: int, data: Path, step: int) -> dict:
    gaps, times, cpu, at_ref = [], [], [], 0
    for idx, (p, w, d, ref) in enumerate(load(data, n)):
        if idx % step:
            continue
        t0, c0 = time.perf_counter(), time.process_time()
        result = plan_to_json(plan(problem_from_json(to_problem_json(p, w, d, idx))))
        elapsed = time.perf_counter() - t0
        cpu.append(time.process_time() - c0)
        cost = plan_cost(result, w, d)
        assert cost == result["metrics"]["weighted_tardiness_minutes"], (idx, cost)
        assert result["metrics"]["unscheduled_tasks"] == 0
        gap = 0.0 if cost <= ref else 100.0 * (cost - ref) / max(ref, 1)
        gaps.append(gap)
        times.append(elapsed)
        at_ref += cost <= ref
    return {"n": n, "instances": len(gaps), "mean_gap": statistics.mean(gaps), "max_gap": max(gaps),
            "at_ref": at_ref / len(gaps), "median_s": statistics.median(times), "max_s": max(times),
            "median_cpu": statistics.median(cpu), "max_cpu": max(cpu)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="every 5th instance")
    ap.add_argument("--step", type=int, default=None, help="run every K-th instance")
    ap.add_argument("--sizes", default="40,50,100")
    ap.add_argument("--data", default=os.environ.get("PLANLOOM_ORLIB", str(DEFAULT_DATA)))
    args = ap.parse_args()
    step = args.step or (5 if args.quick else 1)
    print(f"OR-Library 1||sum wT through problem_from_json -> plan -> plan_to_json "
          f"(every {step} instance(s), 1 process)")
    print(f"{'n':>4} {'inst':>5} {'mean gap':>9} {'max gap':>8} {'at ref':>7} {'median s':>9} {'max s':>7} {'med cpu s':>9} {'max cpu s':>9}")
    for n in (int(x) for x in args.sizes.split(",")):
        r = run(n, Path(args.data), step)
        print(f"{r['n']:>4} {r['instances']:>5} {r['mean_gap']:>8.4f}% {r['max_gap']:>7.3f}% "
              f"{r['at_ref']:>6.0%} {r['median_s']:>9.3f} {r['max_s']:>7.3f} "
              f"{r['median_cpu']:>9.3f} {r['max_cpu']:>9.3f}", flush=True)


if __name__ == "__main__":
    main()
