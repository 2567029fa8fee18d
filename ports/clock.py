from __future__ import annotations

import abc
from datetime import datetime


class Clock(abc.ABC):
    """The only source of the current time. ``now()`` is timezone-aware (UTC)."""

    @abc.abstractmethod
    def now(self) -> datetime: ...
