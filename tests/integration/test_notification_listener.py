"""Streams on PostgreSQL are fed by NOTIFY: a notification stored by any process wakes the hub for
that user at commit, so the hub reads the database when told rather than on a timer."""
from __future__ import annotations

import queue
import threading
import uuid
from datetime import datetime, timezone

from dependency_injector import providers

from adapters.sql.notification_listener import PostgresNotificationListener
from domain import commands
from domain.services import queries
from entrypoints.config import Settings
from entrypoints.container import Container
from entrypoints.http.streams import NotificationHub
from tests.conftest import random_email


def test_a_stored_notification_wakes_the_hub_for_its_user_only(postgres_url, hasher, tmp_path):
    container = Container(settings=Settings(data_dir=tmp_path, database_url=postgres_url, secret_key="k" * 64))
    container.hasher.override(providers.Object(hasher))
    bus = container.bus()
    alice, bob = (bus.handle(commands.RegisterUser(email=random_email(), password="long-password")).id
                  for _ in range(2))
    reads: list[uuid.UUID] = []
    lock = threading.Lock()

    def fetch(user_id, after):
        with lock:
            reads.append(user_id)
        return queries.notifications_since(container.reader(), user_id, after)

    hub = NotificationHub(fetch, poll_seconds=0.2, listener=PostgresNotificationListener(postgres_url),
                          sweep_seconds=3600)  # no timed sweep after the first: only NOTIFY triggers reads
    alices, bobs = queue.Queue(), queue.Queue()
    subs = [hub.subscribe(alice, datetime.now(timezone.utc), alices.put),
            hub.subscribe(bob, datetime.now(timezone.utc), bobs.put)]
    try:
        for _ in range(100):  # until the first round (the backlog of both) has been read
            with lock:
                if alice in reads and bob in reads:
                    break
            threading.Event().wait(0.1)
        bus.handle(commands.Notify(user_id=alice, kind="task_overdue", title="Overdue: taxes", body="!",
                                   dedupe_key=uuid.uuid4().hex))
        assert [n.title for n in alices.get(timeout=30)] == ["Overdue: taxes"]
        with lock:
            assert reads.count(bob) == 1 and reads.count(alice) >= 2
        assert bobs.empty()
    finally:
        for sub in subs:
            hub.unsubscribe(sub)
        container.engine().dispose()
