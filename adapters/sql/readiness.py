"""The readiness question, asked with its own deadline: a database that accepts connections but never
answers makes ``/readyz`` report 503 when the deadline passes instead of hanging with it."""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor, TimeoutError as FutureTimeout

from sqlalchemy import text
from sqlalchemy.pool import NullPool

from adapters.sql.engine import make_engine


class ReadinessProbe:
    """``SELECT 1`` on a fresh connection (not the request pool: a pool drained by a hung database
    must not make the probe wait for a slot). At most one question is in flight: while an earlier
    one is still waiting on a hung server, later checks answer "not ready" at once."""

    def __init__(self, url: str, deadline_seconds: float = 2.0) -> None:
        self.deadline = deadline_seconds
        self._engine = make_engine(url, poolclass=NullPool, connect_timeout=deadline_seconds,
                                   statement_timeout_ms=int(deadline_seconds * 1000))
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="readiness")
        self._lock = threading.Lock()
        self._pending: Future | None = None

    def _ask(self) -> None:
        with self._engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def problem(self) -> str | None:
        """None when the database answered within the deadline, else why not."""
        with self._lock:
            if self._pending is not None and not self._pending.done():
                return "an earlier readiness check is still waiting for the database"
            self._pending = pending = self._executor.submit(self._ask)
        try:
            pending.result(timeout=self.deadline)
        except FutureTimeout:
            return f"the database did not answer within {self.deadline:g} s"
        except Exception as exc:  # noqa: BLE001 - any failure to reach the database means not ready
            return f"{type(exc).__name__}: {exc}".splitlines()[0]
        return None

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._engine.dispose()
