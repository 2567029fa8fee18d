"""The four insights reports, read from daily and weekly rollups (pure: no store, no clock)."""
from __future__ import annotations

from datetime import date, timedelta

from domain.analytics.facts import DAY, DURATION_BUCKETS, LATENESS_BUCKETS, NO_CATEGORY, Rollup, merge, week_of

TOP_TAGS = 20  # the tags with the most minutes; the rest are summed as "other_tags_minutes"


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def _days(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def streaks(active: set[str], first: str, last: str) -> dict:
    """Days in a row with something done: the longest in the range, and the one running at ``last`` (a day
    with nothing done yet at ``last`` does not break it: the day is not over)."""
    longest = run = 0
    for day in _days(first, last):
        run = run + 1 if day in active else 0
        longest = max(longest, run)
    current, day = 0, date.fromisoformat(last)
    if last not in active:
        day -= timedelta(days=1)
    while day.isoformat() >= first and day.isoformat() in active:
        current, day = current + 1, day - timedelta(days=1)
    return {"current": current, "longest": longest, "active_days": len(active)}


def accuracy(estimates: dict) -> dict:
    """Planned vs. actual minutes of tasks whose actual minutes were reported; ``ratio`` > 1: took longer."""
    count = estimates.get("count", 0)
    planned, actual = estimates.get("planned", 0), estimates.get("actual", 0)
    return {"tasks": count, "planned_minutes": planned, "actual_minutes": actual,
            "ratio": _ratio(actual, planned), "mean_abs_error_minutes": _ratio(estimates.get("abs_error", 0), count),
            "over": estimates.get("over", 0), "under": estimates.get("under", 0), "exact": estimates.get("exact", 0)}


def quick_adds(counters: dict, fields: tuple[str, ...] = ()) -> dict:
    """Quick-adds made, how many of them were corrected, the rate, and how often each field was (``fields``
    are listed with 0 when never corrected, the others only when they were)."""
    made, corrected = counters.get("made", 0), counters.get("corrected", 0)
    counted = counters.get("fields", {})
    return {"made": made, "corrected": corrected, "rate": _ratio(corrected, made),
            "fields": {name: counted.get(name, 0) for name in (*fields, *sorted(set(counted) - set(fields)))}}


def summary(days: list[Rollup], first: str, last: str, quick_add_fields: tuple[str, ...] = ()) -> dict:
    """``days``: rollups covering [first, last] exactly, daily or weekly (see ``covering``);
    ``quick_add_fields``: the reading fields the quick-add report always lists."""
    total = merge(r.counters for r in days)
    done, on_time, late = total.get("done", 0), total.get("on_time", 0), total.get("late", 0)
    hours = total.get("hours", {})
    return {
        "from": first, "to": last, "done": done, "cancelled": total.get("cancelled", 0),
        "planned_minutes": total.get("planned_minutes", 0), "done_minutes": total.get("done_minutes", 0),
        "on_time": on_time, "late": late, "without_due": total.get("no_due", 0),
        "on_time_rate": _ratio(on_time, on_time + late),
        "lateness": [{"bucket": b, "tasks": total.get("lateness", {}).get(b, 0)} for b in LATENESS_BUCKETS],
        "estimates": accuracy(total.get("estimates", {})),
        "plan_changes": total.get("plan_changes", 0), "moved_blocks": total.get("moved_blocks", 0),
        "missed_blocks": total.get("missed_blocks", 0),
        "busiest_hours": sorted(({"hour": int(h), "done": n} for h, n in hours.items()),
                                key=lambda item: (-item["done"], item["hour"]))[:5],
        "hours": [{"hour": h, "done": hours.get(f"{h:02d}", 0)} for h in range(24)],
        "streaks": streaks({r.start for r in days if r.period == DAY and r.counters.get("done")}
                           | set(total.get("active_days", {})), first, last),
        "quick_add": quick_adds(total.get("quick_add", {}), quick_add_fields),
    }


def weekly(weeks: list[Rollup], first: str, last: str) -> list[dict]:
    """One row per week (Monday) from ``first``'s week to ``last``'s, empty weeks included."""
    by_start = {r.start: r.counters for r in weeks}
    rows, week = [], date.fromisoformat(week_of(first))
    while week.isoformat() <= last:
        c = by_start.get(week.isoformat(), {})
        rows.append({"week": week.isoformat(), "planned_minutes": c.get("planned_minutes", 0),
                     "done_minutes": c.get("done_minutes", 0), "done": c.get("done", 0),
                     "cancelled": c.get("cancelled", 0), "on_time": c.get("on_time", 0), "late": c.get("late", 0),
                     "plan_changes": c.get("plan_changes", 0)})
        week += timedelta(days=7)
    return rows


def categories(days: list[Rollup], names: dict[str, str]) -> dict:
    """Time per category (most minutes first) and per tag (top ``TOP_TAGS``)."""
    total = merge(r.counters for r in days)
    rows = [{"category_id": None if key == NO_CATEGORY else key, "name": names.get(key, "(none)" if key == NO_CATEGORY
                                                                                   else "(deleted)"),
             "done": c.get("done", 0), "cancelled": c.get("cancelled", 0), "minutes": c.get("minutes", 0),
             "planned_minutes": c.get("planned_minutes", 0)}
            for key, c in total.get("categories", {}).items()]
    tags = sorted(total.get("tags", {}).items(), key=lambda item: (-item[1], item[0]))
    return {"categories": sorted(rows, key=lambda r: (-r["minutes"], r["name"])),
            "tags": [{"tag": t, "minutes": m} for t, m in tags[:TOP_TAGS]],
            "other_tags_minutes": sum(m for _, m in tags[TOP_TAGS:])}


def estimates(days: list[Rollup], names: dict[str, str], learned: dict[str, int | None]) -> dict:
    """Estimate accuracy overall, by category (with the learned duration quick-add would now propose) and
    by planned-duration bucket. ``correction_factor``: multiply an estimate by it to expect the actual."""
    total = merge(r.counters for r in days)
    overall = accuracy(total.get("estimates", {}))
    by_category = []
    for key, c in total.get("categories", {}).items():
        if "estimates" in c:
            by_category.append({"category_id": None if key == NO_CATEGORY else key,
                                "name": names.get(key, "(none)" if key == NO_CATEGORY else "(deleted)"),
                                "learned_minutes": learned.get(key), **accuracy(c["estimates"])})
    durations = total.get("durations", {})
    return {"overall": overall, "correction_factor": overall["ratio"],
            "by_category": sorted(by_category, key=lambda r: (-r["tasks"], r["name"])),
            "by_duration": [{"bucket": b, **accuracy(durations.get(b, {}))} for b in DURATION_BUCKETS]}
