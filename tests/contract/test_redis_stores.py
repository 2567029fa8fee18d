"""The token-store contract on RedisTokenStore (real Redis), over each fallback: memory, SQLite, PostgreSQL.

The contract's token tests are taken from `test_stores` as they are, with the `tokens` fixture
overridden; then the Redis-specific promises: answers are cached, and revocations are seen at once.
"""
from __future__ import annotations

import inspect
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import redis

from adapters.memory.stores import MemoryTokenStore
from adapters.redis.token_store import REVOKED, RedisTokenStore, active
from adapters.sql.token_store import SqlTokenStore
from ports.token_store import RefreshOutcome, TokenStore
from tests.contract import test_stores as _contract

REDIS_URL = "redis://127.0.0.1:6379/13"

# Every contract test that takes the `tokens` fixture, under its own name (so new ones join here too).
for _name, _test in vars(_contract).items():
    if _name.startswith("test_") and "tokens" in inspect.signature(_test).parameters:
        globals()[_name] = _test


@pytest.fixture(scope="module")
def redis_client():
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    client.close()


@pytest.fixture
def prefix(redis_client):
    """A random key prefix per test; every key under it is deleted afterwards."""
    value = f"test:{uuid.uuid4().hex}:"
    yield value
    keys = list(redis_client.scan_iter(match=value + "*"))
    if keys:
        redis_client.delete(*keys)


class CountingStore(TokenStore):
    """A fallback that counts the revocation lookups reaching it."""

    def __init__(self, inner: TokenStore) -> None:
        self.inner, self.lookups, self.after_lookup = inner, 0, None

    def record_refresh(self, *args):
        return self.inner.record_refresh(*args)

    def use_refresh(self, *args):
        return self.inner.use_refresh(*args)

    def revoke_family(self, *args):
        return self.inner.revoke_family(*args)

    def family_owner(self, family_id):
        self.lookups += 1
        owner = self.inner.family_owner(family_id)
        if self.after_lookup is not None:
            self.after_lookup()
        return owner

    def revoke_user(self, *args):
        return self.inner.revoke_user(*args)

    def purge_expired(self, *args):
        return self.inner.purge_expired(*args)


@pytest.fixture(params=["memory", "sqlite", "postgres"], ids=lambda b: f"redis-over-{b}")
def backend(request) -> str:
    return request.param


@pytest.fixture
def fallback(backend, engine):
    return CountingStore(MemoryTokenStore() if backend == "memory" else SqlTokenStore(engine))


@pytest.fixture
def tokens(fallback, prefix):
    store = RedisTokenStore(REDIS_URL, fallback, prefix=prefix)
    yield store
    store.close()


def _soon(days: int = 1) -> datetime:
    """Expiries relative to the wall clock, so the Redis keys live (NOW of the factories is in the past)."""
    return datetime.now(timezone.utc) + timedelta(days=days)


OWNER = uuid.uuid4()  # the user of _record's families unless told otherwise


def _record(tokens, user_id=OWNER):
    jti, family = uuid.uuid4().hex, uuid.uuid4().hex
    tokens.record_refresh(jti, family, user_id, _soon())
    return jti, family


def _revoked(tokens, family, user_id=OWNER):
    return tokens.is_family_revoked(family, user_id)


def test_answers_are_cached_in_redis(tokens, fallback, redis_client):
    _, family = _record(tokens)
    assert _revoked(tokens, family) is False
    assert _revoked(tokens, family) is False
    assert fallback.lookups == 1
    assert redis_client.get(tokens.family_key(family)) == active(OWNER)
    assert 0 < redis_client.pttl(tokens.family_key(family)) <= tokens.read_ttl * 1000


def test_a_cached_family_is_live_only_for_its_owner(tokens, fallback):
    _, family = _record(tokens)
    assert _revoked(tokens, family) is False
    assert _revoked(tokens, family, uuid.uuid4()) is True  # from the cache: same answer as the database
    assert _revoked(tokens, family) is False and fallback.lookups == 1


def test_revoking_a_cached_family_is_seen_at_once(tokens, redis_client):
    _, family = _record(tokens)
    assert _revoked(tokens, family) is False
    tokens.revoke_family(family, datetime.now(timezone.utc))
    assert _revoked(tokens, family) is True
    assert redis_client.get(tokens.family_key(family)) == REVOKED


def test_revoking_a_user_reaches_their_cached_families(tokens):
    user_id = uuid.uuid4()
    families = [_record(tokens, user_id)[1] for _ in range(3)]
    _, other = _record(tokens)
    assert not any(_revoked(tokens, f, user_id) for f in families) and not _revoked(tokens, other)
    tokens.revoke_user(user_id, datetime.now(timezone.utc))
    assert all(_revoked(tokens, f, user_id) for f in families)
    assert _revoked(tokens, other) is False


def test_a_refused_token_marks_its_family_revoked_in_redis(tokens, redis_client):
    jti, family = _record(tokens)
    tokens.fallback.revoke_family(family, datetime.now(timezone.utc))  # revoked behind Redis' back
    redis_client.delete(tokens.family_key(family))
    assert tokens.use_refresh(jti, datetime.now(timezone.utc)).outcome is RefreshOutcome.REVOKED
    assert redis_client.get(tokens.family_key(family)) == REVOKED


def test_a_family_cached_as_unknown_becomes_active_when_recorded(tokens):
    family = uuid.uuid4().hex
    assert _revoked(tokens, family) is True  # never issued: revoked, and cached as such
    tokens.record_refresh(uuid.uuid4().hex, family, OWNER, _soon())
    assert _revoked(tokens, family) is False


def test_a_stale_active_entry_never_outlives_the_read_ttl(tokens, redis_client, prefix):
    """A revocation whose Redis write was lost (another process, Redis unreachable for it) is bounded."""
    _, family = _record(tokens)
    assert _revoked(tokens, family) is False
    blind = RedisTokenStore("redis://127.0.0.1:1/0", tokens.fallback, prefix=prefix)
    blind.revoke_family(family, datetime.now(timezone.utc))  # database only
    key = tokens.family_key(family)
    assert redis_client.get(key) == active(OWNER) and 0 < redis_client.pttl(key) <= tokens.read_ttl * 1000
    redis_client.delete(key)  # what its expiry does, at the latest read_ttl after the read
    assert _revoked(tokens, family) is True
    blind.close()


def test_an_active_answer_read_before_a_revocation_never_overwrites_it(tokens, fallback):
    _, family = _record(tokens)
    # The race: this lookup reads "active" from the database, then the family is revoked (database
    # and Redis) before the lookup writes its answer to Redis.
    fallback.after_lookup = lambda: tokens.revoke_family(family, datetime.now(timezone.utc))
    assert _revoked(tokens, family) is False  # true when it was read
    fallback.after_lookup = None
    assert _revoked(tokens, family) is True


def test_the_user_set_lives_as_long_as_their_tokens(tokens, redis_client):
    user_id = uuid.uuid4()
    tokens.record_refresh(uuid.uuid4().hex, uuid.uuid4().hex, user_id, _soon(days=1))
    tokens.record_refresh(uuid.uuid4().hex, uuid.uuid4().hex, user_id, _soon(days=30))
    tokens.record_refresh(uuid.uuid4().hex, uuid.uuid4().hex, user_id, _soon(days=2))  # never shortens it
    assert redis_client.scard(tokens.user_key(user_id)) == 3
    assert redis_client.pttl(tokens.user_key(user_id)) > timedelta(days=29).total_seconds() * 1000


def test_an_active_answer_expires_read_ttl_after_the_database_read_began(fallback, prefix, redis_client):
    clock = [1000.0]
    store = RedisTokenStore(REDIS_URL, fallback, prefix=prefix, read_ttl=5.0, clock=lambda: clock[0])
    slow, too_slow = _record(store)[1], _record(store)[1]

    def read_takes(seconds):
        def advance():
            clock[0] += seconds
        return advance

    fallback.after_lookup = read_takes(4.0)
    assert _revoked(store, slow) is False
    assert 0 < redis_client.pttl(store.family_key(slow)) <= 1000  # 5 s from the read, 4 s of which are gone
    fallback.after_lookup = read_takes(5.0)
    assert _revoked(store, too_slow) is False
    assert redis_client.exists(store.family_key(too_slow)) == 0  # too old to be cached at all
    store.close()
