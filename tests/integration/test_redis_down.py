"""Redis down never breaks the API: the cache is bypassed, token questions go to the database.

Two kinds of outage: a closed port (redis://127.0.0.1:1), and a real Redis stopped mid-test and
restarted. The latter is a private redis-server this test starts on a free port (same binary and
options as the shared one), so stopping it cannot disturb anyone else's tests on 127.0.0.1:6379;
it is always shut down in a `finally`.
"""
from __future__ import annotations

import inspect
import logging
import socket
import subprocess
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from adapters.memory.stores import MemoryTokenStore
from adapters.redis.cache import CacheUnavailable, RedisCache
from adapters.redis.token_store import RedisTokenStore, active
from adapters.sql.engine import make_engine
from adapters.sql.token_store import SqlTokenStore
from ports.token_store import RefreshOutcome
from tests.contract import test_stores as contract
from tests.silent_listener import silent_listener

CLOSED = "redis://127.0.0.1:1/0"
TOKEN_CONTRACT = [test for name, test in vars(contract).items()
                  if name.startswith("test_") and "tokens" in inspect.signature(test).parameters]


def wait_until(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


class RedisServer:
    """A redis-server of our own on a free port, stopped and started at will."""

    def __init__(self, directory: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.dir = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.client = redis.Redis(port=self.port, socket_timeout=1, socket_connect_timeout=1,
                                  retry=Retry(NoBackoff(), 0))  # redis-py retries with back-off by default

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except redis.RedisError:
            return False

    def start(self) -> None:
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(self.port),
                        "--save", "", "--appendonly", "no", "--dir", str(self.dir),
                        "--logfile", str(self.dir / "redis.log"), "--pidfile", str(self.dir / "redis.pid")],
                       check=True, timeout=30)
        assert wait_until(self.ping), "redis-server did not answer PING"

    def stop(self, save: bool = False) -> None:
        subprocess.run(["redis-cli", "-p", str(self.port), "shutdown", "save" if save else "nosave"],
                       capture_output=True, timeout=30)
        assert wait_until(lambda: not self.ping()), "redis-server did not stop"

    def ensure_stopped(self) -> None:
        if self.ping():
            self.stop()
        pidfile = self.dir / "redis.pid"
        if pidfile.exists() and not wait_until(lambda: not pidfile.exists(), timeout=5):
            subprocess.run(["kill", pidfile.read_text().strip()], capture_output=True)  # only our own
        self.client.close()


@pytest.fixture
def server(tmp_path):
    instance = RedisServer(tmp_path)
    instance.start()
    try:
        yield instance
    finally:
        instance.ensure_stopped()


@pytest.fixture(scope="module")
def sqlite_engine(sqlite_url):
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def redis_warnings(caplog):
    caplog.set_level(logging.INFO, logger="planloom.redis")
    return lambda: [r for r in caplog.records if r.name == "planloom.redis" and r.levelno >= logging.WARNING]


OWNER = uuid.uuid4()


def _soon() -> datetime:
    return datetime.now(timezone.utc) + timedelta(days=1)


def test_a_closed_port_makes_the_cache_miss_and_warns_once(redis_warnings):
    cache = RedisCache(CLOSED, cooldown=0)  # no cooldown: every call really tries Redis
    for _ in range(100):
        assert cache.get("k") is None
        cache.set("k", b"v", 60)
        cache.delete("k", "other")
        with pytest.raises(CacheUnavailable):
            cache.incr("n", 60)
    assert len(redis_warnings()) == 1
    assert "falling back" in redis_warnings()[0].getMessage()


@pytest.mark.parametrize("fallback_kind", ["memory", "sqlite"])
def test_a_closed_port_leaves_the_token_contract_to_the_database(fallback_kind, sqlite_engine, redis_warnings):
    for test in TOKEN_CONTRACT:
        fallback = MemoryTokenStore() if fallback_kind == "memory" else SqlTokenStore(sqlite_engine)
        store = RedisTokenStore(CLOSED, fallback, prefix=f"test:{uuid.uuid4().hex}:", cooldown=0)
        arguments = {"tokens": store, "backend": fallback_kind}
        test(**{name: arguments[name] for name in inspect.signature(test).parameters})
    assert len(redis_warnings()) == len(TOKEN_CONTRACT)  # one per store (a process has one): no storm


@pytest.mark.parametrize("restart", ["empty", "from-disk"])
def test_redis_stopped_mid_test_and_restarted(restart, server, sqlite_engine, redis_warnings):
    """Stop Redis under load, revoke while it is down, restart it: answers stay right, nothing escapes."""
    read_ttl = 1.5
    store = RedisTokenStore(server.url, SqlTokenStore(sqlite_engine), prefix=f"test:{uuid.uuid4().hex}:",
                            cooldown=0, read_ttl=read_ttl)
    cache = RedisCache(server.url, prefix=f"test:{uuid.uuid4().hex}:", cooldown=0)
    alice, bob = uuid.uuid4(), uuid.uuid4()
    family = {}
    for name, user in (("a1", alice), ("a2", alice), ("b", bob)):
        family[name] = uuid.uuid4().hex
        store.record_refresh(f"jti-{family[name]}", family[name], user, _soon())
        assert store.is_family_revoked(family[name], user) is False
        assert server.client.get(store.family_key(family[name])) == active(user)
    cache.set("user:x:tasks", b"cached", 60)

    # Requests keep coming while Redis goes away and comes back.
    stop, errors, answers = threading.Event(), [], []

    def traffic():
        while not stop.is_set():
            try:
                answers.append(store.is_family_revoked(family["b"], bob))
                cache.get("user:x:tasks")
                cache.set("user:x:tasks", b"cached", 60)
            except Exception as exc:  # noqa: BLE001 - anything escaping is the failure
                errors.append(exc)
            stop.wait(0.005)

    worker = threading.Thread(target=traffic, daemon=True)
    worker.start()
    try:
        server.stop(save=restart == "from-disk")
        now = datetime.now(timezone.utc)
        assert cache.get("user:x:tasks") is None
        cache.set("user:x:tasks", b"while down", 60)
        cache.delete("user:x:tasks")
        with pytest.raises(CacheUnavailable):
            cache.incr("hits", 60)
        assert store.is_family_revoked(family["a1"], alice) is False
        store.revoke_family(family["a1"], now)
        store.revoke_user(alice, now)
        assert store.is_family_revoked(family["a1"], alice) and store.is_family_revoked(family["a2"], alice)
        assert store.is_family_revoked(family["b"], bob) is False
        assert store.use_refresh(f"jti-{family['b']}", now).outcome is RefreshOutcome.OK
        assert store.use_refresh(f"jti-{family['a2']}", now).outcome is RefreshOutcome.REVOKED
        store.record_refresh(uuid.uuid4().hex, family["b"], bob, _soon())
        assert store.purge_expired(now) >= 0
        assert redis_warnings(), "the outage is logged"
    finally:
        try:
            if not server.ping():
                server.start()
        finally:
            stop.set()
            worker.join(30)

    assert errors == [] and answers and not any(answers)
    assert len(redis_warnings()) <= 2  # one per adapter at most: no log storm
    if restart == "from-disk":
        # The stale "active" answers came back with Redis, but with their original absolute expiry.
        for name in ("a1", "a2"):
            left = server.client.pttl(store.family_key(family[name]))
            assert left <= read_ttl * 1000
    assert wait_until(lambda: store.is_family_revoked(family["a1"], alice)
                      and store.is_family_revoked(family["a2"], alice))
    assert store.is_family_revoked(family["b"], bob) is False
    cache.set("after", b"back", 60)
    assert cache.get("after") == b"back"
    assert server.client.get(cache.prefix + "after") == b"back"  # Redis is used again
    store.close()
    cache.close()


class ManualClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def black_hole():
    """A port that accepts connections and never answers (a hung or blackholed Redis)."""
    with silent_listener() as (port, accepted):
        yield f"redis://127.0.0.1:{port}/0", accepted


def test_a_redis_that_never_answers_times_out_into_a_miss_then_is_skipped(black_hole, redis_warnings):
    url, accepted = black_hole
    clock = ManualClock()
    cache = RedisCache(url, socket_timeout=0.1, cooldown=1.0, clock=clock)
    store = RedisTokenStore(url, MemoryTokenStore(), socket_timeout=0.1, cooldown=1.0, clock=clock)
    assert cache.get("k") is None
    store.record_refresh("jti", "family", OWNER, _soon())
    assert wait_until(lambda: len(accepted) == 2)
    for _ in range(20):  # within the cooldown: Redis is not even tried
        assert cache.get("k") is None
        assert store.is_family_revoked("family", OWNER) is False
    assert len(accepted) == 2 and len(redis_warnings()) == 2
    assert "TimeoutError" in redis_warnings()[0].getMessage()
    clock.now += 1.0
    assert cache.get("k") is None and store.is_family_revoked("family", OWNER) is False
    assert wait_until(lambda: len(accepted) == 4)  # tried again after the cooldown
    cache.close()
    store.close()


def test_rate_limits_count_in_memory_while_redis_is_down_and_go_back_at_once(server, redis_warnings):
    from adapters.redis.limits_storage import PREFIX, RedisLimitsStorage

    limits = RedisLimitsStorage(f"planloom+{server.url}", cooldown=0)
    key = f"test:{uuid.uuid4().hex}"
    assert [limits.incr(key, 60) for _ in range(2)] == [1, 2] and limits.get(key) == 2
    assert server.client.get(PREFIX + key) == b"2"
    server.stop()
    try:
        assert [limits.incr(key, 60) for _ in range(3)] == [1, 2, 3]  # counted in this process meanwhile
        assert limits.get(key) == 3 and limits.get_expiry(key) > time.time()
        assert redis_warnings(), "the outage is logged"
    finally:
        server.start()
    assert limits.incr(key, 60) == 1  # Redis again at the first call (it restarted empty)
    assert server.client.get(PREFIX + key) == b"1"
    limits.link.client.close()
