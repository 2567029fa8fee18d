"""A person who uses Planloom, and what their role lets them do."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.errors import PermissionDenied, ValidationError
from domain.model import _checks


class Role(str, enum.Enum):
    USER = "user"
    ADMIN = "admin"


class Permission(str, enum.Enum):
    MANAGE_USERS = "manage_users"
    FINE_TUNE = "fine_tune"  # start paid fine-tuning jobs on the server's language-model account


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.USER: frozenset(),
    Role.ADMIN: frozenset({Permission.MANAGE_USERS, Permission.FINE_TUNE}),
}


@dataclass
class User:
    id: UUID
    email: str
    password_hash: str
    created_at: datetime
    display_name: str = ""
    timezone: str = "UTC"
    role: Role = Role.USER
    is_active: bool = True
    version: int = 1
    events: list = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.email = _checks.email("email", self.email)
        self.display_name = _checks.text("display_name", self.display_name, max_len=100)
        self.timezone = _checks.timezone("timezone", self.timezone)
        self.role = Role(self.role)

    def can(self, permission: Permission) -> bool:
        return self.is_active and permission in _GRANTS[self.role]

    def require(self, permission: Permission) -> None:
        """The one place role-based access is decided."""
        if not self.can(permission):
            raise PermissionDenied(f"this action needs the {permission.value!r} permission")

    def update_profile(self, *, display_name: str | None = None, timezone: str | None = None) -> None:
        if display_name is not None:
            self.display_name = _checks.text("display_name", display_name, max_len=100)
        if timezone is not None:
            self.timezone = _checks.timezone("timezone", timezone)
        self.version += 1

    def change_role(self, role: Role | str) -> None:
        try:
            self.role = Role(role)
        except ValueError:
            raise ValidationError.for_field("role", f"must be one of {[r.value for r in Role]}") from None
        self.version += 1
