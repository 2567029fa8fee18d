"""Job runs and their lease in process memory (one process; the SQL adapter spans processes)."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta

from ports.job_runs import JobRuns


class MemoryJobRuns(JobRuns):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[str, dict] = {}

    def _row(self, name: str) -> dict:
        return self._rows.setdefault(name, {"last_run_at": None, "locked_until": None, "locked_by": None})

    def try_lock(self, name: str, owner: str, now: datetime, ttl: timedelta) -> bool:
        with self._lock:
            row = self._row(name)
            if row["locked_until"] is not None and row["locked_until"] > now and row["locked_by"] != owner:
                return False
            row["locked_until"], row["locked_by"] = now + ttl, owner
            return True

    def unlock(self, name: str, owner: str) -> None:
        with self._lock:
            row = self._row(name)
            if row["locked_by"] == owner:
                row["locked_until"], row["locked_by"] = None, None

    def last_run(self, name: str) -> datetime | None:
        with self._lock:
            return self._rows.get(name, {}).get("last_run_at")

    def record_run(self, name: str, owner: str, at: datetime) -> bool:
        with self._lock:
            row = self._row(name)
            if row["locked_by"] != owner:
                return False
            row["last_run_at"] = at
            return True
