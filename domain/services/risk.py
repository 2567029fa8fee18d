"""The "deadline at risk" warning, written from the plan's overload analysis (``metrics.overload``).

One warning per week whose dated work cannot all be on time: which tasks will be late and by
how much (or not fit at all), how many hours are missing before which deadline, and what would
fix it (hours to add before it, tasks to defer or drop, deadlines to move). Its dedupe key names
the week and the late tasks with their due dates, so the same situation is told once, and a
task that becomes late (or a due date that moves) is told again.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.model import PlanSummary, Task

LISTED = 5  # tasks named in the text; the payload carries all of them


@dataclass(frozen=True)
class RiskWarning:
    title: str
    body: str
    dedupe_key: str
    data: dict


def _when(iso: str, tz: ZoneInfo) -> str:
    return f"{datetime.fromisoformat(iso).astimezone(tz):%a %d %b %H:%M}"


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.1f}".removesuffix(".0") + " h"


def _names(ids: list[str], titles: dict[str, str]) -> str:
    named = [f'"{titles[i]}"' for i in ids[:LISTED]]
    more = len(ids) - len(named)
    return ", ".join(named) + (f" and {more} more" if more > 0 else "")


def _deadline(summary: PlanSummary, week: dict, tz: ZoneInfo) -> str | None:
    """The deadline of ``week`` its missing minutes were measured before (the largest shortfall)."""
    found = [s for s in summary.shortfalls if s["missing_minutes"] == week["missing_minutes"]
             and datetime.fromisoformat(s["deadline"]).astimezone(tz).date().isocalendar()[:2]
             == datetime.fromisoformat(week["week_start"]).date().isocalendar()[:2]]
    return min((s["deadline"] for s in found), default=None)


def named_tasks(summary: PlanSummary) -> set[str]:
    """The ids of the tasks the warnings for ``summary`` can name (late, to defer, deadlines to move): only
    those need to be read."""
    out: set[str] = set()
    for week in summary.metrics.get("overload", ()):
        out.update(x["task_id"] for x in week["late"])
        out.update(week["fix"]["defer"])
        out.update(m["task_id"] for m in week["fix"]["move_deadlines"])
    return out


def warnings(summary: PlanSummary, tasks: list[Task], timezone: str) -> list[RiskWarning]:
    """The warnings for ``summary``'s overloaded weeks, about the open ``tasks`` among them."""
    tz = ZoneInfo(timezone)
    names = {str(t.id): t.title for t in tasks}
    due = {str(t.id): t.due.astimezone(tz).isoformat() for t in tasks if t.due is not None}
    stamp = {str(t.id): int(t.due.timestamp()) for t in tasks if t.due is not None}  # zone-free, for the key
    finish = {x["task_id"]: x["finish"] for x in summary.lateness}
    out = []
    for week in summary.metrics.get("overload", ()):
        late = [x for x in week["late"] if x["task_id"] in names]
        if not late:
            continue
        ids = [x["task_id"] for x in late]
        deadline = _deadline(summary, week, tz)
        fix = week["fix"]
        defer = [i for i in fix["defer"] if i in names]
        moves = [m for m in fix["move_deadlines"] if m["task_id"] in names]
        lines = [f"{len(late)} task(s) due in the week of {datetime.fromisoformat(week['week_start']):%a %d %b} "
                 f"will be late:"]
        for x in late[:LISTED]:
            how = (f"about {_hours(x['late_minutes'])} late, finishing {_when(finish[x['task_id']], tz)}"
                   if x["late_minutes"] is not None and x["task_id"] in finish
                   else "not in the plan: no room was found for it before its deadline or the end of the plan")
            lines.append(f'- "{names[x["task_id"]]}": {how}')
        if len(late) > LISTED:
            lines.append(f"- and {len(late) - LISTED} more")
        if week["missing_minutes"] > 0:
            before = f" before {_when(deadline, tz)}" if deadline else ""
            lines.append(f"{_hours(week['missing_minutes'])} of working time is missing{before}.")
            lines.append("What would fix it: add about "
                         f"{fix['add_hours']} h of working time{before}"
                         + (f", or defer or drop {_names(defer, names)}" if defer else "")
                         + (", or move the deadlines" if moves else "") + ".")
        elif moves:
            lines.append("What would fix it: move the deadlines, or make room before them.")
        for m in moves[:LISTED]:
            lines.append(f'- "{names[m["task_id"]]}" to {_when(m["to"], tz)}')
        key = "|".join(sorted(f"{i}@{stamp.get(i, '')}" for i in ids))
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        title = f"At risk: {names[ids[0]]}" + (f" and {len(ids) - 1} more" if len(ids) > 1 else "")
        data = {"week_start": week["week_start"], "missing_minutes": week["missing_minutes"],
                "deadline": deadline,
                "late": [{"task_id": x["task_id"], "title": names[x["task_id"]], "due": due.get(x["task_id"]),
                          "finish": finish.get(x["task_id"]), "late_minutes": x["late_minutes"]} for x in late],
                "fix": {"add_hours": fix["add_hours"], "defer": defer, "move_deadlines": moves}}
        out.append(RiskWarning(title, "\n".join(lines), f"risk:{week['week_start']}:{digest}", data))
    return out
