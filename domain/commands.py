"""Commands: requests to change something. Small dataclasses; ``actor_id`` is who asks."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID


class Command:
    """Marker base class."""


@dataclass(frozen=True)
class RegisterUser(Command):
    email: str
    password: str
    display_name: str = ""
    timezone: str = "UTC"
    role: str = "user"


@dataclass(frozen=True)
class Authenticate(Command):
    email: str
    password: str


@dataclass(frozen=True)
class UpdateProfile(Command):
    actor_id: UUID
    display_name: str | None = None
    timezone: str | None = None


@dataclass(frozen=True)
class ChangeRole(Command):
    actor_id: UUID
    user_id: UUID
    role: str


@dataclass(frozen=True)
class SavePreferences(Command):
    actor_id: UUID
    values: dict[str, Any]


@dataclass(frozen=True)
class CreateTask(Command):
    actor_id: UUID
    values: dict[str, Any]


@dataclass(frozen=True)
class UpdateTask(Command):
    actor_id: UUID
    task_id: UUID
    changes: dict[str, Any]
    expected_version: int | None = None


@dataclass(frozen=True)
class DeleteTask(Command):
    actor_id: UUID
    task_id: UUID


@dataclass(frozen=True)
class CreateCategory(Command):
    actor_id: UUID
    name: str
    color: str | None = None


@dataclass(frozen=True)
class UpdateCategory(Command):
    actor_id: UUID
    category_id: UUID
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DeleteCategory(Command):
    actor_id: UUID
    category_id: UUID


@dataclass(frozen=True)
class CreateTag(Command):
    actor_id: UUID
    name: str


@dataclass(frozen=True)
class RenameTag(Command):
    actor_id: UUID
    tag_id: UUID
    name: str


@dataclass(frozen=True)
class DeleteTag(Command):
    actor_id: UUID
    tag_id: UUID
