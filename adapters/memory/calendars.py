"""In-memory calendar connections, and a calendar source whose calendars the test writes."""
from __future__ import annotations

import copy
import threading
from datetime import datetime
from typing import Callable
from uuid import UUID

from domain.model import TimeBlock
from domain.model.calendar import MAX_EVENTS, CalendarConnection, ExternalEvent
from ports.calendars import (CalendarSource, CalendarStore, CalendarUnavailable, FeedTokenStore, FetchResult,
                             RemoteCalendar)


class MemoryCalendarStore(CalendarStore):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[UUID, CalendarConnection] = {}

    def get(self, user_id: UUID, connection_id: UUID) -> CalendarConnection | None:
        found = self._rows.get(connection_id)
        return copy.deepcopy(found) if found is not None and found.user_id == user_id else None

    def list(self, user_id: UUID) -> list[CalendarConnection]:
        found = sorted((c for c in self._rows.values() if c.user_id == user_id), key=lambda c: (c.created_at, str(c.id)))
        return copy.deepcopy(found)

    def put(self, connection: CalendarConnection) -> None:
        with self._lock:
            held = self._rows.get(connection.id)
            if held is None or held.user_id == connection.user_id:  # never another user's connection
                self._rows[connection.id] = copy.deepcopy(connection)

    def update(self, user_id: UUID, connection_id: UUID,
               change: Callable[[CalendarConnection], None]) -> CalendarConnection | None:
        with self._lock:
            found = self._rows.get(connection_id)
            if found is None or found.user_id != user_id:
                return None
            found = copy.deepcopy(found)
            change(found)
            self._rows[connection_id] = copy.deepcopy(found)
            return found

    def delete(self, user_id: UUID, connection_id: UUID) -> bool:
        with self._lock:
            found = self._rows.get(connection_id)
            if found is None or found.user_id != user_id:
                return False
            del self._rows[connection_id]
            return True

    def stale(self, before: datetime, limit: int, *,
              pending_since: datetime | None = None) -> list[tuple[UUID, UUID, datetime | None]]:
        due = [c for c in self._rows.values() if (c.last_synced_at is None or c.last_synced_at < before) and not (
            pending_since is not None and c.sync_requested_at is not None and c.sync_requested_at >= pending_since)]
        due.sort(key=lambda c: (c.last_synced_at is not None, c.last_synced_at or before, str(c.id)))
        return [(c.user_id, c.id, c.last_synced_at) for c in due[:limit]]

    def request_sync(self, connections: list[tuple[UUID, UUID]], at: datetime) -> None:
        with self._lock:
            for user_id, connection_id in connections:
                found = self._rows.get(connection_id)
                if found is not None and found.user_id == user_id:
                    found.sync_requested_at = at


class MemoryCalendarSource(CalendarSource):
    """Calendars held in memory, addressed by the connection's secret (a feed address, a file's text)
    or its ``calendar_url``: ``publish`` one, ``fail`` one. Events are single occurrences (no expansion)."""

    kinds = ("ics_url", "ics_file", "caldav", "google")

    def __init__(self) -> None:
        self.calendars_by_address: dict[str, list[ExternalEvent]] = {}
        self.failures: dict[str, CalendarUnavailable] = {}
        self.written: dict[str, list[TimeBlock]] = {}
        self.colors: dict[str, str] = {}  # address -> the colour its server gives it
        self.fetches = 0

    def publish(self, address: str, events: list[ExternalEvent]) -> None:
        self.calendars_by_address[address] = list(events)

    def fail(self, address: str, error: CalendarUnavailable | None) -> None:
        if error is None:
            self.failures.pop(address, None)
        else:
            self.failures[address] = error

    @staticmethod
    def _address(connection: CalendarConnection) -> str:
        return connection.calendar_url or connection.secret

    def check(self, connection: CalendarConnection) -> None:
        error = self.failures.get(self._address(connection))
        if error is not None and error.permanent:
            raise error

    def fetch(self, connection: CalendarConnection, start: datetime, end: datetime) -> FetchResult:
        self.fetches += 1
        address = self._address(connection)
        if address in self.failures:
            raise self.failures[address]
        if address not in self.calendars_by_address:
            raise CalendarUnavailable("no such calendar", permanent=True)
        events = [e for e in self.calendars_by_address[address] if _overlaps(e, start, end)]
        if len(events) > MAX_EVENTS:
            raise CalendarUnavailable(f"the calendar has more than {MAX_EVENTS} events in the window", permanent=True)
        return FetchResult(events=events, color=self.colors.get(address, "") if connection.calendar_url else "")

    def calendars(self, connection: CalendarConnection) -> list[RemoteCalendar]:
        """The calendars published under the connection's server address (``url``)."""
        return [RemoteCalendar(url=address, name=address, color=self.colors.get(address, ""))
                for address in sorted(self.calendars_by_address)
                if connection.url and address.startswith(connection.url)]

    def write_blocks(self, connection: CalendarConnection, blocks: list[TimeBlock], titles: dict,
                     start: datetime, end: datetime) -> int:
        if not connection.write_calendar_url:
            raise CalendarUnavailable("no calendar was chosen to receive the plan", permanent=True)
        if connection.write_calendar_url in self.failures:
            raise self.failures[connection.write_calendar_url]
        before = {b.id: (b.start, b.end) for b in self.written.get(connection.write_calendar_url, [])}
        after = {b.id: (b.start, b.end) for b in blocks}
        self.written[connection.write_calendar_url] = copy.deepcopy(blocks)
        return len(set(before) - set(after)) + sum(before.get(k) != v for k, v in after.items())


def _overlaps(event: ExternalEvent, start: datetime, end: datetime) -> bool:
    if not isinstance(event.start, datetime) or event.start.tzinfo is None:
        return True  # dates and floating times: the owner's zone decides, so keep them
    finish = event.end if isinstance(event.end, datetime) and event.end.tzinfo is not None else event.start
    return event.start < end and finish >= start


class MemoryFeedTokenStore(FeedTokenStore):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_user: dict[UUID, tuple[str, datetime]] = {}

    def issue(self, user_id: UUID, digest: str, now: datetime) -> None:
        with self._lock:
            self._by_user[user_id] = (digest, now)

    def revoke(self, user_id: UUID) -> bool:
        with self._lock:
            return self._by_user.pop(user_id, None) is not None

    def owner(self, digest: str) -> UUID | None:
        return next((user for user, (held, _) in self._by_user.items() if held == digest), None)

    def issued_at(self, user_id: UUID) -> datetime | None:
        held = self._by_user.get(user_id)
        return held[1] if held is not None else None
