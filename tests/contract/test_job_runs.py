"""The job-runs contract (lease and last run) on memory, SQLite and PostgreSQL."""
from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest

from adapters.memory.job_runs import MemoryJobRuns
from adapters.sql.job_runs import SqlJobRuns
from tests.factories import NOW

TTL = timedelta(seconds=60)


@pytest.fixture
def make_runs(backend, engine):
    """A factory of JobRuns over one store: a new object each call, as a second process would have."""
    if backend == "memory":
        shared = MemoryJobRuns()
        return lambda: shared
    return lambda: SqlJobRuns(engine)


@pytest.fixture
def name() -> str:
    return f"job-{uuid.uuid4().hex[:12]}"


def test_only_one_of_many_threads_gets_the_lock(make_runs, name):
    runs, n = make_runs(), 8
    barrier, won = threading.Barrier(n), []

    def contend(i: int) -> None:
        barrier.wait()
        if make_runs().try_lock(name, f"owner-{i}", NOW, TTL):
            won.append(i)

    threads = [threading.Thread(target=contend, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(won) == 1
    assert not runs.try_lock(name, "latecomer", NOW + timedelta(seconds=59), TTL)
    assert runs.try_lock(name, f"owner-{won[0]}", NOW + timedelta(seconds=1), TTL)  # the holder may renew


def test_unlock_releases_only_the_holders_lease(make_runs, name):
    runs = make_runs()
    assert runs.try_lock(name, "a", NOW, TTL)
    runs.unlock(name, "b")  # not the holder: nothing happens
    assert not runs.try_lock(name, "b", NOW, TTL)
    runs.unlock(name, "a")
    assert runs.try_lock(name, "b", NOW, TTL)


def test_the_lease_expires_and_a_stale_holder_cannot_record(make_runs, name):
    runs = make_runs()
    assert runs.try_lock(name, "crashed", NOW, TTL)
    assert not runs.try_lock(name, "b", NOW + TTL - timedelta(seconds=1), TTL)
    assert runs.try_lock(name, "b", NOW + TTL, TTL)  # expired: taken over
    assert runs.record_run(name, "crashed", NOW + TTL) is False
    runs.unlock(name, "crashed")  # the old holder's unlock does not release the new lease
    assert not runs.try_lock(name, "c", NOW + TTL, TTL)
    assert runs.last_run(name) is None


def test_last_run_persists_across_instances(make_runs, name):
    assert make_runs().last_run(name) is None
    runs = make_runs()
    assert runs.try_lock(name, "a", NOW, TTL)
    at = NOW + timedelta(seconds=5, microseconds=123000)
    assert runs.record_run(name, "a", at) is True
    runs.unlock(name, "a")
    later = make_runs().last_run(name)
    assert later == at and later.utcoffset() == timedelta(0)
    assert make_runs().last_run(f"{name}-other") is None
