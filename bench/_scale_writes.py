"""Writes for ``bench/scale.py``: the edits a signed-in user makes to their own open tasks, sent as
``PATCH /api/v1/tasks/{id}``, and the re-plan each such change costs the scheduling consumer.

The API's cost of a write (``planloom serve`` with ``PLANLOOM_BACKGROUND=0``, as in production) is the
update and its outbox row in one transaction; the re-plan runs later in ``planloom worker``, so it is
measured here apart: the consumer's own handler (``entrypoints.consumers.registry.replan``) on a bus
built by the container against the same large database, in this process, timed with
``time.process_time`` and the CPU of the PostgreSQL backends it opened (``application_name``
``bench-replan``), as ``bench/api.py``'s ``CpuMeter`` reads them."""
from __future__ import annotations

import json
import random
import secrets
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import _load
from api import backends_cpu, http

FIELDS = ("title", "priority", "duration_minutes", "due")  # what a person changes on a task, equally often
REPLAN_APP = "bench-replan"


@dataclass
class OpenTask:
    """What the edit generator knows of one open task: enough to make every edit a real change."""
    id: str
    title: str
    priority: int
    duration: int
    min_chunk: int
    sent: dict[str, list] = field(default_factory=dict)  # field -> values already sent (the last two count)


class Edits:
    """Edits of the signed-in users' own open tasks. Each edit changes one field to a value the task
    does not have (nor had one edit ago, so two edits of one task that cross on the wire still both
    change it): an unchanged field would make the PATCH a no-op that writes nothing and costs less."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng, self.now, self.count = rng, now, 0
        self.tasks: dict[str, list[OpenTask]] = {}  # token -> its user's open tasks

    def collect(self, base: str, token: str) -> int:
        """The user's open tasks (the first page of up to 100): how many."""
        status, _, body = http("GET", f"{base}/api/v1/tasks?status=todo&page=1&page_size=100", token)
        if status != 200:
            raise RuntimeError(f"listing open tasks failed: {status} {body}")
        found = [OpenTask(t["id"], t["title"], t["priority"], t["duration_minutes"], t["min_chunk_minutes"] or 5)
                 for t in body]
        if found:
            self.tasks[token] = found
        return len(found)

    def _fresh(self, task: OpenTask, name: str, current, choices) -> object:
        recent = {current, *task.sent.get(name, [])[-2:]}
        value = self.rng.choice([c for c in choices if c not in recent])
        task.sent.setdefault(name, []).append(value)
        return value

    def change(self, task: OpenTask) -> dict:
        """One field's new value, as the SPA sends it."""
        self.count += 1
        name = self.rng.choice(FIELDS)
        if name == "title":  # a counter keeps every title new
            return {"title": f"{task.title.split(' (edit ')[0]} (edit {self.count})"}
        if name == "priority":
            return {"priority": self._fresh(task, name, task.priority, (1, 2, 3, 4))}
        if name == "duration_minutes":  # never below the task's smallest chunk (a 422 otherwise)
            return {"duration_minutes": self._fresh(task, name, task.duration,
                                                    range(max(15, task.min_chunk), 481, 15))}
        due = self.now.replace(minute=0, second=0) + timedelta(hours=self.rng.randrange(2, 24 * 30))
        return {"due": self._fresh(task, name, None, [due, due + timedelta(hours=1)]).strftime("%Y-%m-%dT%H:%M:%SZ")}

    def requests(self, n: int = 2000) -> list[_load.Request]:
        """``n`` PATCHes, each of a random signed-in user's random open task; build them afresh for every
        segment (a list replayed would send values the tasks already have)."""
        tokens = list(self.tasks)
        out = []
        for _ in range(n):
            token = self.rng.choice(tokens)
            task = self.rng.choice(self.tasks[token])
            body = json.dumps(self.change(task)).encode()
            out.append(_load.Request("PATCH", f"/api/v1/tasks/{task.id}", {
                "Authorization": f"Bearer {token}", "Content-Type": "application/json"}, body))
        return out


@dataclass
class ReplanCost:
    users: int
    worker_ms: list[float]   # the consumer process's CPU per re-plan after one change (each)
    pg_ms: float             # its PostgreSQL backends' CPU per re-plan after one change (mean)
    first_worker_ms: float   # the first re-plan of a seeded user (the seeded blocks are not the engine's)
    first_pg_ms: float
    seconds: float           # wall clock of the measured re-plans, per re-plan

    @property
    def worker_mean_ms(self) -> float:
        return sum(self.worker_ms) / max(1, len(self.worker_ms))

    def pct(self, q: float) -> float:
        return _load.percentile(sorted(self.worker_ms), q)


def _backends(dsn: str, db_name: str) -> dict[int, float]:
    return backends_cpu(dsn, db_name, REPLAN_APP)


def _since(before: dict[int, float], dsn: str, db_name: str) -> float:
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in _backends(dsn, db_name).items())


def replan_cost(dsn: str, db_name: str, user_indexes: list[int], ident, rng: random.Random, now: datetime,
                log) -> ReplanCost:
    """The first of ``user_indexes`` warms up; per other sampled user: a first re-plan (measured on its own:
    it replaces the seeded blocks), one change of an open task through the bus (``UpdateTask``, as the API
    makes it; not measured), then the measured re-plan, through the scheduling consumer's handler with the
    ``TaskUpdated`` message the relay would deliver (inbox claim, lock, engine, blocks replaced, plan and
    ``ScheduleChanged`` written). Not in it: kombu's receive and ack, and the relay's publishing."""
    from entrypoints.config import Settings
    from entrypoints.container import build_container

    folder = Path(tempfile.mkdtemp(prefix="planloom-replan-"))
    container = build_container(Settings(data_dir=folder, database_url=f"{dsn}?application_name={REPLAN_APP}",
                                         secret_key=secrets.token_urlsafe(48)))
    try:
        cost = _measure(container, dsn, db_name, [ident(1, i) for i in user_indexes], Edits(rng, now), rng)
    finally:
        container.engine().dispose()
        shutil.rmtree(folder, ignore_errors=True)
    log(f"re-plans of {cost.users} users: {cost.worker_mean_ms:.1f} ms worker CPU (p50 {cost.pct(50):.1f}, "
        f"p99 {cost.pct(99):.1f}) + {cost.pg_ms:.1f} ms PostgreSQL per change, {1000 * cost.seconds:.0f} ms wall; "
        f"first re-plan of a seeded plan {cost.first_worker_ms:.1f} + {cost.first_pg_ms:.1f} ms")
    return cost


def _measure(container, dsn: str, db_name: str, user_ids: list, edits: Edits, rng: random.Random) -> ReplanCost:
    from domain import commands
    from entrypoints.consumers.registry import replan
    from ports.outbox import OutboxMessage

    bus = container.bus()
    handle = replan(bus, debounce=0.0)  # no waiting: the message is handed over as it is published
    warm, *users = user_ids
    bus.handle(commands.ReplanSchedule(user_id=warm))  # not measured: the pool's connection, first imports
    before, cpu0 = _backends(dsn, db_name), time.process_time()
    for user_id in users:
        bus.handle(commands.ReplanSchedule(user_id=user_id))
    first_worker, first_pg = time.process_time() - cpu0, _since(before, dsn, db_name)

    messages = []
    for user_id in users:
        with container.engine().connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, title, priority, duration_minutes, min_chunk_minutes FROM tasks "
                "WHERE user_id = %(u)s AND status = 'todo' LIMIT 20", {"u": user_id}).all()
        if not rows:
            continue
        row = rng.choice(rows)
        changes = edits.change(OpenTask(str(row[0]), row[1], row[2], row[3], row[4] or 5))
        if "due" in changes:
            changes["due"] = datetime.strptime(changes["due"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        bus.handle(commands.UpdateTask(actor_id=user_id, task_id=row[0], changes=changes))
        published = datetime.now(timezone.utc)
        messages.append(OutboxMessage(uuid.uuid4(), "TaskUpdated", {
            "user_id": str(user_id), "task_id": str(row[0]), "fields": sorted(changes)}, published, published))

    worker_ms = []
    before, started = _backends(dsn, db_name), time.perf_counter()
    for message in messages:
        cpu0 = time.process_time()
        handle(message)
        worker_ms.append(1000 * (time.process_time() - cpu0))
    seconds = time.perf_counter() - started
    n, m = max(1, len(messages)), max(1, len(users))
    return ReplanCost(len(messages), worker_ms, 1000 * _since(before, dsn, db_name) / n, 1000 * first_worker / m,
                      1000 * first_pg / m, seconds / n)
