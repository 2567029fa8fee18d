"""Open notification streams vs. /healthz latency: ``planloom serve`` against the gthread baseline.

    .venv/bin/python bench/streams.py                     # N in 0, 40, 200; 2 workers x 4 threads
    .venv/bin/python bench/streams.py --streams 0 40 --samples 50

For each server and each N: open N streams of ``/api/v1/notifications/stream`` (spread over N/5
accounts: at most PLANLOOM_STREAMS_PER_USER=5 each), then time ``/healthz`` (``--samples`` sequential
requests, each unanswered after 3 s) and print p50 / p99. Also shows what one account gets when it
opens 40 streams. Both servers run the same tree on fresh SQLite data folders under a temp dir.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _served  # noqa: E402

PER_USER = 5


async def open_stream(port: int, token: str, opened: list) -> None:
    """Open one stream and keep reading it; records the status line (or "no answer" within 5 s)."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        opened.append("refused")
        return
    writer.write(f"GET /api/v1/notifications/stream?seconds=55 HTTP/1.1\r\nHost: bench\r\n"
                 f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n".encode())
    try:
        status = await asyncio.wait_for(reader.readline(), 5)
        opened.append(status.split(b" ")[1].decode() if status else "closed")
    except asyncio.TimeoutError:
        opened.append("no answer")
    try:
        while await reader.read(4096):
            pass
    except (OSError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def measure(port: int, tokens: list[str], n: int, samples: int) -> tuple[dict, dict]:
    opened: list[str] = []
    tasks = [asyncio.ensure_future(open_stream(port, tokens[i // PER_USER], opened)) for i in range(n)]
    for _ in range(60):  # until every stream has its status line (or gave up)
        if len(opened) >= n:
            break
        await asyncio.sleep(0.1)
    result = await _served.sample_healthz(port, samples)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.sleep(1.5)  # let the server notice the closed streams
    return result, {status: opened.count(status) for status in sorted(set(opened))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--streams", type=int, nargs="+", default=[0, 40, 200])
    parser.add_argument("--samples", type=int, default=100)
    _served.add_arguments(parser)
    args = parser.parse_args()

    env = {"PLANLOOM_STREAMS_PER_USER": str(PER_USER), "PLANLOOM_API_RATE_LIMIT": "100000 per minute",
           "PLANLOOM_REGISTER_RATE_LIMIT": "100000 per minute"}
    rows: dict[str, dict] = {}

    def run(kind, server) -> None:
        tokens = _served.register(f"http://127.0.0.1:{server.port}", max(args.streams + [40]) // PER_USER + 1)
        for n in args.streams:
            rows.setdefault(f"{n} streams", {})[kind] = asyncio.run(measure(server.port, tokens, n, args.samples))
        rows.setdefault("40 streams, one account", {})[kind] = asyncio.run(
            measure(server.port, [tokens[0]] * 40 * PER_USER, 40, args.samples))

    _served.on_each_server(args, env, run)
    print(f"\n/healthz p50 / p99 while N notification streams are open "
          f"({args.workers} workers x {args.threads} threads, {args.samples} samples, >3 s = missed)")
    print(f"{'':26} {'gthread (before)':38} {'planloom serve (after)':38}")
    for label, cells in rows.items():
        print(f"{label:26} " + " ".join(f"{_served.cell(cells[k][0]):38}" for k in _served.KINDS))
        print(f"{'  stream answers':26} " + " ".join(f"{str(cells[k][1]):38}" for k in _served.KINDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
