"""What each process counts and times for the operations view (dashboards, alerts): requests, commands,
plans, consumed messages, jobs, deliveries, cache lookups, rate-limit refusals and the outbox backlog.

Labels are bounded by construction: a route is its template (``/api/v1/tasks/<uuid:task_id>``), never
the path a client sent; statuses are counted by class; commands, consumers, jobs and channels are names
from the code. Nothing a user types becomes a label.
"""
from __future__ import annotations

import abc
from contextvars import ContextVar

OUTCOMES = ("processed", "retried", "dead", "rejected")  # of a consumed message

# The id of the request (or of the consumed message's original request) being served in this context:
# set by the HTTP middleware and by the consumers; every event written to the outbox carries it on, so one
# id follows a change from the request through the broker into every consumer and the events they raise.
REQUEST_ID: ContextVar[str | None] = ContextVar("planloom_request_id", default=None)


class Telemetry(abc.ABC):
    @abc.abstractmethod
    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        """One HTTP request answered: ``route`` is the matched rule's template (or ``unmatched``)."""

    @abc.abstractmethod
    def observe_command(self, command: str, seconds: float, failed: bool) -> None:
        """One command handled by the message bus, with the events it raised."""

    @abc.abstractmethod
    def observe_plan(self, tasks: int, seconds: float, truncated: bool) -> None:
        """One scheduler run: how many tasks it placed or left out, its engine time, and whether the work
        budget or the deadline cut it short."""

    @abc.abstractmethod
    def count_message(self, consumer: str, outcome: str) -> None:
        """One message taken from a queue: ``outcome`` is one of ``OUTCOMES``."""

    @abc.abstractmethod
    def observe_job(self, job: str, outcome: str, seconds: float) -> None:
        """One scheduled job run: ``ok``, ``failed`` or ``skipped`` (another process held its lease)."""

    @abc.abstractmethod
    def count_delivery(self, channel: str, outcome: str) -> None:
        """One notification delivery attempt on ``channel``: ``sent`` or ``failed``."""

    @abc.abstractmethod
    def count_cache(self, hit: bool) -> None: ...

    @abc.abstractmethod
    def count_rate_limited(self, route: str) -> None:
        """One request refused with 429, on ``route`` (its template)."""

    @abc.abstractmethod
    def set_backlog(self, pending: int, oldest_age_seconds: float) -> None:
        """The outbox now: messages not yet published and the age of the oldest (0 when none)."""

    @abc.abstractmethod
    def exposition(self) -> tuple[bytes, str]:
        """Everything counted, in the Prometheus text format, with its content type: this process's
        figures, or every worker's of the server when they share a multiprocess directory."""
