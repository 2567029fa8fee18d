"""The job loop: every tick, each job that is due runs once across all job processes, over the window
since its last successful run.

Per job and tick: skip unless ``every`` has passed since ``last_run``; take the lease (``JobRuns.try_lock``);
re-read ``last_run`` (another process may have just finished it); run over ``Window(since, now)``; record
``now``; release. ``since`` is the last run, clamped to ``now - catch_up``: a process that was down catches
up on at most ``catch_up`` of missed time, and a first run looks back that far. A run that raises is not
recorded, so the next tick retries the same window (every job is idempotent: dedupe keys, debounced
re-plans). The lease expires after ``lock_ttl`` so a crashed holder cannot block a job forever.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from ports.clock import Clock
from ports.job_runs import JobRuns
from ports.telemetry import Telemetry

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Window:
    """The time a run covers: ``since < t <= now``."""

    since: datetime
    now: datetime


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Window], int]  # returns how many commands it handed to the bus
    every: timedelta
    catch_up: timedelta


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Scheduler:
    def __init__(self, jobs: list[Job], runs: JobRuns, clock: Clock, *, owner: str | None = None,
                 tick_seconds: float = 30.0, lock_ttl: timedelta = timedelta(minutes=10),
                 telemetry: Telemetry | None = None) -> None:
        names = [job.name for job in jobs]
        if len(set(names)) != len(names):
            raise ValueError(f"job names must be unique: {names}")
        self.jobs, self.runs, self.clock = jobs, runs, clock
        self.owner = owner or default_owner()
        self.tick_seconds, self.lock_ttl = tick_seconds, lock_ttl
        self.ran: Counter[str] = Counter()       # runs this process completed, per job
        self.failures: Counter[str] = Counter()  # runs that raised, per job
        self.telemetry = telemetry

    def _due(self, job: Job, now: datetime) -> tuple[bool, datetime | None]:
        last = self.runs.last_run(job.name)
        return last is None or now - last >= job.every, last

    def run_job(self, job: Job) -> int | None:
        """Run ``job`` if it is due and no other process holds it; its command count, or None if skipped."""
        now = self.clock.now()
        if not self._due(job, now)[0] or not self.runs.try_lock(job.name, self.owner, now, self.lock_ttl):
            return None
        started = time.perf_counter()
        try:
            due, last = self._due(job, now)  # read again under the lease: someone may have just run it
            if not due:
                return None
            since = max(last, now - job.catch_up) if last is not None else now - job.catch_up
            count = job.run(Window(since, now))
            if not self.runs.record_run(job.name, self.owner, now):
                log.warning("job %s outlived its lease; its run was not recorded", job.name)
            self.ran[job.name] += 1
            self._observe(job.name, "ok", started)
            return count
        except Exception:
            self.failures[job.name] += 1
            self._observe(job.name, "failed", started)
            log.exception("job %s failed; the next tick retries its window", job.name)
            return None
        finally:
            self.runs.unlock(job.name, self.owner)

    def _observe(self, job: str, outcome: str, started: float) -> None:
        if self.telemetry is not None:
            self.telemetry.observe_job(job, outcome, time.perf_counter() - started)

    def run_pending(self) -> dict[str, int]:
        """One tick: every due job, in order. Returns the command counts of the jobs that ran here."""
        done = {}
        for job in self.jobs:
            count = self.run_job(job)
            if count is not None:
                done[job.name] = count
        return done

    def run(self, stop: threading.Event) -> None:
        log.info("jobs scheduler %s started: %s", self.owner, ", ".join(job.name for job in self.jobs))
        while not stop.is_set():
            try:
                self.run_pending()
            except Exception:  # the job-runs store is away: try again next tick
                log.exception("jobs tick failed")
            stop.wait(self.tick_seconds)
