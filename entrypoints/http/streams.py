"""Fan-out for the notification streams of one server process.

Every open stream is a subscription here, not a thread or a database poller of its own: one hub
thread reads the new notifications of a *user* with open streams (whatever the number of their
streams) and hands them to that user's subscriptions. When it reads:

- on PostgreSQL, when told: every new notification is announced with NOTIFY in the transaction that
  stores it, from whichever process, and the hub LISTENs (``listener``); a sweep of every user every
  ``sweep_seconds`` is the safety net;
- on SQLite (embedded, no such channel), every ``poll_seconds`` for each user with open streams. Streams served by the
asynchronous front of ``planloom serve`` (``entrypoints.http.bridge``) wait on an asyncio queue and
hold no request thread.

Caps: ``per_user`` open streams per account, counted across every process by ``slots`` (Redis, or the
SQLite file the processes of one host share; a lease per stream that the hub thread refreshes every
``lease_seconds / 3``, so a process that dies frees its slots within ``lease_seconds``), and ``total``
per process; above them ``subscribe`` raises ``TooManyStreams`` (the view answers 429 / 503 problem details).
"""
from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable
from uuid import UUID

from ports.stream_slots import StreamLease, StreamSlots

log = logging.getLogger("planloom.streams")


class TooManyStreams(Exception):
    def __init__(self, detail: str, per_user: bool) -> None:
        super().__init__(detail)
        self.detail, self.per_user = detail, per_user


@dataclass(eq=False)
class Subscription:
    user_id: UUID
    after: datetime
    deliver: Callable[[list], None]  # called from the hub thread with new notifications, oldest first
    lease: StreamLease | None = None  # the account's slot this stream holds
    closed: bool = field(default=False)


class NotificationHub:
    def __init__(self, fetch: Callable[[UUID, datetime], list], per_user: int = 5, total: int = 1000,
                 poll_seconds: float = 1.0, listener=None, sweep_seconds: float = 30.0,
                 slots: StreamSlots | None = None, lease_seconds: float = 60.0) -> None:
        """``slots``: where the per-account cap is counted; None counts in this hub only (its open streams)."""
        self.fetch, self.per_user, self.total, self.poll_seconds = fetch, per_user, total, poll_seconds
        self.listener, self.sweep_seconds = listener, sweep_seconds
        self.slots, self.lease_seconds = slots, lease_seconds
        self._new_users: set[UUID] = set()  # subscribed since the last round: their backlog is due
        self._lock = threading.Lock()
        self._subs: dict[UUID, list[Subscription]] = defaultdict(list)
        self._count = 0
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.ticks = 0  # database rounds so far (one fetch per subscribed user each)

    def subscribe(self, user_id: UUID, after: datetime, deliver: Callable[[list], None]) -> Subscription:
        lease = None
        if self.slots is not None:
            lease = self.slots.acquire(user_id, self.per_user, self.lease_seconds)
            if lease is None:
                raise self._per_user_refusal()
        with self._lock:
            if lease is None and len(self._subs.get(user_id, ())) >= self.per_user:
                raise self._per_user_refusal()
            if self._count >= self.total:
                if lease is not None:
                    self.slots.release(lease)
                raise TooManyStreams("this server holds as many notification streams as it can; "
                                     "try again shortly", per_user=False)
            sub = Subscription(user_id, after, deliver, lease)
            self._subs[user_id].append(sub)
            self._new_users.add(user_id)
            self._count += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="notification-hub", daemon=True)
                self._thread.start()
        self._wake.set()  # deliver what is already waiting without a tick's delay
        return sub

    def _per_user_refusal(self) -> TooManyStreams:
        return TooManyStreams(f"at most {self.per_user} notification streams may be open per account; "
                              "close one (or another tab) first", per_user=True)

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            subs = self._subs.get(sub.user_id, [])
            held = sub in subs
            if held:
                subs.remove(sub)
                self._count -= 1
                if not subs:
                    del self._subs[sub.user_id]
            sub.closed = True
        if held and sub.lease is not None:
            self.slots.release(sub.lease)

    def open_streams(self, user_id: UUID | None = None) -> int:
        with self._lock:
            return self._count if user_id is None else len(self._subs.get(user_id, ()))

    def _refresh_leases(self, snapshot: dict[UUID, list[Subscription]]) -> None:
        try:
            self.slots.refresh([s.lease for subs in snapshot.values() for s in subs if s.lease is not None],
                               self.lease_seconds)
        except Exception as exc:  # noqa: BLE001 - the store away: the leases are retried next round
            log.warning("notification streams: cannot refresh their slots: %s", exc)

    def _run(self) -> None:
        last_sweep = None
        last_refresh = time.monotonic()
        while True:
            if self.listener is not None:
                notified = self.listener.wait(min(self.poll_seconds, 0.5))
            else:
                self._wake.wait(self.poll_seconds)
                notified = set()
            self._wake.clear()
            with self._lock:
                if not self._count:
                    if self.listener is not None:
                        self.listener.close()  # no stream left: no LISTEN connection held either
                    self._thread = None  # the next subscribe starts a new thread
                    return
                snapshot = {user: list(subs) for user, subs in self._subs.items()}
                due, self._new_users = notified | self._new_users, set()
            now = time.monotonic()
            if self.slots is not None and now - last_refresh >= self.lease_seconds / 3:
                self._refresh_leases(snapshot)
                last_refresh = now
            if self.listener is None or last_sweep is None or now - last_sweep >= self.sweep_seconds:
                due, last_sweep = set(snapshot), now
            due &= set(snapshot)
            if due:
                self.ticks += 1
            for user_id in due:
                self._fan_out(user_id, snapshot[user_id])

    def _fan_out(self, user_id: UUID, subs: list[Subscription]) -> None:
        try:
            items = self.fetch(user_id, min(s.after for s in subs))
        except Exception as exc:  # noqa: BLE001 - the database away: streams keep their keep-alives
            log.warning("notification streams: cannot read notifications: %s", exc)
            return
        for sub in subs:
            fresh = [n for n in items if n.created_at > sub.after]
            if fresh and not sub.closed:
                sub.after = fresh[-1].created_at
                sub.deliver(fresh)


_hub_lock = threading.Lock()


def hub_of(app) -> NotificationHub:
    """The process's hub for this app, built on first use from the app's container and settings."""
    hub = app.extensions.get("planloom.streams")
    if hub is None:
        with _hub_lock:
            hub = app.extensions.get("planloom.streams")
            if hub is None:
                from domain.services import queries

                container, settings = app.container, app.container.settings()
                listener, listen_url = None, settings.streams_listen_url or settings.database_url
                if listen_url.startswith("postgres"):  # "poll" (or SQLite): read every poll_seconds instead
                    from adapters.sql.notification_listener import PostgresNotificationListener

                    listener = PostgresNotificationListener(listen_url, settings.db_connect_timeout)
                hub = NotificationHub(lambda user_id, after: queries.notifications_since(container.reader(), user_id,
                                                                                         after),
                                      per_user=settings.streams_per_user, total=settings.streams_max,
                                      listener=listener, slots=container.stream_slots())
                app.extensions["planloom.streams"] = hub
    return hub
