"""An e-mail address names one account on every store. On SQL it does so through ``user_emails`` (the address's
key, written with the user's row), which a database sharded by user keeps where it cannot keep a unique
``users.email``: two sign-ups of one address at the same moment still make one account, with or without that
index (deploy/README.md, "Sharding")."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError

from adapters.memory.outbound import MemoryPasswordHasher
from adapters.memory.stores import FixedClock
from adapters.sql.engine import make_engine
from adapters.sql.tables import user_emails, users
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain import commands
from domain.errors import Conflict
from domain.services.handlers.users import register_user
from tests.databases import fresh_database
from tests.factories import NOW, a_user

WAIT = 30  # seconds a sign-up waits for the other at most (a safety net: they meet at once)


def _saved(make_uow, user):
    with make_uow() as uow:
        uow.users.add(user)
        uow.commit()
    return user


def test_an_address_names_its_account_and_no_other(make_uow):
    alice, bob = _saved(make_uow, a_user()), _saved(make_uow, a_user())
    with make_uow() as uow:
        assert uow.users.get_by_email(f"  {alice.email.upper()} ") == alice
        assert uow.users.get_by_email(bob.email) == bob
        assert uow.users.get_by_email("nobody-" + alice.email) is None


def test_a_changed_address_signs_in_and_the_old_one_does_not(make_uow):
    user = _saved(make_uow, a_user())
    old, new = user.email, "renamed-" + user.email
    with make_uow() as uow:
        stored = uow.users.get(user.id)
        stored.email, stored.version = new, stored.version + 1
        uow.commit()
    with make_uow() as uow:
        assert uow.users.get_by_email(new).id == user.id and uow.users.get_by_email(old) is None
    _saved(make_uow, a_user(email=old))  # the old address is free again


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_deleting_an_account_removes_its_address(engine):
    user = _saved(lambda: SqlUnitOfWork(engine), a_user())
    with engine.begin() as conn:
        assert conn.execute(select(user_emails.c.user_id).where(user_emails.c.email == user.email)).scalar() == user.id
        conn.execute(delete(users).where(users.c.id == user.id))
        assert conn.execute(select(func.count()).select_from(user_emails)
                            .where(user_emails.c.email == user.email)).scalar() == 0


class MeetingHasher(MemoryPasswordHasher):
    """Hashes only once both sign-ups have looked the address up and found nobody (the hash comes between
    the look-up and the insert in ``register_user``): the two race for real."""

    def __init__(self) -> None:
        self.barrier = threading.Barrier(2, timeout=WAIT)

    def hash(self, password: str) -> str:
        self.barrier.wait()
        return super().hash(password)


@pytest.fixture(params=["with users.email unique", "sharded: users.email not unique"])
def postgres_engine(request):
    with fresh_database("planloom_emails") as url:
        engine = make_engine(url)
        if request.param.startswith("sharded"):  # a table distributed by id cannot keep it (Citus)
            with engine.begin() as conn:
                conn.execute(text("ALTER TABLE users DROP CONSTRAINT uq_users_email"))
        yield engine
        engine.dispose()


def test_two_sign_ups_of_one_address_at_once_make_one_account(postgres_engine):
    hasher, email, outcomes = MeetingHasher(), a_user().email, []

    def sign_up() -> None:
        try:
            cmd = commands.RegisterUser(email=email, password="correct horse battery")
            outcomes.append(register_user(cmd, SqlUnitOfWork(postgres_engine), FixedClock(NOW), hasher))
        except Exception as error:  # noqa: BLE001 - the loser's error is what is checked
            outcomes.append(error)

    threads = [threading.Thread(target=sign_up) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    accounts = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(accounts) == 1 and len(refused) == 1, outcomes
    assert isinstance(refused[0], IntegrityError), refused  # answered 409, as before (entrypoints/http/errors.py)
    with postgres_engine.connect() as conn:
        assert conn.execute(select(users.c.id).where(users.c.email == email)).scalars().all() == [accounts[0].id]
    with SqlUnitOfWork(postgres_engine) as uow:
        assert uow.users.get_by_email(email).id == accounts[0].id
    with pytest.raises(Conflict):  # afterwards the ordinary answer: the address is taken
        register_user(commands.RegisterUser(email=email, password="correct horse battery"),
                      SqlUnitOfWork(postgres_engine), FixedClock(NOW), MemoryPasswordHasher())
