"""The JSON problem and plan format (documented in docs/scheduling.md).

``problem_from_json`` validates everything and raises ``ValidationError`` whose
``field_errors`` name each offending field path, e.g. ``tasks[3].duration_minutes``;
it never raises another exception type for bad input.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain.errors import ValidationError
from domain.scheduling.problem import (DEFAULT_PRIORITY, MAX_TASKS, Block, Interval, Plan,
                                       Problem, TaskSpec, WeeklyHours)

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_HOURS: dict[str, list[list[str]]] = {d: [["09:00", "17:00"]] for d in DAYS[:5]}
DEFAULT_HORIZON_DAYS = 28
MAX_HORIZON_DAYS = 366
MAX_BUSY = 20000
MAX_DURATION = 60 * 24 * 60
MIN_CHUNK = 5  # minutes: the shortest block of a splittable task
MAX_CHUNKS = 20000  # blocks all tasks could be cut into: sum of duration / min_chunk
MAX_WINDOWS = 12  # working-hour intervals per day
TASK_FIELDS = {"id", "title", "duration_minutes", "due", "earliest_start", "priority", "weight",
               "splittable", "min_chunk_minutes", "max_chunk_minutes", "depends_on", "pinned",
               "category"}


class _Errors:
    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.fields.setdefault(path, []).append(message)

    def raise_if_any(self) -> None:
        if self.fields:
            first = next(iter(self.fields))
            raise ValidationError(f"{first}: {self.fields[first][0]}", self.fields)


def _zone(name: Any, err: _Errors) -> ZoneInfo | None:
    if not isinstance(name, str) or not name or len(name) > 64:
        err.add("timezone", "must be an IANA timezone name such as 'Europe/Paris'")
        return None
    try:
        return ZoneInfo(name)
    except Exception:  # ZoneInfoNotFoundError, ValueError, OSError for odd paths
        err.add("timezone", f"unknown timezone {name!r}")
        return None


def _datetime(value: Any, path: str, tz: ZoneInfo | None, err: _Errors) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        err.add(path, "must be an ISO 8601 date-time string")
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        err.add(path, f"not a valid ISO 8601 date-time: {value!r}")
        return None
    if moment.tzinfo is None:
        if tz is None:
            return None
        moment = moment.replace(tzinfo=tz)
    try:
        moment.astimezone(ZoneInfo("UTC"))
    except (OverflowError, ValueError):
        err.add(path, "out of range")
        return None
    if not 1970 <= moment.year <= 9000:
        err.add(path, "year out of range")
        return None
    return moment


def _int(value: Any, path: str, err: _Errors, lo: int, hi: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            (isinstance(value, float) and (not math.isfinite(value) or value != int(value))):
        err.add(path, "must be a whole number")
        return None
    value = int(value)
    if not lo <= value <= hi:
        err.add(path, f"must be between {lo} and {hi}")
        return None
    return value


def _clock(value: Any, path: str, err: _Errors, allow_24: bool) -> int | None:
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":" \
            or not (value[:2] + value[3:]).isdigit():
        err.add(path, "must be a time 'HH:MM'")
        return None
    h, m = int(value[:2]), int(value[3:])
    if (h, m) == (24, 0) and allow_24:
        return 1440
    if h > 23 or m > 59:
        err.add(path, f"not a valid time: {value!r}")
        return None
    return h * 60 + m


def _hours(value: Any, path: str, err: _Errors) -> WeeklyHours:
    out: WeeklyHours = {}
    if not isinstance(value, dict):
        err.add(path, "must be an object keyed by mon..sun")
        return out
    for key, windows in value.items():
        if key not in DAYS:
            err.add(f"{path}.{key}", "unknown day; use mon, tue, wed, thu, fri, sat, sun")
            continue
        if not isinstance(windows, list) or len(windows) > MAX_WINDOWS:
            err.add(f"{path}.{key}", f"must be a list of [start, end] pairs (at most {MAX_WINDOWS})")
            continue
        spans = []
        for k, win in enumerate(windows):
            wpath = f"{path}.{key}[{k}]"
            if not isinstance(win, (list, tuple)) or len(win) != 2:
                err.add(wpath, "must be a [start, end] pair")
                continue
            s = _clock(win[0], f"{wpath}[0]", err, allow_24=False)
            e = _clock(win[1], f"{wpath}[1]", err, allow_24=True)
            if s is None or e is None:
                continue
            if e == s:
                err.add(wpath, "start and end are equal; use ['00:00', '24:00'] for all day")
                continue
            spans.append((s, e if e > s else e + 1440))  # end before start: overnight
        out[DAYS.index(key)] = tuple(spans)
    return out


def _intervals(value: Any, path: str, tz: ZoneInfo | None, err: _Errors,
               limit: int) -> tuple[Interval, ...]:
    if not isinstance(value, list):
        err.add(path, "must be a list of {start, end}")
        return ()
    if len(value) > limit:
        err.add(path, f"at most {limit} entries")
        return ()
    out = []
    for k, item in enumerate(value):
        ipath = f"{path}[{k}]"
        if not isinstance(item, dict):
            err.add(ipath, "must be an object {start, end}")
            continue
        s = _datetime(item.get("start"), f"{ipath}.start", tz, err)
        e = _datetime(item.get("end"), f"{ipath}.end", tz, err)
        if s is not None and e is not None:
            if e <= s:
                err.add(f"{ipath}.end", "must be after start")
            else:
                out.append(Interval(s, e))
    return tuple(out)


def _task(item: Any, k: int, tz: ZoneInfo | None, err: _Errors) -> TaskSpec | None:
    path = f"tasks[{k}]"
    if not isinstance(item, dict):
        err.add(path, "must be an object")
        return None
    for key in item:
        if key not in TASK_FIELDS:
            err.add(f"{path}.{key}", "unknown field")
    tid = item.get("id")
    if isinstance(tid, bool) or not isinstance(tid, (str, int)) or str(tid) == "" or len(str(tid)) > 200:
        err.add(f"{path}.id", "required: a non-empty string (at most 200 characters)")
        tid = None
    duration = _int(item.get("duration_minutes"), f"{path}.duration_minutes", err, 1, MAX_DURATION)
    due = item.get("due")
    due = None if due is None else _datetime(due, f"{path}.due", tz, err)
    est = item.get("earliest_start")
    est = None if est is None else _datetime(est, f"{path}.earliest_start", tz, err)
    priority = _int(item.get("priority", DEFAULT_PRIORITY), f"{path}.priority", err, 1, 4)
    weight = item.get("weight")
    if weight is not None:
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) \
                or not math.isfinite(weight) or not 0 <= weight <= 1e6:
            err.add(f"{path}.weight", "must be a number between 0 and 1000000")
            weight = None
        else:
            weight = float(weight)
    splittable = item.get("splittable", False)
    if not isinstance(splittable, bool):
        err.add(f"{path}.splittable", "must be true or false")
        splittable = False
    min_chunk = _int(item.get("min_chunk_minutes", 30), f"{path}.min_chunk_minutes", err, MIN_CHUNK,
                     MAX_DURATION)
    max_chunk = item.get("max_chunk_minutes")
    if max_chunk is not None:
        max_chunk = _int(max_chunk, f"{path}.max_chunk_minutes", err, 1, MAX_DURATION)
        if max_chunk is not None and min_chunk is not None and max_chunk < min_chunk:
            err.add(f"{path}.max_chunk_minutes", "must be at least min_chunk_minutes")
    deps = item.get("depends_on", [])
    if not isinstance(deps, list) or len(deps) > 200 or \
            any(isinstance(d, bool) or not isinstance(d, (str, int)) for d in deps):
        err.add(f"{path}.depends_on", "must be a list of task ids (at most 200)")
        deps = []
    pinned = _intervals(item.get("pinned", []), f"{path}.pinned", tz, err, 200)
    category = item.get("category")
    if category is not None and (not isinstance(category, str) or len(category) > 64):
        err.add(f"{path}.category", "must be a string (at most 64 characters)")
        category = None
    if tid is None or duration is None or priority is None or min_chunk is None:
        return None
    return TaskSpec(str(tid), duration, due, est, priority, weight, splittable, min_chunk,
                    max_chunk, tuple(str(d) for d in deps), pinned, category)


def problem_from_json(data: Any) -> Problem:
    err = _Errors()
    if not isinstance(data, dict):
        raise ValidationError.for_field("$", "the problem must be a JSON object")
    tz = _zone(data.get("timezone", "UTC"), err)
    now = _datetime(data.get("now"), "now", tz, err) if "now" in data else None
    if "now" not in data:
        err.add("now", "required")
    horizon = None
    if data.get("horizon_end") is not None:
        horizon = _datetime(data["horizon_end"], "horizon_end", tz, err)
    elif now is not None:
        horizon = now + timedelta(days=DEFAULT_HORIZON_DAYS)
    if now is not None and horizon is not None:
        if horizon <= now:
            err.add("horizon_end", "must be after now")
        elif horizon - now > timedelta(days=MAX_HORIZON_DAYS):
            err.add("horizon_end", f"at most {MAX_HORIZON_DAYS} days after now")
    hours = _hours(data.get("working_hours", DEFAULT_HOURS), "working_hours", err)
    cats: dict[str, WeeklyHours] = {}
    raw_cats = data.get("category_hours", {})
    if not isinstance(raw_cats, dict) or len(raw_cats) > 20:
        err.add("category_hours", "must be an object of category -> weekly hours (at most 20)")
    else:
        for name, h in raw_cats.items():
            cats[str(name)] = _hours(h, f"category_hours.{name}", err)
    busy = _intervals(data.get("busy", []), "busy", tz, err, MAX_BUSY)
    buffer = _int(data.get("buffer_minutes", 0), "buffer_minutes", err, 0, 240)
    cap = data.get("daily_cap_minutes")
    if cap is not None:
        cap = _int(cap, "daily_cap_minutes", err, 1, 1440)
    seed = _int(data.get("seed", 0), "seed", err, 0, 2**31 - 1)
    raw_tasks = data.get("tasks", [])
    tasks: list[TaskSpec] = []
    if not isinstance(raw_tasks, list):
        err.add("tasks", "must be a list")
    elif len(raw_tasks) > MAX_TASKS:
        err.add("tasks", f"at most {MAX_TASKS} tasks")
    else:
        seen: dict[str, int] = {}
        for k, item in enumerate(raw_tasks):
            task = _task(item, k, tz, err)
            if task is None:
                continue
            if task.id in seen:
                err.add(f"tasks[{k}].id", f"duplicate id {task.id!r} (also tasks[{seen[task.id]}])")
            seen[task.id] = k
            tasks.append(task)
        for k, task in enumerate(tasks):
            for d in task.depends_on:
                if d not in seen:
                    err.add(f"tasks[{k}].depends_on", f"unknown task id {d!r}")
        chunks = sum(-(-t.duration_minutes // t.min_chunk_minutes) if t.splittable else 1 for t in tasks)
        if chunks > MAX_CHUNKS:
            err.add("tasks", f"the tasks could be cut into {chunks} blocks (duration / min_chunk_minutes "
                             f"of each splittable task); at most {MAX_CHUNKS}")
    err.raise_if_any()
    assert now is not None and horizon is not None and tz is not None
    return Problem(now=now, timezone=data.get("timezone", "UTC"), horizon_end=horizon,
                   working_hours=hours, tasks=tuple(tasks), busy=busy, buffer_minutes=buffer or 0,
                   daily_cap_minutes=cap, category_hours=cats, seed=seed or 0)


def blocks_from_json(data: Any, timezone: str = "UTC") -> list[Block]:
    """Parse a previous plan's ``blocks`` list (for stable re-planning)."""
    err = _Errors()
    tz = _zone(timezone, err)
    if not isinstance(data, list):
        raise ValidationError.for_field("blocks", "must be a list of {task_id, start, end}")
    out = []
    for k, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("task_id"), (str, int)):
            err.add(f"blocks[{k}]", "must be an object {task_id, start, end}")
            continue
        s = _datetime(item.get("start"), f"blocks[{k}].start", tz, err)
        e = _datetime(item.get("end"), f"blocks[{k}].end", tz, err)
        if s is not None and e is not None:
            if e <= s:
                err.add(f"blocks[{k}].end", "must be after start")
            else:
                out.append(Block(str(item["task_id"]), s, e, str(item.get("reason", ""))))
    err.raise_if_any()
    return out


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def plan_to_json(plan: Plan) -> dict:
    m = plan.metrics
    return {
        "blocks": [{"task_id": b.task_id, "start": _iso(b.start), "end": _iso(b.end),
                    "reason": b.reason} for b in plan.blocks],
        "unscheduled": [{"task_id": u.task_id, "reason": u.reason, "code": u.code}
                        for u in plan.unscheduled],
        "lateness": [{"task_id": x.task_id, "due": _iso(x.due), "finish": _iso(x.finish),
                      "late_minutes": x.late_minutes} for x in plan.lateness],
        "shortfalls": [{"deadline": _iso(s.deadline), "missing_minutes": s.missing_minutes,
                        "task_ids": list(s.task_ids)} for s in plan.shortfalls],
        "metrics": {
            "weighted_tardiness_minutes": m.weighted_tardiness_minutes,
            "late_tasks": m.late_tasks,
            "scheduled_tasks": m.scheduled_tasks,
            "unscheduled_tasks": m.unscheduled_tasks,
            "moved_blocks": m.moved_blocks,
            "runtime_ms": m.runtime_ms,
            "strategy": m.strategy,
            "truncated": m.truncated,
            "overload": [{"week_start": w.week_start.isoformat(), "missing_minutes": w.missing_minutes,
                          "late": [{"task_id": t, "late_minutes": mins} for t, mins in w.late],
                          "fix": {"add_hours": w.add_hours, "defer": list(w.defer),
                                  "move_deadlines": [{"task_id": t, "to": _iso(at)}
                                                     for t, at in w.move_deadlines]}}
                         for w in m.overload],
        },
    }
