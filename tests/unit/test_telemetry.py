"""Telemetry: prometheus-client's multiprocess mode adds up every process's figures; the memory consumer,
the job scheduler and notification delivery report what happened to each message, run and attempt."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from adapters.memory.outbound import MemoryConsumer, MemoryEmailSender, MemoryEventPublisher
from adapters.prometheus.telemetry import PrometheusTelemetry
from domain import commands
from domain.errors import NotFound
from entrypoints.config import Settings
from entrypoints.container import build_container
from entrypoints.jobs.scheduler import Job, Scheduler
from ports.notifications import DeliveryFailed
from ports.outbox import OutboxMessage
from tests.factories import NOW
from tests.prometheus_text import samples, value

ROOT = Path(__file__).resolve().parents[2]


def exported(telemetry) -> dict:
    return samples(telemetry.exposition()[0])


def test_every_process_writing_to_the_shared_folder_is_added_up(tmp_path):
    worker = textwrap.dedent("""
        import sys
        from pathlib import Path
        from adapters.prometheus.telemetry import PrometheusTelemetry
        telemetry = PrometheusTelemetry(Path(sys.argv[1]))
        for _ in range(int(sys.argv[2])):
            telemetry.observe_request("/api/v1/tasks", "GET", 200, 0.003)
        telemetry.count_message("replan", "processed")
    """)
    for count in (3, 5):  # two "workers", each its own process and files
        subprocess.run([sys.executable, "-c", worker, str(tmp_path), str(count)], cwd=ROOT, check=True, timeout=60,
                       env={"PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert len(list(tmp_path.glob("*.db"))) >= 2
    found = exported(PrometheusTelemetry(tmp_path))
    assert value(found, "planloom_http_request_duration_seconds_count",
                 route="/api/v1/tasks", method="GET", status="2xx") == 8
    assert value(found, "planloom_consumer_messages_total", consumer="replan", outcome="processed") == 2


def test_one_process_without_a_folder_reports_its_own():
    telemetry = PrometheusTelemetry()
    telemetry.observe_job("digest", "ok", 0.2)
    telemetry.count_cache(True)
    telemetry.count_cache(False)
    telemetry.count_cache(True)
    telemetry.set_backlog(7, 12.5)
    found = exported(telemetry)
    assert value(found, "planloom_job_duration_seconds_count", job="digest", outcome="ok") == 1
    assert value(found, "planloom_cache_lookups_total", result="hit") == 2
    assert value(found, "planloom_outbox_pending_messages") == 7
    assert value(found, "planloom_outbox_lag_seconds") == 12.5


def test_the_memory_consumer_counts_each_outcome():
    telemetry, publisher = PrometheusTelemetry(), MemoryEventPublisher()

    def handle(message):
        if message.payload["kind"] == "gone":
            raise NotFound("no such task")  # permanent
        if message.payload["kind"] == "broken":
            raise RuntimeError("boom")

    consumer = MemoryConsumer(publisher, "replan", ["TaskCreated"], handle, telemetry=telemetry)
    stop = threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    assert consumer.ready.wait(5)
    for kind in ("ok", "ok", "gone", "broken"):
        consumer._on_message(OutboxMessage(uuid.uuid4(), "TaskCreated", {"kind": kind}, NOW))
    stop.set()
    thread.join(5)
    found = exported(telemetry)
    assert [value(found, "planloom_consumer_messages_total", consumer="replan", outcome=o)
            for o in ("processed", "rejected", "dead")] == [2, 1, 1]


class _Runs:
    """Job runs of one process: every lease is free."""

    def __init__(self) -> None:
        self.last = {}

    def last_run(self, name):
        return self.last.get(name)

    def try_lock(self, name, owner, now, ttl):
        return True

    def record_run(self, name, owner, now):
        self.last[name] = now
        return True

    def unlock(self, name, owner):
        pass


def test_the_scheduler_times_each_job_run_by_outcome():
    from adapters.memory.stores import FixedClock

    def flaky(window):
        raise RuntimeError("the database went away")

    telemetry, clock = PrometheusTelemetry(), FixedClock(NOW)
    jobs = [Job("digest", lambda window: 3, timedelta(minutes=1), timedelta(hours=1)),
            Job("overdue", flaky, timedelta(minutes=1), timedelta(hours=1))]
    scheduler = Scheduler(jobs, _Runs(), clock, telemetry=telemetry)
    scheduler.run_pending()
    clock.advance(minutes=2)
    scheduler.run_pending()
    found = exported(telemetry)
    assert value(found, "planloom_job_duration_seconds_count", job="digest", outcome="ok") == 2
    assert value(found, "planloom_job_duration_seconds_count", job="overdue", outcome="failed") == 2


@pytest.fixture
def container():
    container = build_container(Settings(profile="memory", secret_key="telemetry-" * 4))
    container.clock().set(NOW)
    return container


def test_deliveries_are_counted_by_channel_and_outcome(container, monkeypatch):
    bus = container.bus()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    bus.handle(commands.SavePreferences(actor_id=user.id, values={
        "timezone": "UTC", "notifications": {"channels": {"task_overdue": ["email"]}}}))

    def deliver(title: str) -> None:
        note = bus.handle(commands.Notify(user_id=user.id, kind="task_overdue", title=title, body="It is due.",
                                          dedupe_key=title))
        bus.handle(commands.DeliverNotification(user_id=user.id, notification_id=note.id, channel="email",
                                                message_id=uuid.uuid4()))

    deliver("Pay rent")
    email = container.email()
    assert isinstance(email, MemoryEmailSender)

    def refuse(*args, **kwargs):
        raise DeliveryFailed("the mail server said no")

    monkeypatch.setattr(email, "send", refuse)
    with pytest.raises(DeliveryFailed):
        deliver("Call the bank")
    found = exported(container.telemetry())
    assert value(found, "planloom_notification_deliveries_total", channel="email", outcome="sent") == 1
    assert value(found, "planloom_notification_deliveries_total", channel="email", outcome="failed") == 1
    assert value(found, "planloom_command_duration_seconds_count", command="DeliverNotification",
                 outcome="failed") == 1


def test_worker_and_jobs_processes_serve_their_metrics_on_their_own_port():
    import requests

    from entrypoints.metrics_server import serve_metrics
    from tests.live_server import free_port

    assert serve_metrics(Settings(profile="memory"), PrometheusTelemetry()) is None  # no port: nothing served
    telemetry = PrometheusTelemetry()
    telemetry.count_message("deliver", "processed")
    server = serve_metrics(Settings(profile="memory", metrics_port=free_port(), metrics_token="t" * 24), telemetry,
                           host="127.0.0.1")
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        answer = requests.get(f"{base}/metrics", timeout=5)
        assert answer.status_code == 200
        assert 'planloom_consumer_messages_total{consumer="deliver",outcome="processed"} 1.0' in answer.text
        assert requests.get(f"{base}/other", timeout=5).status_code == 404
    finally:
        server.shutdown()
    closed = serve_metrics(Settings(profile="memory", metrics_port=free_port(), metrics_networks=["10.0.0.0/8"]),
                           telemetry, host="127.0.0.1")
    try:
        base = f"http://127.0.0.1:{closed.server_address[1]}"
        assert requests.get(f"{base}/metrics", timeout=5).status_code == 403  # loopback is not in the list
    finally:
        closed.shutdown()
