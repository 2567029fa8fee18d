"""Message-bus benchmark: what a request pays to get its bus, built per request (as before the bus moved
into the composition root) side by side with the one built at start, and a whole command through each.
Run: ``.venv/bin/python bench/bus.py [--rounds N]``.

Figures printed (p50 and p99 over ``--rounds`` after a warm-up, memory profile: no I/O):
- get the bus: a MessageBus built from the handler tables (every signature read) vs ``container.bus()``;
- one command (``ParseText``, which reads the user's context and runs the local interpreter) handled by
  a freshly built bus vs by the container's.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain import commands  # noqa: E402
from domain.services.handlers import COMMAND_HANDLERS, EVENT_HANDLERS  # noqa: E402
from domain.services.messagebus import MessageBus  # noqa: E402
from entrypoints.config import Settings  # noqa: E402
from entrypoints.container import build_container  # noqa: E402


def _timed(work, rounds: int) -> tuple[float, float]:
    for _ in range(max(10, rounds // 10)):
        work()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return statistics.median(samples) * 1e6, samples[int(len(samples) * 0.99) - 1] * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2000)
    rounds = parser.parse_args().rounds

    container = build_container(Settings(profile="memory", secret_key="bench-" * 8))
    deps = {name: provider() for name, provider in container.bus.kwargs.items() if name != "uow"}  # as wired

    def per_request() -> MessageBus:
        return MessageBus(container.uow, COMMAND_HANDLERS, EVENT_HANDLERS, deps)

    user = container.bus().handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    parse = commands.ParseText(actor_id=user.id, text="draft the Q3 report by Friday 3h p1 #work")
    rows = [
        ("get the bus", _timed(per_request, rounds), _timed(container.bus, rounds)),
        ("one ParseText command", _timed(lambda: per_request().handle(parse), rounds),
         _timed(lambda: container.bus().handle(parse), rounds)),
    ]
    print(f"{'':24}{'built per request':>28}{'built once (now)':>28}")
    print(f"{'':24}{'p50 us':>14}{'p99 us':>14}{'p50 us':>14}{'p99 us':>14}")
    for name, (before50, before99), (now50, now99) in rows:
        print(f"{name:24}{before50:14.1f}{before99:14.1f}{now50:14.1f}{now99:14.1f}")


if __name__ == "__main__":
    main()
