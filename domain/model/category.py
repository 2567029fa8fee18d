"""A user's category: one per task at most ("work", "personal")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.errors import ValidationError
from domain.model import _checks

MAX_CATEGORY_NAME = 64
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass
class Category:
    id: UUID
    user_id: UUID
    name: str
    created_at: datetime
    color: str | None = None

    def __post_init__(self) -> None:
        self.rename(self.name)
        self.recolor(self.color)

    def rename(self, name: str) -> None:
        self.name = _checks.text("name", name, min_len=1, max_len=MAX_CATEGORY_NAME)

    def recolor(self, color: str | None) -> None:
        if color is not None and not _COLOR.match(color):
            raise ValidationError.for_field("color", "must look like #1a2b3c")
        self.color = color
