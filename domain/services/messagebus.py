"""Dispatch commands to their handler and the events they raise to theirs.

Handlers are plain functions whose parameters after the message are named dependencies
(``uow``, ``clock``, ``hasher``...), injected once at construction.
"""
from __future__ import annotations

import inspect
import logging
from collections import Counter
from typing import Any, Callable

from domain.commands import Command
from domain.events import Event

log = logging.getLogger(__name__)

Handler = Callable[..., Any]


def _inject(handler: Handler, dependencies: dict[str, Any]) -> Callable[[Any], Any]:
    params = list(inspect.signature(handler).parameters)[1:]
    missing = [name for name in params if name not in dependencies]
    if missing:
        raise TypeError(f"{handler.__name__} needs dependencies {missing}")
    deps = {name: dependencies[name] for name in params}
    return lambda message: handler(message, **deps)


class MessageBus:
    def __init__(
        self,
        uow: Any,
        command_handlers: dict[type[Command], Handler],
        event_handlers: dict[type[Event], list[Handler]],
        dependencies: dict[str, Any],
    ) -> None:
        self.uow = uow
        deps = {"uow": uow, **dependencies}
        self._commands = {kind: _inject(h, deps) for kind, h in command_handlers.items()}
        self._events = {kind: [_inject(h, deps) for h in hs] for kind, hs in event_handlers.items()}
        self.failures: Counter[str] = Counter()

    def handle(self, command: Command) -> Any:
        """Run the command's handler (its errors propagate), then every event it raised."""
        try:
            handler = self._commands[type(command)]
        except KeyError:
            raise TypeError(f"no handler for {type(command).__name__}") from None
        result = handler(command)
        queue = list(self.uow.collect_new_events())
        while queue:
            event = queue.pop(0)
            self._dispatch(event)
            queue.extend(self.uow.collect_new_events())
        return result

    def _dispatch(self, event: Event) -> None:
        for handler in self._events.get(type(event), []):
            try:
                handler(event)
            except Exception:  # an event handler's failure must not undo the command
                self.failures[type(event).__name__] += 1
                log.exception("event handler failed for %r", event)
