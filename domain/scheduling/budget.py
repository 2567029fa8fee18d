"""The engine's guard against work that grows without bound (issue 9, denial of service).

Work is counted in units: one unit per job placed and per free span a placement visits
or cuts (``Placer.work``), so it follows the real cost of a problem, its chunks and
horizon included. The engine gets ``units_for(...)`` units, which scale with the size of
the problem, and an optional ``stop`` check injected by the caller (for example a
deadline read from the service layer's ``Clock``: the domain never reads the time). When
either runs out, the engine returns the best plan it has, tasks it did not reach are
reported as unscheduled with code ``truncated``, and ``metrics.truncated`` is true.
"""
from __future__ import annotations

from typing import Callable

UNITS_PER_SIZE = 1000  # units per job, free span and possible chunk of the problem ...
MIN_UNITS = 1_500_000  # ... at least this many (normal plans of 1,000 tasks use ~1 M) ...
MAX_UNITS = 5_000_000  # ... and at most this many: a few seconds of CPU whatever the size
SEARCH_UNITS = 250_000  # the local search's share: its placements are capped to fit in it
UNBLOCK_UNITS = 500_000  # the share of its moves for tasks left out behind a dependency
STOP_EVERY = 256  # units between two calls of the stop check


def units_for(jobs: int, spans: int, chunks: int) -> int:
    """The work budget of a problem with this many jobs, free spans and possible chunks."""
    return min(MAX_UNITS, max(MIN_UNITS, UNITS_PER_SIZE * (jobs + spans + chunks)))


class Guard:
    def __init__(self, units: int, stop: Callable[[], bool] | None = None):
        self.left = units
        self.stop = stop
        self.tripped = False
        self._next_check = 0  # the first piece of work asks the stop check at once

    def spend(self, units: int) -> bool:
        """Count ``units`` of work; True once the budget or the stop check says stop."""
        self.left -= units
        if self.left < 0:
            self.tripped = True
        elif self.stop is not None:
            self._next_check -= units
            if self._next_check <= 0:
                self._next_check = STOP_EVERY
                if self.stop():
                    self.tripped = True
        return self.tripped


UNLIMITED = Guard(1 << 62)
