"""The busy-time repository contract."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from domain.errors import ValidationError
from domain.model import BusyTime
from tests.factories import NOW, a_user


def test_busy_time_by_range_and_owner(make_uow):
    user, other = a_user(), a_user()
    with make_uow() as uow:
        uow.users.add(user)
        uow.users.add(other)
        made = [BusyTime(id=uuid.uuid4(), user_id=user.id, start=NOW + timedelta(hours=h),
                         end=NOW + timedelta(hours=h + 1), title=f"meeting {h}") for h in (0, 3, 6)]
        for busy in made:
            uow.busy.add(busy)
        uow.commit()
    with make_uow() as uow:
        found = uow.busy.list(user.id, NOW + timedelta(hours=2), NOW + timedelta(hours=7))
        assert [b.title for b in found] == ["meeting 3", "meeting 6"]
        assert uow.busy.get(other.id, made[0].id) is None and uow.busy.list(other.id) == []
        uow.busy.delete(uow.busy.get(user.id, made[0].id))
        uow.commit()
    with make_uow() as uow:
        assert [b.title for b in uow.busy.list(user.id)] == ["meeting 3", "meeting 6"]


def test_busy_time_in_bulk_keeps_to_its_owner(make_uow):
    user, other = a_user(), a_user()
    connection = uuid.uuid4()
    made = [BusyTime(id=uuid.uuid4(), user_id=user.id, start=NOW + timedelta(minutes=30 * i),
                     end=NOW + timedelta(minutes=30 * i + 30), title=f"e{i}", source="calendar",
                     connection_id=connection, external_id=f"e{i}@x") for i in range(1200)]
    with make_uow() as uow:
        uow.users.add(user)
        uow.users.add(other)
        uow.busy.add_many(made)
        uow.busy.add_many([])
        uow.commit()
    with make_uow() as uow:
        assert len(uow.busy.for_connection(user.id, connection)) == 1200
        # another user's ids delete nothing; more ids than one statement takes are deleted in chunks
        uow.busy.delete_many([BusyTime(id=b.id, user_id=other.id, start=b.start, end=b.end) for b in made[:10]])
        uow.busy.delete_many(made[:1100])
        uow.commit()
    with make_uow() as uow:
        assert sorted(b.title for b in uow.busy.for_connection(user.id, connection)) == sorted(
            f"e{i}" for i in range(1100, 1200))


def test_busy_time_invariants():
    with pytest.raises(ValidationError):
        BusyTime(id=uuid.uuid4(), user_id=uuid.uuid4(), start=NOW, end=NOW)
    with pytest.raises(ValidationError):
        BusyTime(id=uuid.uuid4(), user_id=uuid.uuid4(), start=NOW, end=NOW + timedelta(days=40))
