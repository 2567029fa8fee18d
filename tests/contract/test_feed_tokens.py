"""The plan-feed token store on every adapter: one live digest per user, replaced on rotation, gone on
revocation; a digest names its owner only."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from adapters.memory.calendars import MemoryFeedTokenStore
from adapters.mongo.calendars import MongoFeedTokenStore
from adapters.sql.calendars import SqlFeedTokenStore
from adapters.sql.engine import make_engine
from adapters.sql.tables import calendar_feed_digests as digests
from domain.model.calendar_feed import token_digest
from tests.contract._stores import DOCUMENT_BACKENDS, store_and_user_maker, user_maker
from tests.factories import NOW


@pytest.fixture(params=DOCUMENT_BACKENDS)
def env(request):
    yield from store_and_user_maker(request, MemoryFeedTokenStore, MongoFeedTokenStore, SqlFeedTokenStore)


def test_issue_rotate_revoke(env):
    store, make_user = env
    alice, bob = make_user(), make_user()
    first, second, bobs = (token_digest(uuid.uuid4().hex * 2) for _ in range(3))
    assert store.owner(first) is None and store.issued_at(alice) is None
    store.issue(alice, first, NOW)
    store.issue(bob, bobs, NOW)
    assert store.owner(first) == alice and store.owner(bobs) == bob and store.issued_at(alice) == NOW
    store.issue(alice, second, NOW + timedelta(minutes=5))  # rotation: the first stops working
    assert store.owner(first) is None and store.owner(second) == alice
    assert store.issued_at(alice) == NOW + timedelta(minutes=5)
    assert store.revoke(alice) is True and store.revoke(alice) is False
    assert store.owner(second) is None and store.issued_at(alice) is None and store.owner(bobs) == bob


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_on_sql_the_digest_lookup_holds_each_users_live_digest_only(request, backend):
    """``calendar_feed_digests`` (the digest's key, for a database sharded by user) follows issue, rotation
    and revocation; a row it still had for an old digest would not make that token work again."""
    engine = make_engine(request.getfixturevalue(f"{backend}_url"))
    store, make_user = SqlFeedTokenStore(engine), user_maker(engine)
    alice, bob = make_user(), make_user()
    first, second, bobs = (token_digest(uuid.uuid4().hex * 2) for _ in range(3))

    def lookup() -> dict:
        with engine.connect() as conn:
            return dict(conn.execute(select(digests.c.digest, digests.c.user_id)
                                     .where(digests.c.user_id.in_([alice, bob]))).all())

    store.issue(alice, first, NOW)
    store.issue(bob, bobs, NOW)
    assert lookup() == {first: alice, bobs: bob}
    store.issue(alice, second, NOW)
    assert lookup() == {second: alice, bobs: bob}
    store.revoke(alice)
    assert lookup() == {bobs: bob}
    store.issue(alice, second, NOW)
    with engine.begin() as conn:  # a row for an old digest, as a lost write could leave
        conn.execute(insert(digests).values(digest=first, user_id=alice))
    assert store.owner(first) is None and store.owner(second) == alice
    engine.dispose()
