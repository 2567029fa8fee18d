"""The asynchronous front of ``planloom serve``: an ASGI app (run by uvicorn workers under gunicorn) that
puts the Flask app behind a buffer, so slow clients cost a socket and some memory, never a thread.

- The request is read whole on the event loop first (at most ``max_body_bytes``: 413 beyond it, 408
  when the body has not arrived within ``body_timeout``); only then does a pool thread run Flask.
- Flask's response is collected by that thread and written by the event loop: a slow reader holds no
  thread either.
- A notification stream (``sse.AsyncStream``, left in the environ by the view) is written by the event
  loop after the view has returned: open streams hold no request thread.
- ``/healthz`` (liveness: the process serves) is answered by the event loop itself, so it stays
  answered when every pool thread is busy; ``/readyz`` still goes through Flask to the database.
- Every answer from Flask carries a ``Server-Timing`` header: where its time went in this process
  (``entrypoints.http.timing``), so a load test can tell the server's time from its own.

Header deadlines and connection limits are the protocol's (``entrypoints.server``).
"""
from __future__ import annotations

import asyncio
import io
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from entrypoints.http import timing
from entrypoints.http.uploads import body_limit
from entrypoints.http.wording import TITLES, body_too_large

ASYNC_FRONT = "planloom.async_front"  # present in the environ when this front serves the request


def _problem(status: int, detail: str) -> tuple[int, list, bytes]:
    body = json.dumps({"type": "about:blank", "status": status, "title": TITLES[status], "detail": detail}).encode()
    return status, [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close")], body


class TooSlow(Exception):
    pass


class TooLarge(Exception):
    pass


class BufferedWsgi:
    def __init__(self, wsgi_app, threads: int = 4, max_body_bytes: int = 1_048_576, body_timeout: float = 15.0):
        self.app, self.max_body_bytes, self.body_timeout = wsgi_app, max_body_bytes, body_timeout
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix="request")
        self.gc_pauses = timing.GC_PAUSES.install()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            self.executor.shutdown(wait=True, cancel_futures=True)
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            return
        received, gc_before = time.perf_counter(), self.gc_pauses.seconds
        if scope["path"] == "/healthz" and scope["method"] in ("GET", "HEAD"):
            return await self._send(send, 200, [(b"content-type", b"application/json"),
                                                (b"content-length", b"15"), (b"cache-control", b"no-store")],
                                    b'{"status":"ok"}')
        limit = body_limit(scope["method"], scope["path"], self.max_body_bytes)
        try:
            body = await self._read_body(scope, receive, limit)
        except TooLarge:
            return await self._send(send, *_problem(413, body_too_large(limit)))
        except TooSlow:
            return await self._send(send, *_problem(
                408, f"The request body did not arrive within {self.body_timeout:g} s."))
        except ConnectionResetError:
            return None
        environ = self._environ(scope, body)
        loop = asyncio.get_running_loop()
        queued = time.perf_counter()
        status, headers, chunks, started, finished, cpu, runq = await loop.run_in_executor(self.executor, self._run, environ)
        headers.append(timing.header(received, queued, started, finished, cpu, runq, time.perf_counter(),
                                     self.gc_pauses.seconds - gc_before))
        stream = environ.get(ASYNC_FRONT)
        if stream is None:
            return await self._send(send, status, headers, b"".join(chunks))
        if status != 200:
            stream.close()
            return await self._send(send, status, headers, b"".join(chunks))
        headers = [(k, v) for k, v in headers if k != b"content-length"]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await stream.run(send, receive)

    async def _read_body(self, scope, receive, limit: int) -> bytes:
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise TooLarge
        loop = asyncio.get_running_loop()
        deadline, parts, size = loop.time() + self.body_timeout, [], 0
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except asyncio.TimeoutError:
                raise TooSlow from None
            if message["type"] == "http.disconnect":
                raise ConnectionResetError
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise TooLarge
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts)

    @staticmethod
    def _environ(scope, body: bytes) -> dict:
        server = scope.get("server") or ("localhost", 80)
        client = scope.get("client") or ("", 0)
        environ = {
            "REQUEST_METHOD": scope["method"],
            "SCRIPT_NAME": scope.get("root_path", "").encode().decode("latin-1"),
            "PATH_INFO": scope["path"].encode().decode("latin-1"),
            "QUERY_STRING": scope["query_string"].decode("latin-1"),
            "SERVER_NAME": server[0], "SERVER_PORT": str(server[1]) if server[1] else "80",
            "REMOTE_ADDR": client[0], "REMOTE_PORT": str(client[1]),
            "SERVER_PROTOCOL": f"HTTP/{scope['http_version']}",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.version": (1, 0), "wsgi.url_scheme": scope.get("scheme", "http"),
            "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
            "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False,
            ASYNC_FRONT: None,
        }
        for raw_name, raw_value in scope["headers"]:
            name, value = raw_name.decode("latin-1").upper().replace("-", "_"), raw_value.decode("latin-1")
            if name in ("CONTENT_LENGTH", "TRANSFER_ENCODING"):
                continue  # the body is read whole: its length is known
            key = name if name == "CONTENT_TYPE" else f"HTTP_{name}"
            if key in environ:
                value = f"{environ[key]}{'; ' if key == 'HTTP_COOKIE' else ','}{value}"
            environ[key] = value
        return environ

    def _run(self, environ: dict) -> tuple[int, list, list[bytes], float, float, float, float | None]:
        """In a pool thread: call Flask and collect the whole response; with when it started and
        finished (``time.perf_counter``), the CPU seconds this thread spent on it and the seconds it
        waited for a core meanwhile (None where the kernel does not tell)."""
        began, cpu_before, runq_before = time.perf_counter(), time.thread_time(), timing.runqueue_seconds()
        started: dict = {}
        chunks: list[bytes] = []

        def start_response(status: str, headers: list, exc_info=None):
            started["status"], started["headers"] = int(status.split(" ", 1)[0]), headers
            return chunks.append

        result = self.app(environ, start_response)
        try:
            chunks.extend(chunk for chunk in result if chunk)
        finally:
            if hasattr(result, "close"):
                result.close()
        headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in started["headers"]]
        runq = timing.runqueue_seconds()
        runq = runq - runq_before if runq is not None and runq_before is not None else None
        return started["status"], headers, chunks, began, time.perf_counter(), time.thread_time() - cpu_before, runq

    @staticmethod
    async def _send(send, status: int, headers: list, body: bytes) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
