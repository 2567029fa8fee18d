"""Wire the scheduled jobs from the container, and run them until told to stop (``planloom jobs``)."""
from __future__ import annotations

import threading

from entrypoints.jobs.jobs import ScheduledJobs
from entrypoints.jobs.scheduler import Scheduler


def build_scheduler(container, *, only: list[str] | None = None, owner: str | None = None,
                    tick_seconds: float = 30.0) -> Scheduler:
    """A scheduler over the container's bus, clock, preferences, outbox, job runs and job queries."""
    jobs = ScheduledJobs(container.bus(), container.job_queries(), container.preferences(), container.outbox())
    schedule = jobs.schedule()
    if only is not None:
        known = {job.name for job in schedule}
        unknown = set(only) - known
        if unknown:
            raise ValueError(f"unknown jobs {sorted(unknown)}; known: {sorted(known)}")
        schedule = [job for job in schedule if job.name in only]
    return Scheduler(schedule, container.job_runs(), container.clock(), owner=owner, tick_seconds=tick_seconds)


def run_in_thread(scheduler: Scheduler) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(target=scheduler.run, args=(stop,), name="jobs-scheduler", daemon=True)
    thread.start()
    return thread, stop
