"""Server-Sent Events for one subscription of the notification hub.

``blocking_events`` is a generator; it holds its thread for the stream's lifetime. The stream ends
after ``seconds`` and the browser's EventSource reconnects with Last-Event-ID; a comment line every
``KEEPALIVE_SECONDS`` keeps proxies from closing it.
"""
from __future__ import annotations

import queue
import time
from typing import Callable

from entrypoints.http.streams import NotificationHub

KEEPALIVE_SECONDS = 15.0
PREAMBLE = "retry: 3000\n\n"
KEEPALIVE = ": keep-alive\n\n"


def events_text(notifications: list, serialise: Callable[[object], str]) -> str:
    return "".join(f"id: {n.created_at.isoformat()}\nevent: notification\ndata: {serialise(n)}\n\n"
                   for n in notifications)


def blocking_events(hub: NotificationHub, user_id, after, seconds: float, serialise):
    """Claims the slot at once (raising ``TooManyStreams``), then returns the generator of the stream."""
    inbox: queue.Queue = queue.Queue()
    subscription = hub.subscribe(user_id, after, inbox.put)

    def events():
        try:
            yield PREAMBLE
            deadline = time.monotonic() + seconds
            while (left := deadline - time.monotonic()) > 0:
                try:
                    yield events_text(inbox.get(timeout=min(KEEPALIVE_SECONDS, left)), serialise)
                except queue.Empty:
                    yield KEEPALIVE
        finally:
            hub.unsubscribe(subscription)

    return events()
