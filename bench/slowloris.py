"""Slow clients (slowloris) vs. /healthz latency: ``planloom serve`` against the gthread baseline.

    .venv/bin/python bench/slowloris.py                   # N in 0, 500, 2000 slow connections
    .venv/bin/python bench/slowloris.py --slow 0 2000 --hold 20

For each server and each N: open N connections that send a partial request and then one more header
byte per connection every second, reconnecting whenever the server closes one (an attacker keeps
its count up); after ``--hold`` seconds of that, time ``/healthz`` (sequential requests, each
unanswered after 3 s) while the slow connections stay on, and print p50 / p99 and how many slow
connections the server had cut off. Loopback only; everything stops by itself.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _served  # noqa: E402


class Slowloris:
    def __init__(self, port: int, n: int) -> None:
        self.port, self.n, self.cut_off, self.writers = port, n, 0, []

    async def connect(self):
        _, writer = await asyncio.open_connection("127.0.0.1", self.port)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: ")
        return writer

    async def run(self, stop: asyncio.Event) -> None:
        self.writers = list(await asyncio.gather(*(self.connect() for _ in range(self.n)), return_exceptions=True))
        while not stop.is_set():
            for i, writer in enumerate(self.writers):
                try:
                    if isinstance(writer, Exception) or writer.is_closing():
                        raise ConnectionResetError
                    writer.write(b"a")
                    await writer.drain()
                except (OSError, ConnectionResetError):
                    self.cut_off += 1
                    try:
                        self.writers[i] = await self.connect()
                    except OSError as exc:
                        self.writers[i] = exc
            try:
                await asyncio.wait_for(stop.wait(), 1.0)
            except asyncio.TimeoutError:
                pass
        for writer in self.writers:
            if not isinstance(writer, Exception):
                writer.close()


async def measure(port: int, n: int, hold: float, samples: int) -> tuple[dict, int]:
    stop = asyncio.Event()
    attack = Slowloris(port, n)
    task = asyncio.ensure_future(attack.run(stop))
    await asyncio.sleep(hold)
    result = await _served.sample_healthz(port, samples)
    stop.set()
    await task
    await asyncio.sleep(2)
    return result, attack.cut_off


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slow", type=int, nargs="+", default=[0, 500, 2000])
    parser.add_argument("--hold", type=float, default=15.0, help="seconds of slow traffic before sampling")
    parser.add_argument("--samples", type=int, default=100)
    _served.add_arguments(parser)
    args = parser.parse_args()

    rows: dict[int, dict] = {}

    def run(kind, server) -> None:
        for n in args.slow:
            rows.setdefault(n, {})[kind] = asyncio.run(measure(server.port, n, args.hold, args.samples))

    _served.on_each_server(args, {}, run)
    print(f"\n/healthz p50 / p99 with N slow connections held for {args.hold:g} s "
          f"({args.workers} workers x {args.threads} threads, {args.samples} samples, >3 s = missed)")
    print(f"{'':18} {'gthread (before)':44} {'planloom serve (after)':44}")
    for n, cells in rows.items():
        print(f"{f'{n} slow':18} " + " ".join(
            f"{_served.cell(cells[k][0]) + f', {cells[k][1]} cut off':44}" for k in _served.KINDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
