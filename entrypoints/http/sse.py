"""Server-Sent Events for one subscription of the notification hub, written two ways:

- ``AsyncStream``: handed to the asynchronous front (``entrypoints.http.bridge``), which writes the
  events from its event loop; the request thread is back in the pool as soon as the view returns.
- ``blocking_events``: a generator for servers without that front (the Flask test client, a plain
  WSGI server); it holds its thread for the stream's lifetime.

Either way the stream ends after ``seconds`` and the browser's EventSource reconnects with
Last-Event-ID; a comment line every ``keepalive`` seconds keeps proxies from closing it.
"""
from __future__ import annotations

import asyncio
import queue
import threading
import time
from typing import Callable

from entrypoints.http.streams import NotificationHub, Subscription

KEEPALIVE_SECONDS = 15.0
PREAMBLE = "retry: 3000\n\n"
KEEPALIVE = ": keep-alive\n\n"


def events_text(notifications: list, serialise: Callable[[object], str]) -> str:
    return "".join(f"id: {n.created_at.isoformat()}\nevent: notification\ndata: {serialise(n)}\n\n"
                   for n in notifications)


class AsyncStream:
    def __init__(self, hub: NotificationHub, user_id, after, seconds: float, serialise) -> None:
        self.hub, self.user_id, self.after, self.seconds, self.serialise = hub, user_id, after, seconds, serialise
        self.subscription: Subscription | None = None
        self._queue: asyncio.Queue | None = None

    def open(self) -> None:
        """Claim a stream slot now, in the view, so that a refusal is an ordinary error response.
        What the hub delivers before ``run`` starts waits in a backlog."""
        self._handover = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._backlog: list = []

        def deliver(items: list) -> None:  # hub thread
            with self._handover:
                if self._loop is None:
                    self._backlog.append(items)
                    return
                self._loop.call_soon_threadsafe(self._queue.put_nowait, items)

        self.subscription = self.hub.subscribe(self.user_id, self.after, deliver)

    def close(self) -> None:
        if self.subscription is not None:
            self.hub.unsubscribe(self.subscription)

    async def run(self, send, receive) -> None:
        loop = asyncio.get_running_loop()
        self._queue = asyncio.Queue()
        with self._handover:
            for items in self._backlog:
                self._queue.put_nowait(items)
            self._loop = loop
        disconnected = asyncio.ensure_future(receive())  # the body is read: the next message is the end
        deadline = loop.time() + self.seconds
        try:
            await send({"type": "http.response.body", "body": PREAMBLE.encode(), "more_body": True})
            while (left := deadline - loop.time()) > 0 and not disconnected.done():
                getter = asyncio.ensure_future(self._queue.get())
                done, _ = await asyncio.wait({getter, disconnected}, timeout=min(KEEPALIVE_SECONDS, left),
                                             return_when=asyncio.FIRST_COMPLETED)
                if getter in done:
                    text = events_text(getter.result(), self.serialise)
                else:
                    getter.cancel()
                    text = KEEPALIVE
                if not disconnected.done():
                    await send({"type": "http.response.body", "body": text.encode(), "more_body": True})
            if not disconnected.done():
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            disconnected.cancel()
            self.close()


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
