"""Contracts of the token and idempotency stores on every adapter."""
from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest

from adapters.memory.stores import MemoryIdempotencyStore, MemoryTokenStore
from adapters.sql.idempotency import SqlIdempotencyStore
from adapters.sql.token_store import SqlTokenStore
from ports.idempotency import StoredResponse
from ports.token_store import RefreshOutcome
from tests.factories import NOW


def _pick(backend, engine, memory, sql):
    return memory() if backend == "memory" else sql(engine)


@pytest.fixture
def tokens(backend, engine):
    return _pick(backend, engine, MemoryTokenStore, SqlTokenStore)


@pytest.fixture
def idempotency(backend, engine):
    return _pick(backend, engine, MemoryIdempotencyStore, SqlIdempotencyStore)


def _record(tokens, user_id=None, expires=NOW + timedelta(days=1)):
    jti, family = uuid.uuid4().hex, uuid.uuid4().hex
    tokens.record_refresh(jti, family, user_id or uuid.uuid4(), expires)
    return jti, family


def test_refresh_token_is_used_once_then_reuse_is_detected(tokens):
    user_id = uuid.uuid4()
    jti, family = _record(tokens, user_id)
    first = tokens.use_refresh(jti, NOW)
    assert (first.outcome, first.family_id, first.user_id) == (RefreshOutcome.OK, family, user_id)
    assert tokens.use_refresh(jti, NOW).outcome is RefreshOutcome.REUSED
    assert tokens.is_family_revoked(family, user_id) is False


def test_a_family_is_live_only_for_the_user_it_was_issued_to(tokens):
    owner, intruder = uuid.uuid4(), uuid.uuid4()
    _, family = _record(tokens, owner)
    assert tokens.family_owner(family) == owner
    assert tokens.is_family_revoked(family, intruder) is True
    assert tokens.is_family_revoked(family, owner) is False  # asking as someone else revoked nothing


def test_revoked_family_and_unknown_and_expired_tokens(tokens):
    user_id = uuid.uuid4()
    jti, family = _record(tokens, user_id)
    tokens.revoke_family(family, NOW)
    assert tokens.is_family_revoked(family, user_id) is True and tokens.family_owner(family) is None
    assert tokens.use_refresh(jti, NOW).outcome is RefreshOutcome.REVOKED
    assert tokens.use_refresh(uuid.uuid4().hex, NOW).outcome is RefreshOutcome.UNKNOWN
    assert tokens.is_family_revoked(uuid.uuid4().hex, user_id) is True  # never issued: treat as revoked
    old, _ = _record(tokens, expires=NOW - timedelta(seconds=1))
    assert tokens.use_refresh(old, NOW).outcome is RefreshOutcome.UNKNOWN
    assert tokens.purge_expired(NOW) >= 1


def test_revoke_user_revokes_all_their_families(tokens):
    user_id = uuid.uuid4()
    _, fam1 = _record(tokens, user_id)
    _, fam2 = _record(tokens, user_id)
    other_user = uuid.uuid4()
    _, other = _record(tokens, other_user)
    tokens.revoke_user(user_id, NOW)
    assert tokens.is_family_revoked(fam1, user_id) and tokens.is_family_revoked(fam2, user_id)
    assert not tokens.is_family_revoked(other, other_user)


def test_only_one_concurrent_refresh_wins(tokens, backend):
    jti, _ = _record(tokens)
    outcomes = []
    barrier = threading.Barrier(8)

    def race():
        barrier.wait()
        outcomes.append(tokens.use_refresh(jti, NOW).outcome)

    threads = [threading.Thread(target=race) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count(RefreshOutcome.OK) == 1
    assert outcomes.count(RefreshOutcome.REUSED) == 7


DAY = timedelta(hours=24)


def test_idempotency_keys_are_claimed_then_completed_per_user_and_expire(idempotency):
    alice, bob = uuid.uuid4(), uuid.uuid4()
    assert idempotency.claim(alice, "k", "h1", NOW, NOW + timedelta(minutes=1)) is None  # ours: run it
    pending = idempotency.claim(alice, "k", "h1", NOW, NOW + timedelta(minutes=1))
    assert pending.pending and pending.request_hash == "h1"  # a duplicate sees the claim
    assert idempotency.get(alice, "k", NOW).pending
    assert idempotency.claim(bob, "k", "h1", NOW, NOW + timedelta(minutes=1)) is None  # keys are per user
    response = StoredResponse("h1", 201, '{"id": 1}', {"Location": "/x"})
    idempotency.complete(alice, "k", response, NOW + DAY)
    assert idempotency.get(alice, "k", NOW) == response and not response.pending
    assert idempotency.claim(alice, "k", "h2", NOW, NOW + timedelta(minutes=1)) == response
    later = NOW + timedelta(hours=25)
    assert idempotency.get(alice, "k", later) is None
    assert idempotency.claim(alice, "k", "h3", later, later + timedelta(minutes=1)) is None  # expired: free again


def test_a_released_or_stale_claim_frees_the_key(idempotency):
    alice = uuid.uuid4()
    assert idempotency.claim(alice, "k", "h1", NOW, NOW + timedelta(minutes=1)) is None
    idempotency.release(alice, "k")  # the run failed
    assert idempotency.get(alice, "k", NOW) is None
    assert idempotency.claim(alice, "k", "h1", NOW, NOW + timedelta(minutes=1)) is None
    # its process died: the claim lapses on its own
    after = NOW + timedelta(minutes=2)
    assert idempotency.claim(alice, "k", "h1", after, after + timedelta(minutes=1)) is None
    idempotency.complete(alice, "k", StoredResponse("h1", 201, "{}", {}), after + DAY)
    idempotency.release(alice, "k")  # releasing never drops a stored response
    assert idempotency.get(alice, "k", after).status == 201


def test_only_one_concurrent_claim_wins(idempotency):
    alice, threads = uuid.uuid4(), 8
    barrier, outcomes, errors = threading.Barrier(threads), [], []

    def race():
        barrier.wait()
        try:
            outcomes.append(idempotency.claim(alice, "same", "h", NOW, NOW + timedelta(minutes=1)))
        except Exception as exc:  # noqa: BLE001 - any error is the failure
            errors.append(exc)

    workers = [threading.Thread(target=race) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert outcomes.count(None) == 1
    assert all(o.pending and o.request_hash == "h" for o in outcomes if o is not None)
