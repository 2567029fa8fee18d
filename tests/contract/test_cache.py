"""The Cache contract on MemoryCache and SqliteFileCache (hand-moved clock) and RedisCache (real Redis,
random key prefix).

Time passes by `advance(seconds)`: the memory clock moves; on Redis every key of the test's prefix
has its remaining life cut by the same amount (PEXPIRE), which is what waiting would do. No sleeps.
"""
from __future__ import annotations

import threading
import uuid

import pytest
import redis

from adapters.memory.cache import MemoryCache
from adapters.sql.file_cache import SqliteFileCache
from adapters.redis.cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/13"


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", "sqlite-file", "redis"])
def cached(request, tmp_path):
    """(cache, advance): the cache under test and a way to make time pass for it."""
    if request.param in ("memory", "sqlite-file"):
        clock = ManualClock()

        def advance(seconds: float) -> None:
            clock.now += seconds

        yield (MemoryCache(clock=clock) if request.param == "memory"
               else SqliteFileCache(tmp_path / "counters.db", clock=clock)), advance
        return
    prefix = f"test:{uuid.uuid4().hex}:"
    client = redis.Redis.from_url(REDIS_URL)

    def advance(seconds: float) -> None:
        for key in client.scan_iter(match=prefix + "*"):
            left = client.pttl(key)
            if left > 0:
                if left - seconds * 1000 <= 0:
                    client.delete(key)
                else:
                    client.pexpire(key, int(left - seconds * 1000))

    cache = RedisCache(REDIS_URL, prefix=prefix)
    try:
        yield cache, advance
    finally:
        cache.close()
        keys = list(client.scan_iter(match=prefix + "*"))
        if keys:
            client.delete(*keys)
        client.close()


@pytest.fixture
def cache(cached):
    return cached[0]


def test_a_missing_key_misses(cache):
    assert cache.get("nothing-here") is None


def test_set_get_overwrite_and_delete(cache):
    cache.set("a", b"\x00one", 60)
    cache.set("b", b"two", 60)
    cache.set("c", b"three", 60)
    assert (cache.get("a"), cache.get("b")) == (b"\x00one", b"two")
    cache.set("a", b"uno", 60)
    assert cache.get("a") == b"uno"
    cache.delete("a", "b", "never-set")
    cache.delete()
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (None, None, b"three")


def test_entries_expire_after_their_ttl(cached):
    cache, advance = cached
    cache.set("short", b"s", 10)
    cache.set("long", b"l", 100)
    advance(5)
    assert (cache.get("short"), cache.get("long")) == (b"s", b"l")
    advance(10)
    assert (cache.get("short"), cache.get("long")) == (None, b"l")
    cache.set("short", b"again", 10)  # an expired key can be set again
    assert cache.get("short") == b"again"


def test_a_non_positive_ttl_keeps_nothing(cache):
    cache.set("k", b"old", 60)
    cache.set("k", b"new", 0)
    assert cache.get("k") is None
    cache.set("k", b"new", -5)
    assert cache.get("k") is None


def test_incr_counts_within_a_window_that_starts_at_the_first_hit(cached):
    cache, advance = cached
    assert [cache.incr("hits", 60) for _ in range(3)] == [1, 2, 3]
    assert cache.get("hits") == b"3"
    advance(40)
    assert cache.incr("hits", 60) == 4  # later hits do not push the window back
    advance(30)
    assert cache.get("hits") is None
    assert cache.incr("hits", 60) == 1


def test_incr_of_a_value_that_is_no_integer_is_refused(cache):
    cache.set("text", b"abc", 60)
    with pytest.raises(ValueError):
        cache.incr("text", 60)
    assert cache.get("text") == b"abc"


def test_concurrent_increments_are_all_counted(cache):
    barrier = threading.Barrier(8)

    def hammer():
        barrier.wait()
        for _ in range(50):
            cache.incr("shared", 60)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.get("shared") == b"400"


def test_redis_keys_live_under_the_prefix_with_the_ttl_asked():
    client = redis.Redis.from_url(REDIS_URL)
    one, two = (RedisCache(REDIS_URL, prefix=f"test:{uuid.uuid4().hex}:") for _ in range(2))
    try:
        one.set("user:1:schedule", b"mine", 7)
        assert two.get("user:1:schedule") is None
        assert client.get(one.prefix + "user:1:schedule") == b"mine"
        assert 0 < client.pttl(one.prefix + "user:1:schedule") <= 7000
    finally:
        client.delete(one.prefix + "user:1:schedule")
        one.close()
        two.close()
        client.close()


def test_memory_cache_stays_within_its_size():
    clock = ManualClock()
    cache = MemoryCache(clock=clock, max_entries=3)
    cache.set("old", b"1", 5)
    cache.set("a", b"2", 100)
    cache.set("b", b"3", 100)
    clock.now += 10
    cache.set("c", b"4", 100)  # the expired entry makes room
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (b"2", b"3", b"4")
    cache.set("d", b"5", 100)  # then the oldest write goes
    assert (cache.get("a"), cache.get("d")) == (None, b"5")
    assert cache.incr("e", 100) == 1
    assert len(cache._entries) == 3
