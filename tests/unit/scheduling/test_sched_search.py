"""The local search on the real placement (``domain.scheduling.search``): the moves the
decoder cannot make by itself, checked against objectives derived by hand."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from domain.scheduling import greedy_plan, plan, problem_from_json
from domain.scheduling import model as mdl
from domain.scheduling import search
from domain.scheduling.budget import Guard
from sched_invariants import check_plan, minutes

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Monday 16 March 2026 is day 0 (no DST change that week)."""
    return datetime(2026, 3, 16 + day, hour, minute, tzinfo=BERLIN)


def problem(tasks, hours):
    return problem_from_json({"now": "2026-03-16T08:00:00", "timezone": "Europe/Berlin",
                              "horizon_end": "2026-03-21T00:00:00",
                              "working_hours": {d: hours for d in WEEKDAYS}, "tasks": tasks})


def test_a_long_task_gets_the_window_that_short_work_would_crowd_out():
    # Each day has one window long enough for a 3-hour task (09:00-13:00) and shorter
    # ones (14:00-16:00, 16:15-17:45). Seven urgent 30-minute tasks come before the
    # long task in every order (priority and due date), so placing in order fills
    # 09:00-12:30 and pushes the long task to Tuesday; no small step in the order helps
    # until it comes before almost all of them. All fit on Monday: the long task in
    # 09:00-12:00 and the short ones in the 30 + 120 + 90 minutes that are left.
    hours = [["09:00", "13:00"], ["14:00", "16:00"], ["16:15", "17:45"]]
    tasks = [{"id": "long", "duration_minutes": 180, "priority": 4, "due": "2026-03-16T18:00:00"}]
    tasks += [{"id": f"s{k}", "duration_minutes": 30, "priority": 1, "due": "2026-03-16T17:50:00"}
              for k in range(7)]
    p = problem(tasks, hours)

    greedy = greedy_plan(p)
    (long_block,) = [b for b in greedy.blocks if b.task_id == "long"]
    assert long_block.end == at(1, 12)  # Tuesday 09:00-12:00
    assert greedy.metrics.weighted_tardiness_minutes == 1.0 * minutes(at(0, 18), at(1, 12))

    result = plan(p)
    check_plan(p, result)
    assert result.metrics.weighted_tardiness_minutes == 0
    assert result.metrics.late_tasks == 0
    (long_block,) = [b for b in result.blocks if b.task_id == "long"]
    assert (long_block.start, long_block.end) == (at(0, 9), at(0, 12))


def test_late_jobs_far_apart_in_the_order_are_exchanged_by_time_neighbours():
    # Two tasks released on Wednesday 09:00 are already late (due Monday 10:00): the
    # cheaper order puts the heavier, shorter one first (8 per minute against 1 per
    # minute). Fillers sit between them in the order, so the random moves rarely
    # bring the heavy one just before the light one; the neighbour pass tries that first.
    hours = [["09:00", "17:00"]]
    tasks = [{"id": "light", "duration_minutes": 30, "priority": 4, "due": "2026-03-16T10:00:00",
              "earliest_start": "2026-03-18T09:00:00"}]
    tasks += [{"id": f"f{k}", "duration_minutes": 60} for k in range(5)]
    tasks += [{"id": "heavy", "duration_minutes": 10, "priority": 1, "due": "2026-03-16T10:00:00",
               "earliest_start": "2026-03-18T09:00:00"}]
    p = problem(tasks, hours)
    m = mdl.build(p, None)
    start = search.evaluate(m, list(range(len(tasks))), False, set(), "input")
    due = at(0, 10)
    assert start.key[0] == 1 * minutes(due, at(2, 9, 30)) + 8 * minutes(due, at(2, 9, 40))

    best = search._time_neighbours(m, start, set(), budget=20)
    assert best.key[0] == 8 * minutes(due, at(2, 9, 10)) + 1 * minutes(due, at(2, 9, 40))
    assert best.order.index(6) < best.order.index(0)  # heavy now goes before light


def _urgent_behind_its_dependency() -> tuple[mdl.Model, search.Candidate]:
    """A full week of dated fillers placed before "prep" and "urgent", which depends on it."""
    hours = [["09:00", "17:00"]]
    tasks = [{"id": f"f{k}", "duration_minutes": 60, "priority": 2, "due": "2026-03-20T17:00:00"}
             for k in range(40)]
    tasks += [{"id": "prep", "duration_minutes": 60, "priority": 4},
              {"id": "urgent", "duration_minutes": 30, "priority": 1, "due": "2026-03-16T12:00:00",
               "depends_on": ["prep"]}]
    m = mdl.build(problem(tasks, hours), None)
    return m, search.evaluate(m, list(range(len(tasks))), False, set(), "input")


def test_an_urgent_task_left_out_behind_its_dependency_is_moved_up_with_it():
    # Monday to Friday 09:00-17:00 (2,400 minutes) are filled by forty 60-minute p2 tasks
    # due Friday 17:00. "urgent" (p1, 30 min, due Monday 12:00) depends on "prep"
    # (undated, 60 min). In the order fillers -> prep -> urgent the fillers take every
    # minute, prep finds no room and urgent is left out behind it: 8 per minute from its
    # due date to the horizon. Moved up in front of the fillers that end in the last 90
    # minutes before 12:00 (the chain's work), prep runs 10:00-11:00 and urgent
    # 11:00-11:30, on time; the 09:00 filler keeps its place; two fillers no longer fit
    # (2 x 4 per minute from Friday 17:00 to the horizon, Saturday 00:00) and the other
    # 38 finish by Friday 17:00.
    m, start = _urgent_behind_its_dependency()
    horizon = datetime(2026, 3, 21, tzinfo=BERLIN)
    assert start.decoded.failed[41].startswith("dependency_unscheduled")
    assert start.key[0] == 8 * minutes(at(0, 12), horizon)

    best = search._unblock(m, start, set(), budget=5)
    assert best.key[0] == 2 * 4 * minutes(at(4, 17), horizon)
    assert best.decoded.chunks[40] == [(m.axis.floor(at(0, 10)), m.axis.floor(at(0, 11)))]
    assert best.decoded.finish[41] == m.axis.floor(at(0, 11, 30))
    assert best.decoded.chunks[0] == [(m.axis.floor(at(0, 9)), m.axis.floor(at(0, 10)))]
    assert search._unblock(m, start, set(), budget=5).order == best.order  # deterministic


def test_unblocking_stops_short_of_the_work_budget():
    # The same kind of overload, but the search may not spend the units left: no move is
    # placed, so the plan is never cut short by the search (metrics.truncated stays false).
    m, start = _urgent_behind_its_dependency()
    m.guard = Guard(1000)
    m.search_floor = 1000
    assert search._unblock(m, start, set(), budget=5) is start
    assert not m.guard.tripped and m.guard.left == 1000
