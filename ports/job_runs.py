"""Where scheduled jobs remember when they last ran, and the lease that lets one process run a job at a time."""
from __future__ import annotations

import abc
from datetime import datetime, timedelta


class JobRuns(abc.ABC):
    """One row per job name. ``now`` always comes from the caller's Clock, so tests drive time.

    The lock is a lease: it expires at ``now + ttl`` so a crashed holder cannot block the job forever.
    Only the holder (``owner``) can record a run or release the lease.
    """

    @abc.abstractmethod
    def try_lock(self, name: str, owner: str, now: datetime, ttl: timedelta) -> bool:
        """Take the lease when nobody holds an unexpired one (or ``owner`` already does). Atomic."""

    @abc.abstractmethod
    def unlock(self, name: str, owner: str) -> None:
        """Release the lease if ``owner`` holds it; otherwise do nothing."""

    @abc.abstractmethod
    def last_run(self, name: str) -> datetime | None:
        """When the job last completed, or None if it never did."""

    @abc.abstractmethod
    def record_run(self, name: str, owner: str, at: datetime) -> bool:
        """Remember a completed run; False (and nothing written) when ``owner`` no longer holds the lease."""
