"""Load generators for ``bench/api.py``: wrk for closed-loop peak runs, an asyncio open-loop generator.

Closed loop (peak throughput): N connections, each sends its next request as soon as the previous
answer arrives. wrk (C, epoll) does this with little CPU, which matters on a 2-core machine where the
generator shares the CPU with gunicorn and PostgreSQL. Without wrk, a pure-Python closed loop is used
instead (it eats a good part of a core, so its peaks read low); install wrk with
``apt-get update && apt-get install -y wrk``.

Open loop (latency at a given rate): requests are *scheduled* at a fixed arrival rate, request i at
``t0 + i / rate``, whatever the server is doing. Each scheduled request goes into a queue that a pool
of keep-alive connections drains, and its latency is measured from its *intended* send time to the
last byte of the answer. If the server (or this generator) falls behind, the queueing delay is part of
the latency, so there is no coordinated omission (the flaw of closed-loop tools, which stop sending
while the server stalls and so never time the requests that would have waited). This is what wrk2
does; wrk2 is not packaged, hence this generator. The generator reports how late it dispatched (its
own lag): if that is large, the machine, not the server, was the bottleneck and the run says so.
"""
from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

WRK_INSTALL_HINT = "apt-get update && apt-get install -y wrk"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class Result:
    name: str
    mode: str  # "closed" or "open"
    requests: int
    seconds: float
    errors: int  # transport errors + non-2xx answers
    p50_ms: float
    p99_ms: float
    max_ms: float
    connections: int
    target_rate: float | None = None
    generator: str = "wrk"
    max_dispatch_lag_ms: float | None = None
    app_cpu_ms: float | None = None  # server processes' CPU per request (set by bench/api.py)
    pg_cpu_ms: float | None = None  # its PostgreSQL backends' CPU per request
    machine_busy: float | None = None  # share of the whole machine's CPU busy during the run

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(pct / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


# --------------------------------------------------------------------------------------------
# wrk (closed loop)
# --------------------------------------------------------------------------------------------
def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def _lua_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


_WRK_LUA = r"""
local paths = {%(paths)s}
local auths = {%(auths)s}
local method = %(method)s
local body_fmt = %(body_fmt)s
local counter = 0
local nthreads = 0

function setup(thread)
  nthreads = nthreads + 1
  thread:set("tid", nthreads)
end

function init(args)
  counter = (tid or 1) * 7919
end

function request()
  counter = counter + 1
  local i = (counter %% #paths) + 1
  local hdrs = {}
  if auths[i] ~= "" then hdrs["Authorization"] = "Bearer " .. auths[i] end
  local body = nil
  if method == "POST" then
    hdrs["Content-Type"] = "application/json"
    body = string.format(body_fmt, tid or 1, counter)
  end
  return wrk.format(method, paths[i], hdrs, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\"requests\":%%d,\"duration_us\":%%d,\"status\":%%d,\"connect\":%%d,\"read\":%%d,\"write\":%%d,\"timeout\":%%d,\"p50_us\":%%d,\"p99_us\":%%d,\"max_us\":%%d}\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def wrk_closed_loop(name: str, base_url: str, method: str, paths: list[str], auths: list[str],
                    seconds: float, connections: int, threads: int = 2,
                    body_fmt: str = "") -> Result:
    """Run wrk for ``seconds``; ``paths``/``auths`` rotate per request; POST bodies come from
    ``body_fmt % (thread, counter)`` (Lua string.format)."""
    script = _WRK_LUA % {
        "paths": ",".join(_lua_str(p) for p in paths),
        "auths": ",".join(_lua_str(a) for a in auths),
        "method": _lua_str(method),
        "body_fmt": _lua_str(body_fmt),
    }
    fd, lua_path = tempfile.mkstemp(prefix="planloom-bench-", suffix=".lua")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(script)
        cmd = ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
               "--timeout", "10s", "-s", lua_path, base_url]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    finally:
        os.unlink(lua_path)
    match = re.search(r"^WRKJSON (.*)$", proc.stdout, re.M)
    if proc.returncode != 0 or not match:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stdout}\n{proc.stderr}")
    data = json.loads(match.group(1))
    errors = data["status"] + data["connect"] + data["read"] + data["write"] + data["timeout"]
    return Result(name=name, mode="closed", requests=data["requests"], seconds=data["duration_us"] / 1e6,
                  errors=errors, p50_ms=data["p50_us"] / 1000, p99_ms=data["p99_us"] / 1000,
                  max_ms=data["max_us"] / 1000, connections=connections, generator="wrk")


# --------------------------------------------------------------------------------------------
# asyncio HTTP/1.1 keep-alive client (open loop, and the closed-loop fallback)
# --------------------------------------------------------------------------------------------
def _encode(req: Request, host: str, port: int) -> bytes:
    lines = [f"{req.method} {req.path} HTTP/1.1", f"Host: {host}:{port}"]
    lines += [f"{k}: {v}" for k, v in req.headers.items()]
    if req.body or req.method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(req.body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + req.body


class _Conn:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used = 0
        self.timing = b""  # the last answer's Server-Timing value, if it had one

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except Exception:
                pass
        self.reader = self.writer = None

    async def _once(self, payload: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            self.used = 0
        self.writer.write(payload)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length, close, chunked = 0, False, False
        self.timing = b""
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"server-timing":
                self.timing = value.strip()
        if chunked:
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        elif length:
            await self.reader.readexactly(length)
        self.used += 1
        if close:
            await self.close()
        return status

    async def send(self, payload: bytes) -> int:
        """One request; a keep-alive connection the server closed while idle (gunicorn's
        max_requests worker recycling, keep-alive timeout) is retried once on a fresh one."""
        reused = self.writer is not None and self.used > 0
        try:
            return await self._once(payload)
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            await self.close()
            if not reused:
                raise
            return await self._once(payload)


async def _open_loop(host: str, port: int, requests: list[Request], rate: float, seconds: float,
                     connections: int, detail: list | None = None):
    """``detail``, when given, gets one ``(waited, latency, server_timing)`` per request: seconds from
    the intended send time to the write (a free connection, this generator's own loop), seconds to the
    answer's last byte, and the answer's ``Server-Timing`` value (bytes, empty if none)."""
    loop = asyncio.get_running_loop()
    payloads = [_encode(r, host, port) for r in requests]
    queue: asyncio.Queue = asyncio.Queue()
    latencies: list[float] = []
    errors = 0
    max_lag = 0.0

    async def worker() -> None:
        nonlocal errors
        conn = _Conn(host, port)
        while True:
            item = await queue.get()
            if item is None:
                break
            intended, payload = item
            sent = loop.time()
            try:
                status = await conn.send(payload)
                if not 200 <= status < 300:
                    errors += 1
            except Exception:
                errors += 1
                await conn.close()
            latencies.append(loop.time() - intended)
            if detail is not None:
                detail.append((sent - intended, latencies[-1], conn.timing))
        await conn.close()

    tasks = [asyncio.create_task(worker()) for _ in range(connections)]
    total = int(rate * seconds)
    start = loop.time() + 0.05
    for i in range(total):
        intended = start + i / rate
        delay = intended - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        else:
            max_lag = max(max_lag, -delay)
        queue.put_nowait((intended, payloads[i % len(payloads)]))
    for _ in tasks:
        queue.put_nowait(None)
    await asyncio.gather(*tasks)
    elapsed = loop.time() - start
    return latencies, errors, elapsed, max_lag


@contextlib.contextmanager
def _no_gc_pauses():
    """No cyclic garbage collection while a generator measures: a full collection of this
    process's heap stalls the event loop for tens of milliseconds, and every request in flight
    would carry that pause as server latency. A run of seconds allocates little that needs it."""
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def open_loop(name: str, host: str, port: int, requests: list[Request], rate: float, seconds: float,
              connections: int = 32) -> Result:
    with _no_gc_pauses():
        latencies, errors, elapsed, lag = asyncio.run(_open_loop(host, port, requests, rate, seconds, connections))
    latencies.sort()
    return Result(name=name, mode="open", requests=len(latencies), seconds=elapsed, errors=errors,
                  p50_ms=percentile(latencies, 50) * 1000, p99_ms=percentile(latencies, 99) * 1000,
                  max_ms=(latencies[-1] * 1000 if latencies else float("nan")), connections=connections,
                  target_rate=rate, generator="python-asyncio", max_dispatch_lag_ms=lag * 1000)


async def _closed_loop(host: str, port: int, requests: list[Request], seconds: float, connections: int):
    loop = asyncio.get_running_loop()
    payloads = [_encode(r, host, port) for r in requests]
    latencies: list[float] = []
    errors = 0
    counter = 0
    deadline = loop.time() + seconds

    async def worker(k: int) -> None:
        nonlocal errors, counter
        conn = _Conn(host, port)
        while loop.time() < deadline:
            counter += 1
            payload = payloads[(counter * 7 + k) % len(payloads)]
            t0 = loop.time()
            try:
                status = await conn.send(payload)
                if not 200 <= status < 300:
                    errors += 1
            except Exception:
                errors += 1
                await conn.close()
            latencies.append(loop.time() - t0)
        await conn.close()

    start = loop.time()
    await asyncio.gather(*(worker(k) for k in range(connections)))
    return latencies, errors, loop.time() - start


def python_closed_loop(name: str, host: str, port: int, requests: list[Request], seconds: float,
                       connections: int) -> Result:
    with _no_gc_pauses():
        latencies, errors, elapsed = asyncio.run(_closed_loop(host, port, requests, seconds, connections))
    latencies.sort()
    return Result(name=name, mode="closed", requests=len(latencies), seconds=elapsed, errors=errors,
                  p50_ms=percentile(latencies, 50) * 1000, p99_ms=percentile(latencies, 99) * 1000,
                  max_ms=(latencies[-1] * 1000 if latencies else float("nan")), connections=connections,
                  generator="python-asyncio")


def now() -> float:
    return time.monotonic()
