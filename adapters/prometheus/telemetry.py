"""The Telemetry port on prometheus-client.

Under ``planloom serve`` several worker processes answer requests, and a scrape reaches one of them: the
server points ``PROMETHEUS_MULTIPROC_DIR`` at a folder before the workers start, each worker writes its
figures to memory-mapped files there, and any worker's ``/metrics`` adds up every worker's
(prometheus-client's multiprocess mode). Without that folder (the worker and jobs processes, tests) the
figures are this process's own.
"""
from __future__ import annotations

from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.multiprocess import MultiProcessCollector

from ports.telemetry import Telemetry

# Request latency buckets (seconds): the API answers in milliseconds; plans and imports take longer.
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
PLAN_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 3.0, 5.0, 10.0)
TASK_BUCKETS = (10, 50, 100, 200, 500, 1000, 2000, 5000)


class PrometheusTelemetry(Telemetry):
    def __init__(self, multiprocess_dir: Path | None = None) -> None:
        """``multiprocess_dir``: the folder the server's workers share (the value of
        ``PROMETHEUS_MULTIPROC_DIR``, which prometheus-client reads when it is first imported)."""
        self.multiprocess_dir = multiprocess_dir
        self.registry = registry = CollectorRegistry(auto_describe=True)
        self.requests = Histogram(
            "planloom_http_request_duration_seconds", "HTTP requests by route template, method and status class.",
            ("route", "method", "status"), buckets=REQUEST_BUCKETS, registry=registry)
        self.commands = Histogram(
            "planloom_command_duration_seconds", "Commands handled by the message bus, with their events.",
            ("command", "outcome"), buckets=REQUEST_BUCKETS, registry=registry)
        self.plans = Histogram("planloom_plan_duration_seconds", "Scheduler runs: engine time.",
                               ("truncated",), buckets=PLAN_BUCKETS, registry=registry)
        self.plan_tasks = Histogram("planloom_plan_tasks", "Scheduler runs: tasks in the problem.",
                                    buckets=TASK_BUCKETS, registry=registry)
        self.messages = Counter("planloom_consumer_messages", "Messages taken from a queue, by outcome.",
                                ("consumer", "outcome"), registry=registry)
        self.jobs = Histogram("planloom_job_duration_seconds", "Scheduled job runs by job and outcome.",
                              ("job", "outcome"), buckets=PLAN_BUCKETS, registry=registry)
        self.deliveries = Counter("planloom_notification_deliveries", "Notification deliveries by channel.",
                                  ("channel", "outcome"), registry=registry)
        self.cache = Counter("planloom_cache_lookups", "Cache lookups by result.", ("result",), registry=registry)
        self.refused = Counter("planloom_rate_limited_requests", "Requests refused with 429, by route.",
                               ("route",), registry=registry)
        self.pending = Gauge("planloom_outbox_pending_messages", "Events written but not yet published.",
                             registry=registry, multiprocess_mode="mostrecent")
        self.lag = Gauge("planloom_outbox_lag_seconds", "Age of the oldest event not yet published (0: none).",
                         registry=registry, multiprocess_mode="mostrecent")

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(route, method, f"{status // 100}xx").observe(seconds)

    def observe_command(self, command: str, seconds: float, failed: bool) -> None:
        self.commands.labels(command, "failed" if failed else "ok").observe(seconds)

    def observe_plan(self, tasks: int, seconds: float, truncated: bool) -> None:
        self.plans.labels("yes" if truncated else "no").observe(seconds)
        self.plan_tasks.observe(tasks)

    def count_message(self, consumer: str, outcome: str) -> None:
        self.messages.labels(consumer, outcome).inc()

    def observe_job(self, job: str, outcome: str, seconds: float) -> None:
        self.jobs.labels(job, outcome).observe(seconds)

    def count_delivery(self, channel: str, outcome: str) -> None:
        self.deliveries.labels(channel, outcome).inc()

    def count_cache(self, hit: bool) -> None:
        self.cache.labels("hit" if hit else "miss").inc()

    def count_rate_limited(self, route: str) -> None:
        self.refused.labels(route).inc()

    def set_backlog(self, pending: int, oldest_age_seconds: float) -> None:
        self.pending.set(pending)
        self.lag.set(max(0.0, oldest_age_seconds))

    def exposition(self) -> tuple[bytes, str]:
        if self.multiprocess_dir is None:
            return generate_latest(self.registry), CONTENT_TYPE_LATEST
        merged = CollectorRegistry()
        MultiProcessCollector(merged, path=str(self.multiprocess_dir))
        return generate_latest(merged), CONTENT_TYPE_LATEST
