"""The scheduled jobs' scheduler as the container builds it (``planloom jobs``, or a background thread)."""
from __future__ import annotations

from entrypoints.jobs.scheduler import Scheduler


def build_scheduler(container, *, only: list[str] | None = None, owner: str | None = None,
                    tick_seconds: float = 30.0) -> Scheduler:
    """The container's scheduler over its jobs, or the ``only`` named ones (ValueError for unknown names)."""
    return container.scheduler(only=only, owner=owner, tick_seconds=tick_seconds)
