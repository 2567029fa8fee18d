"""A user's tag. Tasks refer to tags by name; names are unique per user, case-insensitively."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.errors import ValidationError
from domain.model import _checks

_NAME = re.compile(r"^[^\s,#@]+$")


def normalise_tag(name: str, field: str = "name") -> str:
    name = _checks.text(field, name, min_len=1, max_len=50).lower()
    if not _NAME.match(name):
        raise ValidationError.for_field(field, "a tag is one word without spaces, commas, # or @")
    return name


@dataclass
class Tag:
    id: UUID
    user_id: UUID
    name: str
    created_at: datetime

    def __post_init__(self) -> None:
        self.name = normalise_tag(self.name)

    def rename(self, name: str) -> None:
        self.name = normalise_tag(name)
