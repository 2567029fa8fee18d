"""Where a request's time went inside the server, told to the client in a ``Server-Timing`` header
(https://www.w3.org/TR/server-timing/), so that a load generator can split the latency it measures into
its own and the network's delay, and the server's parts:

- ``total``: from the moment the async front is handed the request (its line and headers parsed) to the
  moment its answer is ready to write, the event loop's hand-offs included;
- ``queue``: waiting for a thread of the pool (all busy, or not yet scheduled: the GIL, the CPU);
- ``app``: Flask's own wall time in that thread; ``cpu``: the CPU that thread used meanwhile; ``runq``
  (Linux): the time it was ready to run but waited for a core (the kernel's schedstat), so ``app`` less
  ``cpu`` less ``runq`` is waiting while asleep: for PostgreSQL, or for the GIL held by another thread;
- ``gc``: the cyclic garbage collector's pauses while the request was in the server (a collection
  stops every thread of the process, so any request in flight carries it).

Milliseconds with two decimals; durations only, no names of queries or users. The cost is a few clock
reads per request and two per garbage collection.
"""
from __future__ import annotations

import gc
import os
import threading
import time


class GcPauses:
    """Wall seconds spent in the cyclic garbage collector since installed, process-wide, and the
    number of collections per generation. Collections hold the GIL: no two overlap, so the running
    total needs no lock."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.collections[info["generation"]] += 1

    def install(self) -> "GcPauses":
        if self not in gc.callbacks:
            gc.callbacks.append(self)
        return self


GC_PAUSES = GcPauses()  # one per process: installed by the async front when a worker loads the app


_thread = threading.local()


def runqueue_seconds() -> float | None:
    """Seconds the calling thread has spent runnable but not running (waiting for a core), from
    ``/proc/thread-self/schedstat``, kept open per thread (a read is under a microsecond); None where
    the kernel does not tell."""
    fd = getattr(_thread, "schedstat", None)
    if fd is None:
        try:
            fd = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        except OSError:
            fd = -1
        _thread.schedstat = fd
    if fd < 0:
        return None
    try:
        return int(os.pread(fd, 64, 0).split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


def header(received: float, queued: float, started: float, finished: float, cpu: float, runq: float | None,
           done: float, gc_seconds: float) -> tuple[bytes, bytes]:
    """The ``server-timing`` header from ``time.perf_counter`` readings (seconds), ``cpu``, the pool
    thread's ``time.thread_time`` spent in the app, and ``runq``, its wait for a core meanwhile."""
    value = (f"total;dur={1000 * (done - received):.2f}, queue;dur={1000 * (started - queued):.2f}, "
             f"app;dur={1000 * (finished - started):.2f}, cpu;dur={1000 * cpu:.2f}, "
             + (f"runq;dur={1000 * runq:.2f}, " if runq is not None else "")
             + f"gc;dur={1000 * gc_seconds:.2f}")
    return b"server-timing", value.encode("ascii")


def parse(value: str) -> dict[str, float]:
    """``{"total": ms, ...}`` from a ``Server-Timing`` value (metrics without ``dur`` are left out)."""
    out = {}
    for metric in value.split(","):
        name, *params = (part.strip() for part in metric.split(";"))
        for param in params:
            key, _, number = param.partition("=")
            if key == "dur":
                try:
                    out[name] = float(number)
                except ValueError:
                    pass
    return out
