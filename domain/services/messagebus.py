"""Dispatch commands to their handler and the events they raise to theirs.

Handlers are plain functions whose parameters after the message are named dependencies
(``uow``, ``clock``, ``hasher``...). The bus is built once, at start, by the composition root: each
handler's signature is read then, and each handled command gets a fresh unit of work (so one bus serves
every thread). A handler that runs another use case asks for ``bus`` and sends it the command.
"""
from __future__ import annotations

import inspect
import logging
import threading
import time
from collections import Counter
from typing import Any, Callable

from domain.commands import Command
from domain.events import Event
from ports.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

Handler = Callable[..., Any]


class _Bound:
    """A handler with its dependencies resolved once; only the unit of work changes per call."""

    def __init__(self, handler: Handler, dependencies: dict[str, Any]) -> None:
        params = list(inspect.signature(handler).parameters)[1:]
        missing = [name for name in params if name not in dependencies and name != "uow"]
        if missing:
            raise TypeError(f"{handler.__name__} needs dependencies {missing}")
        self.handler, self.wants_uow = handler, "uow" in params
        self.deps = {name: dependencies[name] for name in params if name != "uow"}

    def __call__(self, message: Any, uow: UnitOfWork) -> Any:
        return self.handler(message, uow=uow, **self.deps) if self.wants_uow else self.handler(message, **self.deps)


class MessageBus:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork] | UnitOfWork,
        command_handlers: dict[type[Command], Handler],
        event_handlers: dict[type[Event], list[Handler]],
        dependencies: dict[str, Any],
    ) -> None:
        """``uow``: a factory of units of work, one per handled command; or one unit of work that every
        command reuses (single-threaded tests only)."""
        self._make_uow = (lambda: uow) if isinstance(uow, UnitOfWork) else uow
        deps = {"bus": self, **dependencies}
        self._commands = {kind: _Bound(h, deps) for kind, h in command_handlers.items()}
        self._events = {kind: [_Bound(h, deps) for h in hs] for kind, hs in event_handlers.items()}
        self.failures: Counter[str] = Counter()  # event-handler failures per event, for the process's life
        self._telemetry = dependencies.get("telemetry")  # each command timed, when the composition gives one
        self._lock = threading.Lock()

    @property
    def uow(self) -> UnitOfWork:
        """A unit of work like the ones handlers get (for reads next to the bus)."""
        return self._make_uow()

    def handle(self, command: Command) -> Any:
        """Run the command's handler (its errors propagate), then every event it raised."""
        try:
            handler = self._commands[type(command)]
        except KeyError:
            raise TypeError(f"no handler for {type(command).__name__}") from None
        started, failed = time.perf_counter(), True
        try:
            uow = self._make_uow()
            result = handler(command, uow)
            queue = list(uow.collect_new_events())
            while queue:
                event = queue.pop(0)
                self._dispatch(event, uow)
                queue.extend(uow.collect_new_events())
            failed = False
            return result
        finally:
            if self._telemetry is not None:
                self._telemetry.observe_command(type(command).__name__, time.perf_counter() - started, failed)

    def _dispatch(self, event: Event, uow: UnitOfWork) -> None:
        for handler in self._events.get(type(event), []):
            try:
                handler(event, uow)
            except Exception:  # an event handler's failure must not undo the command
                with self._lock:
                    self.failures[type(event).__name__] += 1
                log.exception("event handler failed for %r", event)
