"""Caps on what one account may hold, set by the operator (``PLANLOOM_MAX_OPEN_TASKS``)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.errors import Conflict

if TYPE_CHECKING:
    from ports.unit_of_work import UnitOfWork

DEFAULT_MAX_OPEN_TASKS = 5_000


@dataclass(frozen=True)
class Limits:
    max_open_tasks: int = DEFAULT_MAX_OPEN_TASKS

    def ensure_room_for(self, uow: "UnitOfWork", user_id: uuid.UUID, adding: int) -> None:
        """Refuse (409) ``adding`` new open tasks when the user would pass the cap; call inside ``uow``."""
        open_now = uow.tasks.count_open(user_id)
        if open_now + adding > self.max_open_tasks:
            raise Conflict(f"you have {open_now} open tasks and may have at most {self.max_open_tasks}; "
                           "finish, cancel or delete some first")
