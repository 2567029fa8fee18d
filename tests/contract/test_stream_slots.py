"""The StreamSlots contract on memory, the shared SQLite file and Redis (real, random key prefix), and
the per-account stream cap holding across two hubs (two server processes) that share one store.

Time passes by moving a hand clock: every adapter compares leases with the clock it is given."""
from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest
import redis

from adapters.memory.stream_slots import MemoryStreamSlots
from adapters.redis.stream_slots import RedisStreamSlots
from adapters.sql.stream_slots import SqliteStreamSlots
from entrypoints.http.streams import NotificationHub, TooManyStreams
from tests.contract.test_cache import ManualClock

REDIS_URL = "redis://127.0.0.1:6379/13"
TTL = 60


@pytest.fixture(params=["memory", "sqlite-file", "redis"])
def kind(request) -> str:
    return request.param


@pytest.fixture
def make_slots(kind, tmp_path):
    """``make_slots()``: a store as one more process would open it (same file, same Redis prefix), and
    the hand clock they all read."""
    clock, prefix, made = ManualClock(), f"test:{uuid.uuid4().hex}:", []
    memory = MemoryStreamSlots(clock)

    def make():
        if kind == "memory":
            return memory  # one process: the same object
        store = (SqliteStreamSlots(tmp_path / "ratelimits.db", clock=clock) if kind == "sqlite-file"
                 else RedisStreamSlots(REDIS_URL, fallback=MemoryStreamSlots(clock), prefix=prefix, clock=clock))
        made.append(store)
        return store

    make.clock = clock
    yield make
    if kind == "redis":
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=prefix + "*"))
        if keys:
            client.delete(*keys)
        client.close()
        for store in made:
            store.close()


def test_a_user_holds_at_most_limit_slots_and_a_release_frees_one(make_slots):
    one, other = make_slots(), make_slots()
    alice, bob = uuid.uuid4(), uuid.uuid4()
    first = one.acquire(alice, 2, TTL)
    second = other.acquire(alice, 2, TTL)
    assert first is not None and second is not None and first != second
    assert one.acquire(alice, 2, TTL) is None and other.acquire(alice, 2, TTL) is None
    assert one.acquire(bob, 2, TTL) is not None  # slots are per account
    other.release(first)
    other.release(first)  # twice changes nothing
    assert one.acquire(alice, 2, TTL) is not None
    assert one.acquire(alice, 2, TTL) is None


def test_a_lease_lapses_unless_refreshed(make_slots):
    slots, alice = make_slots(), uuid.uuid4()
    kept, dropped = slots.acquire(alice, 2, TTL), slots.acquire(alice, 2, TTL)
    make_slots.clock.now += TTL - 1
    slots.refresh([kept], TTL)
    assert slots.acquire(alice, 2, TTL) is None
    make_slots.clock.now += 2  # ``dropped`` lapsed (its process died): its slot is free, ``kept`` holds
    assert slots.acquire(alice, 2, TTL) is not None
    assert slots.acquire(alice, 2, TTL) is None
    slots.release(dropped)  # a lapsed lease released late changes nothing
    assert slots.acquire(alice, 2, TTL) is None


def test_racing_acquirers_never_take_more_than_the_limit(make_slots):
    stores, alice, start = [make_slots() for _ in range(4)], uuid.uuid4(), threading.Barrier(12)

    def take(i: int):
        start.wait()
        return stores[i % len(stores)].acquire(alice, 5, TTL)

    with ThreadPoolExecutor(12) as pool:
        taken = [lease for lease in pool.map(take, range(12)) if lease is not None]
    assert len(taken) == 5 and len(set(taken)) == 5


def test_two_hubs_sharing_the_store_cap_the_account_together(make_slots):
    """Two server processes: each has its hub; the account's streams are counted once, across both."""
    one, two = (NotificationHub(lambda user_id, after: [], per_user=3, poll_seconds=0.05, slots=make_slots())
                for _ in range(2))
    alice, bob, t0 = uuid.uuid4(), uuid.uuid4(), datetime(2026, 12, 4, tzinfo=timezone.utc)
    open_ = [(one, one.subscribe(alice, t0, print)), (two, two.subscribe(alice, t0, print)),
             (two, two.subscribe(alice, t0, print)), (one, one.subscribe(bob, t0, print))]
    for hub in (one, two):
        with pytest.raises(TooManyStreams) as refused:
            hub.subscribe(alice, t0, print)
        assert refused.value.per_user
    two.unsubscribe(open_.pop(2)[1])  # a stream closed on one process frees a slot for the other
    open_.append((one, one.subscribe(alice, t0, print)))
    assert (one.open_streams(alice), two.open_streams(alice)) == (2, 1)
    for hub, sub in open_:
        hub.unsubscribe(sub)
    assert one.open_streams() == two.open_streams() == 0
    assert one.slots.acquire(alice, 3, TTL) is not None  # every slot came back


class RecordingSlots(MemoryStreamSlots):
    def __init__(self) -> None:
        super().__init__()
        self.refreshed: list = []

    def refresh(self, leases, ttl_seconds):
        leases = list(leases)
        self.refreshed.append(leases)
        super().refresh(leases, ttl_seconds)


def test_the_hub_refreshes_the_leases_of_its_open_streams():
    slots = RecordingSlots()
    hub = NotificationHub(lambda user_id, after: [], poll_seconds=0.02, slots=slots, lease_seconds=0.15)
    sub = hub.subscribe(uuid.uuid4(), datetime(2026, 12, 4, tzinfo=timezone.utc), print)
    deadline = time.monotonic() + 30
    while not any(sub.lease in leases for leases in slots.refreshed) and time.monotonic() < deadline:
        time.sleep(0.02)
    hub.unsubscribe(sub)
    assert any(sub.lease in leases for leases in slots.refreshed)


def test_redis_away_counts_in_the_process_and_releases_there():
    fallback = MemoryStreamSlots()
    slots = RedisStreamSlots("redis://127.0.0.1:1/0", fallback=fallback, socket_timeout=0.1)
    alice = uuid.uuid4()
    first = slots.acquire(alice, 1, TTL)
    assert first is not None and slots.acquire(alice, 1, TTL) is None
    slots.refresh([first], TTL)
    slots.release(first)
    assert fallback.acquire(alice, 1, TTL) is not None  # the fallback's slot was the one freed
