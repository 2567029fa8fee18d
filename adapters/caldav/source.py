"""CalendarSource for CalDAV accounts: URL, username and (app) password, read with the ``caldav``
library (pinned below 2: its 2.x and 3.x pull in niquests and a urllib3 replacement that breaks
other tools in the same environment; 1.x uses requests).

Reading asks the server for the events of each calendar in the window (a time-range REPORT) and expands
recurring ones here, with the same reader as ICS files (adapters/ical.py), so occurrence keys are the
same whichever way a calendar arrives. Planloom's own blocks (written by ``write_blocks``, their UIDs
start with ``planloom-block-``) are never read back as busy time.

The server's host is vetted like a feed's (netguard: no loopback, private or link-local address unless
allowed) before any request; ``requests`` then resolves it again, so unlike feeds this check does not
hold against DNS rebinding.
"""
from __future__ import annotations

import socket
from datetime import datetime
from typing import Callable
from urllib.parse import urlsplit

import caldav
import icalendar
import requests
from caldav.lib import error as dav_error

from adapters import ical
from adapters.netguard import FetchRefused, parse_target, vetted_addresses
from domain.model import TimeBlock
from domain.model.calendar import MAX_EVENTS, CalendarConnection, ExternalEvent
from ports.calendars import CalendarSource, CalendarUnavailable, FetchResult, RemoteCalendar

TIMEOUT = 15.0
BLOCK_UID = "planloom-block-"
PRODID = "-//Planloom//Planloom blocks//EN"


class CaldavSource(CalendarSource):
    kinds = ("caldav",)

    def __init__(self, allow_private: bool = False, timeout: float = TIMEOUT,
                 resolver: Callable[..., list] = socket.getaddrinfo) -> None:
        self.allow_private, self.timeout, self.resolver = allow_private, timeout, resolver

    # -- connecting -------------------------------------------------------------------------------
    def _vet(self, url: str) -> None:
        try:
            target = parse_target(url)
            vetted_addresses(target.host, target.port, self.allow_private, self.resolver)
        except FetchRefused as exc:
            raise CalendarUnavailable(str(exc), permanent=exc.permanent) from None

    def _client(self, connection: CalendarConnection) -> caldav.DAVClient:
        self._vet(connection.url)
        return caldav.DAVClient(url=connection.url, username=connection.username, password=connection.secret,
                                timeout=self.timeout)

    def _calendar(self, client: caldav.DAVClient, url: str) -> caldav.Calendar:
        if urlsplit(url).netloc != urlsplit(str(client.url)).netloc:
            raise CalendarUnavailable("the calendar is not on the connection's server", permanent=True)
        return client.calendar(url=url)

    def _calendars(self, client: caldav.DAVClient, connection: CalendarConnection) -> list[caldav.Calendar]:
        if connection.calendar_url:
            return [self._calendar(client, connection.calendar_url)]
        return client.principal().calendars()

    # -- the port -----------------------------------------------------------------------------------
    def check(self, connection: CalendarConnection) -> None:
        with _errors():
            self._calendars(self._client(connection), connection)

    def calendars(self, connection: CalendarConnection) -> list[RemoteCalendar]:
        with _errors():
            found = self._client(connection).principal().calendars()
            return [RemoteCalendar(url=str(c.url), name=str(c.name or c.url)) for c in found]

    def fetch(self, connection: CalendarConnection, start: datetime, end: datetime) -> FetchResult:
        owners = frozenset({connection.username.lower()}) if "@" in connection.username else frozenset()
        events: list[ExternalEvent] = []
        with _errors():
            client = self._client(connection)
            for calendar in self._calendars(client, connection):
                for resource in calendar.search(start=start, end=end, event=True, expand=False):
                    parsed = ical.parse(resource.data)
                    events += [e for e in ical.events_between(parsed, start, end, owners=owners,
                                                              cap=MAX_EVENTS - len(events))
                               if not e.uid.startswith(BLOCK_UID)]
        return FetchResult(events=events)

    def write_blocks(self, connection: CalendarConnection, blocks: list[TimeBlock], titles: dict,
                     start: datetime, end: datetime) -> int:
        if not connection.write_calendar_url:
            raise CalendarUnavailable("no calendar was chosen to receive the plan", permanent=True)
        wanted = {f"{BLOCK_UID}{b.id}": b for b in blocks}
        changes = 0
        with _errors():
            calendar = self._calendar(self._client(connection), connection.write_calendar_url)
            held = {}
            for resource in calendar.search(start=start, end=end, event=True, expand=False):
                component = resource.icalendar_component
                uid = str(component.get("UID", ""))
                if uid.startswith(BLOCK_UID):
                    held[uid] = (resource, component)
            for uid, (resource, component) in held.items():
                if uid not in wanted:
                    resource.delete()
                    changes += 1
            for uid, block in wanted.items():
                title = titles.get(block.task_id, "Planloom")
                if uid in held and _same(held[uid][1], block, title):
                    continue
                calendar.save_event(_block_ics(uid, block, title))
                changes += 1
        return changes


def _same(component, block: TimeBlock, title: str) -> bool:
    return (component.get("DTSTART").dt == block.start and component.get("DTEND") is not None
            and component.get("DTEND").dt == block.end and str(component.get("SUMMARY", "")) == title)


def _block_ics(uid: str, block: TimeBlock, title: str) -> str:
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    event = icalendar.Event()
    event.add("UID", uid)
    event.add("DTSTAMP", block.start)
    event.add("DTSTART", block.start)
    event.add("DTEND", block.end)
    event.add("SUMMARY", title)
    event.add("TRANSP", "OPAQUE")
    event.add("X-PLANLOOM-BLOCK", str(block.id))
    event.add("X-PLANLOOM-TASK", str(block.task_id))
    calendar.add_component(event)
    return calendar.to_ical().decode()


class _errors:
    """The library's and the network's failures as CalendarUnavailable."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, traceback) -> bool:
        if exc is None or isinstance(exc, CalendarUnavailable):
            return False
        if isinstance(exc, ical.NotACalendar):
            raise CalendarUnavailable(str(exc), permanent=True) from None
        if isinstance(exc, dav_error.AuthorizationError):
            raise CalendarUnavailable("the server refused the username or password", permanent=True) from None
        if isinstance(exc, dav_error.NotFoundError):
            raise CalendarUnavailable("the server has no such calendar", permanent=True) from None
        if isinstance(exc, (dav_error.DAVError, requests.RequestException, OSError, ValueError)):
            raise CalendarUnavailable(f"the CalDAV server failed: {type(exc).__name__}: {exc}"[:300]) from None
        return False
