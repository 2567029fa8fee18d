"""The JSON problem format: defaults, and a ValidationError naming the field for bad input."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.scheduling import blocks_from_json, plan, plan_to_json, problem_from_json
from domain.scheduling.problem import MAX_TASKS


def base(**extra):
    data = {"now": "2026-05-04T08:00:00+02:00", "timezone": "Europe/Paris",
            "tasks": [{"id": "a", "duration_minutes": 60}]}
    data.update(extra)
    return data


def test_defaults_are_documented_values():
    problem = problem_from_json({"now": "2026-05-04T08:00:00Z"})
    assert problem.timezone == "UTC"
    assert problem.horizon_end - problem.now == timedelta(days=28)
    assert problem.working_hours[0] == ((540, 1020),) and 5 not in problem.working_hours
    assert problem.buffer_minutes == 0 and problem.daily_cap_minutes is None
    task = problem_from_json(base()).tasks[0]
    assert (task.priority, task.splittable, task.min_chunk_minutes, task.max_chunk_minutes) == (3, False, 30, None)
    assert task.effective_weight == 2.0
    assert task.due is None and task.depends_on == () and task.pinned == ()


def test_naive_datetimes_are_local_to_the_problem_timezone():
    problem = problem_from_json(base(now="2026-05-04T08:00:00"))
    assert problem.now.utcoffset() == timedelta(hours=2)


def test_overnight_and_24h_windows():
    problem = problem_from_json(base(working_hours={"fri": [["22:00", "02:00"]], "sat": [["00:00", "24:00"]]}))
    assert problem.working_hours[4] == ((1320, 1560),)
    assert problem.working_hours[5] == ((0, 1440),)


@pytest.mark.parametrize("data, field", [
    (base(tasks=[{"id": "a", "duration_minutes": 60}] * 1 + [{"id": "b"}, {"id": "c", "duration_minutes": 5},
                                                              {"id": "d", "duration_minutes": -5}]),
     "tasks[3].duration_minutes"),
    (base(tasks=[{"id": "a", "duration_minutes": "60"}]), "tasks[0].duration_minutes"),
    (base(tasks=[{"id": "a", "duration_minutes": True}]), "tasks[0].duration_minutes"),
    (base(timezone="Mars/Olympus"), "timezone"),
    (base(timezone="../../etc/passwd"), "timezone"),
    (base(timezone=5), "timezone"),
    (base(now="2026-02-30T10:00:00"), "now"),
    (base(now=None), "now"),
    ({"timezone": "UTC"}, "now"),
    (base(horizon_end="2026-05-01T00:00:00"), "horizon_end"),
    (base(horizon_end="2030-05-01T00:00:00"), "horizon_end"),
    (base(busy=[{"start": "2026-05-04T10:00:00", "end": "2026-05-04T09:00:00"}]), "busy[0].end"),
    (base(busy={"start": 1}), "busy"),
    (base(tasks=[{"id": "a", "duration_minutes": 30, "depends_on": ["zzz"]}]), "tasks[0].depends_on"),
    (base(tasks=[{"id": "a", "duration_minutes": 30}, {"id": "a", "duration_minutes": 30}]), "tasks[1].id"),
    (base(tasks=[{"id": "a", "duration_minutes": 30, "priority": 0}]), "tasks[0].priority"),
    (base(tasks=[{"id": "a", "duration_minutes": 30, "weight": -1}]), "tasks[0].weight"),
    (base(tasks=[{"id": "a", "duration_minutes": 30, "weight": float("nan")}]), "tasks[0].weight"),
    (base(tasks=[{"id": "a", "duration_minutes": 30, "splittable": "yes"}]), "tasks[0].splittable"),
    (base(tasks=[{"id": "a", "duration_minutes": 30, "min_chunk_minutes": 60, "max_chunk_minutes": 30}]),
     "tasks[0].max_chunk_minutes"),
    (base(tasks=[{"id": "a", "duration_minutes": 30, "due": "tomorrow"}]), "tasks[0].due"),
    (base(tasks=[{"id": "a", "duration_minutes": 30, "pinned": [{"start": "2026-05-04T10:00:00"}]}]),
     "tasks[0].pinned[0].end"),
    (base(tasks=[{"id": "a", "duration_minutes": 30, "colour": "red"}]), "tasks[0].colour"),
    (base(tasks=[{"duration_minutes": 30}]), "tasks[0].id"),
    (base(tasks="a"), "tasks"),
    (base(tasks=[{"id": str(k), "duration_minutes": 1} for k in range(MAX_TASKS + 1)]), "tasks"),
    (base(buffer_minutes=-1), "buffer_minutes"),
    (base(daily_cap_minutes=0), "daily_cap_minutes"),
    (base(working_hours={"mon": [["09:00", "25:00"]]}), "working_hours.mon[0][1]"),
    (base(working_hours={"mon": [["09:00", "09:00"]]}), "working_hours.mon[0]"),
    (base(working_hours={"monday": [["09:00", "10:00"]]}), "working_hours.monday"),
    (base(working_hours={"mon": [["9", "10:00"]]}), "working_hours.mon[0][0]"),
    (base(category_hours={"personal": {"mon": "evening"}}), "category_hours.personal.mon"),
])
def test_bad_input_names_the_field(data, field):
    with pytest.raises(ValidationError) as info:
        problem_from_json(data)
    assert field in info.value.field_errors, info.value.field_errors


def test_not_an_object():
    with pytest.raises(ValidationError):
        problem_from_json([1, 2])


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True) | st.text(max_size=30)
    | st.sampled_from(["2026-05-04T10:00:00", "24:00", "09:00", "UTC", "Europe/Paris", "a"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "duration_minutes", "due", "start", "end", "mon", "tasks", "busy",
                         "pinned", "depends_on", "working_hours", "now", "priority", "weight",
                         "splittable", "min_chunk_minutes", "max_chunk_minutes", "timezone",
                         "horizon_end", "category_hours", "earliest_start"]), inner, max_size=5),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["now", "timezone", "horizon_end", "working_hours", "busy",
                                        "buffer_minutes", "daily_cap_minutes", "tasks", "seed",
                                        "category_hours"]), JSONISH, max_size=8))
def test_garbage_only_ever_raises_validation_error(data):
    data.setdefault("now", "2026-05-04T08:00:00Z")
    try:
        problem = problem_from_json(data)
    except ValidationError as exc:
        assert exc.field_errors
        return
    plan(problem)


def test_plan_round_trip_is_json_and_blocks_parse_back():
    problem = problem_from_json(base(tasks=[{"id": "a", "duration_minutes": 90, "due": "2026-05-04T12:00:00"}]))
    out = plan_to_json(plan(problem))
    text = json.dumps(out)
    assert set(out) >= {"blocks", "unscheduled", "metrics", "lateness", "shortfalls"}
    assert set(out["metrics"]) >= {"weighted_tardiness_minutes", "late_tasks", "scheduled_tasks",
                                   "unscheduled_tasks", "moved_blocks", "runtime_ms"}
    blocks = blocks_from_json(json.loads(text)["blocks"], "Europe/Paris")
    assert blocks[0].task_id == "a"
    assert blocks[0].start == datetime(2026, 5, 4, 7, 0, tzinfo=timezone.utc)
    with pytest.raises(ValidationError):
        blocks_from_json([{"task_id": "a", "start": "x", "end": "y"}])


def attack(min_chunk: int, max_chunk: int) -> dict:
    """Issue 9's body: 60 splittable tasks of 500 minutes, all-day hours, a 365-day horizon."""
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return base(horizon_end="2027-05-03T08:00:00+02:00", working_hours={d: [["00:00", "24:00"]] for d in days},
                tasks=[{"id": f"t{k}", "duration_minutes": 500, "splittable": True,
                        "min_chunk_minutes": min_chunk, "max_chunk_minutes": max_chunk} for k in range(60)])


def test_problem_size_caps_name_the_field():
    with pytest.raises(ValidationError) as err:
        problem_from_json(attack(1, 1))
    assert "tasks[0].min_chunk_minutes" in err.value.field_errors
    with pytest.raises(ValidationError) as err:
        problem_from_json(base(tasks=[{"id": f"t{k}", "duration_minutes": 600, "splittable": True,
                                       "min_chunk_minutes": 5} for k in range(200)]))
    assert "at most 20000" in err.value.field_errors["tasks"][0]
    with pytest.raises(ValidationError) as err:
        problem_from_json(base(working_hours={"mon": [["09:00", "09:30"]] * 13}))
    assert "working_hours.mon" in err.value.field_errors


def test_the_attack_at_the_caps_is_planned_within_the_work_budget():
    problem = problem_from_json(attack(5, 5))
    result = plan(problem)
    assert result.metrics.scheduled_tasks + result.metrics.unscheduled_tasks == 60
    assert all(u.code == "truncated" for u in result.unscheduled)
