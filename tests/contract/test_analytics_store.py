"""The analytics store on every adapter: memory, SQLite, PostgreSQL and MongoDB (nx-27017, or a real server
when PLANLOOM_TEST_MONGO_URL is set)."""
from __future__ import annotations

import uuid

import pytest

from adapters.memory.analytics import MemoryAnalyticsStore
from adapters.sql.analytics import SqlAnalyticsStore
from adapters.sql.engine import make_engine
from domain.analytics.facts import DAY, WEEK, PlanChange, QuickAddFact, Rollup, TaskFact


@pytest.fixture(params=["memory", "sqlite", "postgres", "mongo"])
def store(request):
    if request.param == "memory":
        yield MemoryAnalyticsStore()
    elif request.param == "mongo":
        from adapters.mongo.analytics import MongoAnalyticsStore

        mongo = MongoAnalyticsStore(request.getfixturevalue("mongo_url"))
        yield mongo
        mongo.close()
    else:
        engine = make_engine(request.getfixturevalue(f"{request.param}_url"))
        yield SqlAnalyticsStore(engine)
        engine.dispose()


def fact(user_id, day="2026-03-02", **values) -> TaskFact:
    values = dict(user_id=user_id, task_id=uuid.uuid4(), status="done", day=day, hour=9, planned_minutes=30,
                  actual_minutes=45, category=str(uuid.uuid4()), tags=("deep.work", "$x"), late_minutes=-5) | values
    return TaskFact(**values)


def test_a_fact_round_trips_and_a_second_write_replaces_it(store):
    user_id = uuid.uuid4()
    first = fact(user_id)
    assert store.get_fact(user_id, first.task_id) is None
    store.put_fact(first)
    assert store.get_fact(user_id, first.task_id) == first
    moved = fact(user_id, task_id=first.task_id, day="2026-03-04", status="cancelled", actual_minutes=None,
                 category=None, tags=(), late_minutes=None)
    store.put_fact(moved)
    assert store.get_fact(user_id, first.task_id) == moved
    assert store.facts_on(user_id, "2026-03-02") == []
    assert store.facts_on(user_id, "2026-03-04") == [moved]
    store.delete_fact(user_id, first.task_id)
    assert store.get_fact(user_id, first.task_id) is None
    store.delete_fact(user_id, first.task_id)  # deleting twice is fine


def test_facts_of_a_day_are_the_owners_only_in_task_order(store):
    user_id, other = uuid.uuid4(), uuid.uuid4()
    mine = [fact(user_id) for _ in range(3)]
    for item in [*mine, fact(user_id, day="2026-03-03"), fact(other)]:
        store.put_fact(item)
    assert store.facts_on(user_id, "2026-03-02") == sorted(mine, key=lambda f: str(f.task_id))
    assert store.get_fact(other, mine[0].task_id) is None


def quick_add(user_id, day="2026-03-02", **values) -> QuickAddFact:
    values = dict(user_id=user_id, task_id=uuid.uuid4(), record_id=uuid.uuid4(), day=day,
                  fields=("title", "due")) | values
    return QuickAddFact(**values)


def test_a_quick_add_round_trips_and_a_second_write_replaces_it(store):
    user_id, other = uuid.uuid4(), uuid.uuid4()
    first = quick_add(user_id, fields=())
    assert store.get_quick_add(user_id, first.task_id) is None
    store.put_quick_add(first)
    store.put_quick_add(first)  # a replay
    assert store.get_quick_add(user_id, first.task_id) == first
    assert store.get_quick_add(other, first.task_id) is None
    corrected = quick_add(user_id, task_id=first.task_id, record_id=first.record_id, fields=("priority", "tags"))
    store.put_quick_add(corrected)
    assert store.get_quick_add(user_id, first.task_id) == corrected
    moved = quick_add(user_id, task_id=first.task_id, record_id=first.record_id, day="2026-03-03")
    store.put_quick_add(moved)
    assert store.quick_adds_on(user_id, "2026-03-02") == []
    assert store.quick_adds_on(user_id, "2026-03-03") == [moved]
    store.delete_quick_add(user_id, first.task_id)
    assert store.get_quick_add(user_id, first.task_id) is None
    store.delete_quick_add(user_id, first.task_id)  # deleting twice is fine


def test_quick_adds_of_a_day_are_the_owners_only_in_task_order(store):
    user_id, other = uuid.uuid4(), uuid.uuid4()
    mine = [quick_add(user_id, fields=f) for f in ((), ("title",), ("category", "recurrence"))]
    for item in [*mine, quick_add(user_id, day="2026-03-03"), quick_add(other)]:
        store.put_quick_add(item)
    assert store.quick_adds_on(user_id, "2026-03-02") == sorted(mine, key=lambda f: str(f.task_id))
    assert len(store.quick_adds_on(other, "2026-03-02")) == 1


def test_a_plan_change_is_stored_once_per_event(store):
    user_id, event_id = uuid.uuid4(), uuid.uuid4()
    change = PlanChange(user_id=user_id, event_id=event_id, day="2026-03-02", moved_blocks=3, late_tasks=1)
    assert store.put_plan_change(change) is True
    assert store.put_plan_change(PlanChange(user_id=user_id, event_id=event_id, day="2026-03-05", moved_blocks=9,
                                            late_tasks=0)) is False
    assert store.plan_changes(user_id, "2026-03-02", "2026-03-02") == [change]
    assert store.plan_changes(user_id, "2026-03-05", "2026-03-05") == []
    assert store.plan_changes(uuid.uuid4(), "2026-03-02", "2026-03-02") == []
    later = PlanChange(user_id=user_id, event_id=uuid.uuid4(), day="2026-03-09", moved_blocks=1, late_tasks=0,
                       missed_blocks=2)
    store.put_plan_change(later)
    assert store.plan_changes(user_id, "2026-03-01", "2026-03-31") == [change, later]


def test_rollups_are_read_by_period_and_range_in_order_and_empty_ones_vanish(store):
    user_id, other = uuid.uuid4(), uuid.uuid4()
    counters = {"done": 2, "tags": {"deep.work": 30, "$x": 5}, "hours": {"09": 2}}
    for start in ("2026-03-04", "2026-03-02", "2026-03-03", "2026-04-01"):
        store.put_rollup(Rollup(user_id=user_id, period=DAY, start=start, counters=counters))
    store.put_rollup(Rollup(user_id=user_id, period=WEEK, start="2026-03-02", counters={"done": 6}))
    store.put_rollup(Rollup(user_id=other, period=DAY, start="2026-03-03", counters={"done": 1}))
    found = store.rollups(user_id, DAY, "2026-03-02", "2026-03-31")
    assert [r.start for r in found] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    assert found[0].counters == counters and found[0].user_id == user_id and found[0].period == DAY
    found[0].counters["done"] = 99  # a caller's change is not the store's
    assert store.rollups(user_id, DAY, "2026-03-02", "2026-03-02")[0].counters["done"] == 2
    assert [r.counters for r in store.rollups(user_id, WEEK, "2026-03-02", "2026-03-02")] == [{"done": 6}]
    store.put_rollup(Rollup(user_id=user_id, period=DAY, start="2026-03-03", counters={"done": 1}))
    store.put_rollup(Rollup(user_id=user_id, period=DAY, start="2026-03-04", counters={}))
    assert [(r.start, r.counters) for r in store.rollups(user_id, DAY, "2026-03-03", "2026-03-04")] == [
        ("2026-03-03", {"done": 1})]


def test_clear_user_forgets_only_that_user(store):
    user_id, other = uuid.uuid4(), uuid.uuid4()
    for owner in (user_id, other):
        store.put_fact(fact(owner))
        store.put_quick_add(quick_add(owner))
        store.put_plan_change(PlanChange(user_id=owner, event_id=uuid.uuid4(), day="2026-03-02", moved_blocks=1,
                                         late_tasks=0))
        store.put_rollup(Rollup(user_id=owner, period=DAY, start="2026-03-02", counters={"done": 1}))
    store.clear_user(user_id)
    assert store.facts_on(user_id, "2026-03-02") == []
    assert store.quick_adds_on(user_id, "2026-03-02") == []
    assert store.plan_changes(user_id, "2026-03-02", "2026-03-02") == []
    assert store.rollups(user_id, DAY, "2026-01-01", "2026-12-31") == []
    assert len(store.facts_on(other, "2026-03-02")) == 1
    assert len(store.quick_adds_on(other, "2026-03-02")) == 1
    assert len(store.plan_changes(other, "2026-03-02", "2026-03-02")) == 1
    assert len(store.rollups(other, DAY, "2026-01-01", "2026-12-31")) == 1


def test_replace_user_swaps_facts_and_rollups_in_bulk_and_keeps_plan_changes(store):
    user_id, other = uuid.uuid4(), uuid.uuid4()
    stale, stale_quick = fact(user_id), quick_add(user_id)
    store.put_fact(stale)
    store.put_quick_add(stale_quick)
    store.put_fact(fact(other))
    store.put_quick_add(quick_add(other))
    store.put_rollup(Rollup(user_id=user_id, period=DAY, start="2026-01-01", counters={"done": 5}))
    change = PlanChange(user_id=user_id, event_id=uuid.uuid4(), day="2026-03-02", moved_blocks=2, late_tasks=0)
    store.put_plan_change(change)
    fresh = [fact(user_id, day="2026-03-0%d" % (n % 3 + 1)) for n in range(1500)]  # more than one batch
    rollups = [Rollup(user_id=user_id, period=DAY, start="2026-03-01", counters={"done": 1, "tags": {"a.b": 3}}),
               Rollup(user_id=user_id, period=DAY, start="2026-03-02", counters={}),
               Rollup(user_id=user_id, period=WEEK, start="2026-02-23", counters={"done": 1})]
    quick = [quick_add(user_id, day="2026-03-0%d" % (n % 2 + 1), fields=() if n % 3 else ("start",))
             for n in range(1100)]
    store.replace_user(user_id, fresh, rollups, quick)
    assert store.get_fact(user_id, stale.task_id) is None
    assert store.get_quick_add(user_id, stale_quick.task_id) is None
    assert len(store.quick_adds_on(user_id, "2026-03-01")) == 550
    assert store.get_quick_add(user_id, quick[3].task_id) == quick[3]
    assert len(store.facts_on(user_id, "2026-03-01")) == 500 and store.get_fact(user_id, fresh[7].task_id) == fresh[7]
    assert [(r.period, r.start, r.counters) for r in store.rollups(user_id, DAY, "2026-01-01", "2026-12-31")] == [
        (DAY, "2026-03-01", {"done": 1, "tags": {"a.b": 3}})]
    assert [r.start for r in store.rollups(user_id, WEEK, "2026-01-01", "2026-12-31")] == ["2026-02-23"]
    assert store.plan_changes(user_id, "2026-03-02", "2026-03-02") == [change]
    assert len(store.facts_on(other, "2026-03-02")) == 1
    assert len(store.quick_adds_on(other, "2026-03-02")) == 1


def test_a_reader_during_a_rebuild_never_finds_the_user_empty(store):
    """A rebuild writes the same keys again: a reader in the middle sees each rollup and fact, old or new,
    never a gap (the Mongo store has no transaction to hide one)."""
    import threading

    user_id = uuid.uuid4()
    days = ["2026-%02d-%02d" % (1 + n // 28, 1 + n % 28) for n in range(100)]
    facts = [fact(user_id, day=days[n % len(days)]) for n in range(1000)]
    old = [Rollup(user_id=user_id, period=DAY, start=day, counters={"done": 1}) for day in days]
    new = [Rollup(user_id=user_id, period=DAY, start=day, counters={"done": 2}) for day in days]
    store.replace_user(user_id, facts, old, [])
    seen: list[tuple[int, int]] = []
    started, done = threading.Event(), threading.Event()

    def read() -> None:
        while True:
            finished = done.is_set()
            found = store.rollups(user_id, DAY, "2026-01-01", "2026-12-31")
            seen.append((len(found), len(store.facts_on(user_id, days[-1]))))
            started.set()
            if finished:
                return

    reader = threading.Thread(target=read)
    reader.start()
    started.wait()
    store.replace_user(user_id, facts, new, [])
    done.set()
    reader.join()
    assert len(seen) >= 2
    assert set(seen) == {(len(days), 10)}  # every rollup and every fact of the last day, in every read
    assert [r.counters for r in store.rollups(user_id, DAY, days[0], days[0])] == [{"done": 2}]
