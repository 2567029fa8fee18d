"""``planloom serve``: gunicorn as the process manager, uvicorn workers (an asyncio event loop each) in
front of the Flask app through ``entrypoints.http.bridge``.

Why not gunicorn's gthread workers: a thread there reads the request itself, so a client that sends
its headers one byte at a time (slowloris) holds a thread for as long as it likes, and a notification
stream holds one for its whole life. Here a connection costs a socket until its request is complete;
threads only run Flask on whole requests. Slow clients are cut off: the request line and headers must
arrive within ``header_timeout`` seconds, the body within ``body_timeout``; headers are capped at
16 KiB (h11), and above ``max_connections`` per worker new requests get a 503.
"""
from __future__ import annotations

import h11
from gunicorn.app.base import BaseApplication
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn_worker import UvicornWorker


def protocol_with_header_deadline(seconds: float) -> type[H11Protocol]:
    """h11 as uvicorn runs it, plus a deadline for each request's line and headers."""

    class DeadlineH11Protocol(H11Protocol):
        header_deadline = None

        def _arm(self) -> None:
            self._disarm()
            self.header_deadline = self.loop.call_later(seconds, self._too_slow)

        def _disarm(self) -> None:
            if self.header_deadline is not None:
                self.header_deadline.cancel()
                self.header_deadline = None

        def _too_slow(self) -> None:
            self.header_deadline = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()  # still no complete request: the slot goes to someone else

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._arm()

        def connection_lost(self, exc) -> None:
            self._disarm()
            super().connection_lost(exc)

        def handle_events(self) -> None:
            super().handle_events()
            if self.conn.their_state is not h11.IDLE:
                self._disarm()  # the request line and headers are in

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
                self._arm()  # the next request on this keep-alive connection gets its own deadline

    return DeadlineH11Protocol


def worker_class(header_timeout: float, max_connections: int) -> type[UvicornWorker]:
    """uvicorn's worker for gunicorn, configured: ``proxy_headers`` off because the app trusts exactly
    PLANLOOM_PROXY_HOPS forwarding hops itself (uvicorn would trust any local client's
    X-Forwarded-For); on shutdown, requests and streams still running after 10 s are cancelled (an
    open stream would otherwise hold the worker until gunicorn's graceful timeout)."""

    class PlanloomWorker(UvicornWorker):
        CONFIG_KWARGS = {"loop": "asyncio", "http": protocol_with_header_deadline(header_timeout),
                         "lifespan": "on", "limit_concurrency": max_connections, "proxy_headers": False,
                         "h11_max_incomplete_event_size": 16 * 1024, "server_header": False,
                         "timeout_graceful_shutdown": 10}

    return PlanloomWorker


class Server(BaseApplication):
    def __init__(self, load, bind: str, workers: int, header_timeout: float = 10.0, keepalive: int = 5,
                 max_connections: int = 4096) -> None:
        self._load, self._options = load, {
            "bind": bind, "workers": workers, "worker_class": worker_class(header_timeout, max_connections),
            "keepalive": keepalive, "accesslog": None, "timeout": 60, "graceful_timeout": 20,
            "max_requests": 10000, "max_requests_jitter": 1000,
        }
        super().__init__()

    def load_config(self) -> None:
        for name, value in self._options.items():
            self.cfg.set(name, value)

    def load(self):
        return self._load()
