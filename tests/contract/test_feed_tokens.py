"""The plan-feed token store on every adapter: one live digest per user, replaced on rotation, gone on
revocation; a digest names its owner only."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from adapters.memory.calendars import MemoryFeedTokenStore
from adapters.mongo.calendars import MongoFeedTokenStore
from adapters.sql.calendars import SqlFeedTokenStore
from adapters.sql.engine import make_engine
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain.model.calendar_feed import token_digest
from tests.factories import NOW, a_user


@pytest.fixture(params=["memory", "sqlite", "postgres", "mongo"])
def env(request):
    if request.param == "memory":
        yield MemoryFeedTokenStore(), lambda: a_user().id
        return
    if request.param == "mongo":
        store = MongoFeedTokenStore(request.getfixturevalue("mongo_url"))
        yield store, lambda: a_user().id
        store.close()
        return
    engine = make_engine(request.getfixturevalue(f"{request.param}_url"))

    def make_user():
        user = a_user()
        with SqlUnitOfWork(engine) as uow:
            uow.users.add(user)
            uow.commit()
        return user.id

    yield SqlFeedTokenStore(engine), make_user
    engine.dispose()


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
