"""Test data builders with random identifiers, so tests never collide on a shared database."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from domain.model import Category, Tag, Task, User

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def a_user(**overrides) -> User:
    values = dict(id=uuid.uuid4(), email=f"u-{uuid.uuid4().hex[:12]}@example.com", password_hash="x",
                  created_at=NOW, display_name="Someone", timezone="Europe/Paris")
    return User(**(values | overrides))


def a_task(user: User, **values) -> Task:
    values.setdefault("title", f"task {uuid.uuid4().hex[:6]}")
    return Task.create(id=uuid.uuid4(), user_id=user.id, now=values.pop("now", NOW), **values)


def a_category(user: User, name: str | None = None) -> Category:
    return Category(id=uuid.uuid4(), user_id=user.id, name=name or f"cat-{uuid.uuid4().hex[:6]}", created_at=NOW)


def a_tag(user: User, name: str) -> Tag:
    return Tag(id=uuid.uuid4(), user_id=user.id, name=name, created_at=NOW)
