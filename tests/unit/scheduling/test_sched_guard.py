"""The engine's guard (issue 9): a deadline from the caller's clock stops a long run."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from domain.scheduling import plan, problem_from_json
from domain.services.planning import deadline
from sched_invariants import check_plan


class TickingClock:
    """A clock that moves on by ``step`` each time it is read: a stand-in for real time."""

    def __init__(self, step: timedelta):
        self.at = datetime(2026, 3, 2, 8, tzinfo=timezone.utc)
        self.step = step

    def now(self) -> datetime:
        self.at += self.step
        return self.at


def test_the_deadline_trips_once_its_seconds_have_passed_on_the_clock():
    clock = TickingClock(timedelta(seconds=1))
    stop = deadline(clock.now, seconds=3)
    assert [stop(), stop(), stop()] == [False, False, True]


def test_a_run_past_its_deadline_returns_a_valid_plan_marked_truncated():
    data = {"now": "2026-03-02T08:00:00+01:00", "timezone": "Europe/Paris",
            "horizon_end": "2026-03-30T00:00:00+01:00",
            "tasks": [{"id": f"t{k}", "duration_minutes": 45 + k % 7 * 15, "priority": 1 + k % 4,
                       "due": f"2026-03-{3 + k % 20:02d}T17:00:00+01:00"} for k in range(120)]}
    problem = problem_from_json(data)
    clock = TickingClock(timedelta(milliseconds=50))
    result = plan(problem, stop=deadline(clock.now, seconds=2))
    check_plan(problem, result)
    assert result.metrics.truncated
    assert not plan(problem).metrics.truncated
