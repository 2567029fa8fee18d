"""Helpers for contract suites of stores with a MongoDB adapter too (imported by the test modules)."""
from __future__ import annotations

from adapters.sql.engine import make_engine
from adapters.sql.unit_of_work import SqlUnitOfWork
from tests.factories import a_user

DOCUMENT_BACKENDS = ["memory", "sqlite", "postgres", "mongo"]  # stores that also have a MongoDB adapter


def user_maker(engine):
    """A maker of users stored in ``engine``'s database, for stores whose rows must name a real user."""

    def make_user():
        user = a_user()
        with SqlUnitOfWork(engine) as uow:
            uow.users.add(user)
            uow.commit()
        return user.id

    return make_user


def store_and_user_maker(request, memory, mongo, sql):
    """Yields (store, make_user) on ``request.param`` (one of DOCUMENT_BACKENDS): ``memory()``,
    ``mongo(url)`` or ``sql(engine)`` builds the store; Mongo and SQL stores are closed afterwards."""
    if request.param == "memory":
        yield memory(), lambda: a_user().id
    elif request.param == "mongo":
        store = mongo(request.getfixturevalue("mongo_url"))
        yield store, lambda: a_user().id
        store.close()
    else:
        engine = make_engine(request.getfixturevalue(f"{request.param}_url"))
        yield sql(engine), user_maker(engine)
        engine.dispose()
