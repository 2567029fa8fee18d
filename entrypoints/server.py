"""``planloom serve``: gunicorn as the process manager, uvicorn workers (an asyncio event loop each) in
front of the Flask app through ``entrypoints.http.bridge``.

Why not gunicorn's gthread workers: a thread there reads the request itself, so a client that sends
its headers one byte at a time (slowloris) holds a thread for as long as it likes, and a notification
stream holds one for its whole life. Here a connection costs a socket until its request is complete;
threads only run Flask on whole requests. Slow clients are cut off: the request line and headers must
arrive within ``header_timeout`` seconds, the body within ``body_timeout``; the request line and headers
are capped at 16 KiB (431), and above ``max_connections`` per worker new requests get a 503.
"""
from __future__ import annotations

from gunicorn.app.base import BaseApplication
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn_worker import UvicornWorker

MAX_HEAD_BYTES = 16 * 1024  # request line + headers, as h11's default incomplete-event cap
LINGER_SECONDS = 2.0
_TOO_LARGE_TEXT = b"Request line and headers too large"
TOO_LARGE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
             b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(_TOO_LARGE_TEXT), _TOO_LARGE_TEXT))


class HeadTooLarge(Exception):
    pass


def protocol_with_header_deadline(seconds: float, max_head_bytes: int = MAX_HEAD_BYTES) -> type[HttpToolsProtocol]:
    """uvicorn's httptools protocol (llhttp, in C: about a third less CPU per request than h11 in Python),
    plus a deadline for each request's line and headers, and a cap on their size (431 beyond it): llhttp
    itself would buffer a header of any length."""

    class DeadlineHttpToolsProtocol(HttpToolsProtocol):
        header_deadline = None
        in_head = True  # waiting for the line and headers of a request
        head_bytes = 0  # bytes received while waiting: bounds what llhttp buffers of an unfinished head
        head_size = 0  # the current request's line and headers as parsed so far
        refused = False

        def _arm(self) -> None:
            self._disarm()
            self.in_head = True
            self.header_deadline = self.loop.call_later(seconds, self._too_slow)

        def _disarm(self) -> None:
            if self.header_deadline is not None:
                self.header_deadline.cancel()
                self.header_deadline = None

        def _too_slow(self) -> None:
            self.header_deadline = None
            if not self.transport.is_closing():
                self.transport.close()  # still no complete request: the slot goes to someone else

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._arm()

        def connection_lost(self, exc) -> None:
            self._disarm()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if self.refused:
                return  # what the client still sends after its 431, read and dropped until it stops
            # Counted whole while a head is awaited; a pipelined request's head that starts inside a chunk
            # is counted from the next chunk on (so at most one read, 256 KiB, more: bodies may be 1 MiB).
            if self.in_head:
                self.head_bytes += len(data)
            super().data_received(data)
            if self.in_head and self.head_bytes > max_head_bytes and not self.transport.is_closing():
                self._refuse_head()

        def _refuse_head(self) -> None:
            """431, then a lingering close: closing with the client's data still unread would reset the
            connection, and the client would likely lose the answer with it."""
            self._disarm()
            self.refused = True
            self.transport.write(TOO_LARGE)
            self.transport.write_eof()
            self.header_deadline = self.loop.call_later(LINGER_SECONDS, self.transport.close)

        def _count(self, size: int) -> None:
            self.head_size += size
            if self.head_size > max_head_bytes:
                raise HeadTooLarge  # llhttp stops; uvicorn answers through send_400_response

        def send_400_response(self, msg: str) -> None:
            if self.head_size > max_head_bytes:
                self._refuse_head()
            else:
                super().send_400_response(msg)

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self.in_head, self.head_size = True, 0

        def on_url(self, url: bytes) -> None:
            self._count(len(url) + 16)  # the method and version around it, roughly
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._count(len(name) + len(value) + 4)
            super().on_header(name, value)

        def on_headers_complete(self) -> None:
            self.in_head, self.head_bytes = False, 0
            self._disarm()  # the request line and headers are in
            super().on_headers_complete()

        def on_response_complete(self) -> None:
            idle = not self.pipeline  # else the next request, its head complete already, starts now
            super().on_response_complete()
            if idle and not self.transport.is_closing():
                self._arm()  # the next request on this keep-alive connection gets its own deadline

    return DeadlineHttpToolsProtocol


def worker_class(header_timeout: float, max_connections: int) -> type[UvicornWorker]:
    """uvicorn's worker for gunicorn, configured: ``proxy_headers`` off because the app trusts exactly
    PLANLOOM_PROXY_HOPS forwarding hops itself (uvicorn would trust any local client's
    X-Forwarded-For); on shutdown, requests and streams still running after 10 s are cancelled (an
    open stream would otherwise hold the worker until gunicorn's graceful timeout)."""

    class PlanloomWorker(UvicornWorker):
        CONFIG_KWARGS = {"loop": "asyncio", "http": protocol_with_header_deadline(header_timeout),
                         "lifespan": "on", "limit_concurrency": max_connections, "proxy_headers": False,
                         "server_header": False,
                         "timeout_graceful_shutdown": 10}

    return PlanloomWorker


def _worker_gone(server, worker) -> None:
    """gunicorn's ``child_exit`` hook: a dead worker's live gauges stop counting in ``/metrics``."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


class Server(BaseApplication):
    def __init__(self, load, bind: str, workers: int, header_timeout: float = 10.0, keepalive: int = 5,
                 max_connections: int = 4096) -> None:
        self._load, self._options = load, {
            "bind": bind, "workers": workers, "worker_class": worker_class(header_timeout, max_connections),
            "keepalive": keepalive, "accesslog": None, "timeout": 60, "graceful_timeout": 20,
            "max_requests": 10000, "max_requests_jitter": 1000, "child_exit": _worker_gone,
        }
        super().__init__()

    def load_config(self) -> None:
        for name, value in self._options.items():
            self.cfg.set(name, value)

    def load(self):
        return self._load()
