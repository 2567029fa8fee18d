"""The in-app notification repository contract."""
from __future__ import annotations

import uuid
from datetime import timedelta

from domain.model.notification import InAppNotification
from tests.factories import NOW, a_user


def _note(user, key, minutes=0):
    return InAppNotification(id=uuid.uuid4(), user_id=user.id, kind="task_overdue", title=f"t{key}", body="b",
                             created_at=NOW + timedelta(minutes=minutes), dedupe_key=key, data={"k": key})


def test_dedupe_list_read_and_since(make_uow):
    user, other = a_user(), a_user()
    with make_uow() as uow:
        uow.users.add(user)
        uow.users.add(other)
        uow.commit()
    with make_uow() as uow:
        assert uow.notifications.add(_note(user, "a", 0)) is True
        assert uow.notifications.add(_note(user, "b", 1)) is True
        assert uow.notifications.add(_note(user, "a", 2)) is False  # same dedupe key: told once
        assert uow.notifications.add(_note(other, "a", 3)) is True  # another user's key space
        uow.commit()
    with make_uow() as uow:
        items, total = uow.notifications.list(user.id, False, 0, 10)
        assert total == 2 and [n.title for n in items] == ["tb", "ta"]
        first = items[1]
        assert uow.notifications.set_read(user.id, first.id, NOW) is True
        assert uow.notifications.set_read(other.id, first.id, NOW) is False
        uow.commit()
    with make_uow() as uow:
        assert [n.title for n in uow.notifications.list(user.id, True, 0, 10)[0]] == ["tb"]
        assert uow.notifications.get(user.id, first.id).read_at == NOW
        assert uow.notifications.get(other.id, first.id) is None
        assert [n.title for n in uow.notifications.since(user.id, NOW, 10)] == ["tb"]
