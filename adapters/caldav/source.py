"""CalendarSource for CalDAV accounts: URL, username and (app) password, read with the ``caldav``
library (pinned below 2: its 2.x and 3.x pull in niquests and a urllib3 replacement that breaks
other tools in the same environment; 1.x uses requests).

Reading asks the server for the events of each calendar in the window (a time-range REPORT) and expands
recurring ones here, with the same reader as ICS files (adapters/ical.py), so occurrence keys are the
same whichever way a calendar arrives. Planloom's own blocks (written by ``write_blocks``, their UIDs
start with ``planloom-block-``) are never read back as busy time.

The server's host is vetted like a feed's (netguard: no loopback, private or link-local address unless
allowed; PLANLOOM_CALENDAR_ALLOW_PRIVATE allows them): the client's session goes through netguard's
PinnedAdapter, which resolves each host once, vets every address, and connects only to the vetted one
(no environment proxy), so a second DNS answer (rebinding) is never used, redirects included.
"""
from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Callable
from urllib.parse import unquote, urlsplit
from uuid import UUID

import caldav
import icalendar
import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth
from caldav.elements import dav
from caldav.elements.ical import CalendarColor
from caldav.lib import error as dav_error

from adapters import ical
from adapters.netguard import FetchRefused, parse_target, pinned_session, vetted_addresses
from domain.model import TimeBlock
from domain.model.calendar import MAX_EVENTS, CalendarConnection, ExternalEvent
from ports.calendars import CalendarSource, CalendarUnavailable, FetchResult, RemoteCalendar, WrittenBlock

TIMEOUT = 15.0
BLOCK_UID = "planloom-block-"
PRODID = "-//Planloom//Planloom blocks//EN"
MAX_NAMES = 500  # resources whose address does not name their UID, remembered in the cursor


class CaldavSource(CalendarSource):
    kinds = ("caldav",)

    def __init__(self, allow_private: bool = False, timeout: float = TIMEOUT,
                 resolver: Callable[..., list] = socket.getaddrinfo) -> None:
        self.allow_private, self.timeout, self.resolver = allow_private, timeout, resolver
        self._schemes: dict[str, type] = {}  # server origin -> the auth scheme its 401 asked for

    # -- connecting -------------------------------------------------------------------------------
    def _vet(self, url: str) -> None:
        try:
            target = parse_target(url)
            vetted_addresses(target.host, target.port, self.allow_private, self.resolver)
        except FetchRefused as exc:
            raise CalendarUnavailable(str(exc), permanent=exc.permanent) from None

    def _client(self, connection: CalendarConnection) -> caldav.DAVClient:
        self._vet(connection.url)
        client = caldav.DAVClient(url=connection.url, username=connection.username, password=connection.secret,
                                  timeout=self.timeout)
        pinned_session(client.session, self.allow_private, self.resolver)  # connect only to vetted addresses
        scheme = self._schemes.get(_origin(connection.url))
        if scheme is not None:  # the server said which scheme it takes: skip the unauthenticated 401 round trip
            client.auth = scheme(connection.username, connection.secret)
        return client

    def _learn(self, connection: CalendarConnection, client: caldav.DAVClient) -> None:
        """Remember the scheme the server asked for (Basic or Digest, never guessed: a password is only ever
        sent in the form this server's own 401 asked for)."""
        if isinstance(client.auth, (HTTPBasicAuth, HTTPDigestAuth)):
            self._schemes[_origin(connection.url)] = type(client.auth)

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
            return [RemoteCalendar(url=str(c.url), name=str(c.name or c.url), color=_color(c)) for c in found]

    def fetch(self, connection: CalendarConnection, start: datetime, end: datetime) -> FetchResult:
        """Incremental when it can be: with the sync tokens of the last read (RFC 6578 sync-collection) and
        the window ending on the same day, only what changed since is read; a token the server no longer
        knows, a new day, other calendars or a deletion whose UID cannot be told read the window whole."""
        owners = frozenset({connection.username.lower()}) if "@" in connection.username else frozenset()
        day = f"{end:%Y-%m-%d}"
        with _errors():
            client = self._client(connection)
            try:
                calendars = self._calendars(client, connection)
                state = _Cursor.load(connection.cursor)
                if state is not None and state.day == day and set(state.tokens) == {str(c.url) for c in calendars}:
                    changes = self._changes(calendars, state, start, end, owners)
                    if changes is not None:
                        return changes
                whole = self._whole(calendars, start, end, owners, day)
                # the one calendar read tells its colour on a whole read (one PROPFIND, at most daily)
                return replace(whole, color=_color(calendars[0])) if connection.calendar_url else whole
            finally:
                self._learn(connection, client)

    def _whole(self, calendars: list, start: datetime, end: datetime, owners: frozenset[str], day: str) -> FetchResult:
        events: list[ExternalEvent] = []
        state = _Cursor(day=day)
        for calendar in calendars:
            token = _sync_token(calendar)  # before reading: a change made meanwhile is seen next time
            if token:
                state.tokens[str(calendar.url)] = token
            for resource in calendar.search(start=start, end=end, event=True, expand=False):
                parsed = ical.parse(resource.data)
                state.remember(str(resource.url), parsed)
                events += self._events(parsed, start, end, owners, MAX_EVENTS - len(events))
        complete = len(state.tokens) == len(calendars)
        return FetchResult(events=events, cursor=state.dump() if complete else "")

    def _changes(self, calendars: list, state: "_Cursor", start: datetime, end: datetime,
                 owners: frozenset[str]) -> FetchResult | None:
        """What changed since ``state``'s tokens, or None when only a whole read can tell."""
        replaced: set[str] = set()
        changed: list[tuple[caldav.Calendar, list]] = []
        for calendar in calendars:
            try:
                found = calendar.objects_by_sync_token(sync_token=state.tokens[str(calendar.url)])
            except dav_error.DAVError:  # 403/412 (DAV:valid-sync-token): the server forgot the token
                return None
            state.tokens[str(calendar.url)] = found.sync_token
            urls = []
            for resource in found:
                href = str(resource.url)
                if resource.props.get(dav.GetEtag.tag) is None:  # gone (RFC 6578: a 404 response)
                    uid = state.forget(href)
                    if uid is None:
                        return None
                    replaced.add(uid)
                else:
                    urls.append(resource.url)
            if urls:
                changed.append((calendar, urls))
        if not replaced and not changed:
            return FetchResult(events=[], cursor=state.dump(), unchanged=True)
        events: list[ExternalEvent] = []
        for calendar, urls in changed:
            for resource in calendar.multiget(urls):
                href = str(resource.url)
                previous = state.forget(href)
                if previous is not None:
                    replaced.add(previous)
                if not resource.data:  # deleted between the two requests
                    if previous is None:
                        return None
                    continue
                parsed = ical.parse(resource.data)
                replaced |= state.remember(href, parsed)
                events += self._events(parsed, start, end, owners, MAX_EVENTS - len(events))
        return FetchResult(events=events, cursor=state.dump(), partial=True, replaced=frozenset(replaced))

    @staticmethod
    def _events(parsed, start: datetime, end: datetime, owners: frozenset[str], cap: int) -> list[ExternalEvent]:
        return [e for e in ical.events_between(parsed, start, end, owners=owners, cap=cap)
                if not e.uid.startswith(BLOCK_UID)]

    def read_blocks(self, connection: CalendarConnection, start: datetime, end: datetime) -> dict[UUID, WrittenBlock]:
        if not connection.write_calendar_url:
            return {}
        with _errors():
            client = self._client(connection)
            found = {}
            for _resource, component in self._held(client, connection, start, end).values():
                seen = _written(component)
                if seen is not None:
                    found[seen.block_id] = seen
            return found

    def _held(self, client: caldav.DAVClient, connection: CalendarConnection, start: datetime, end: datetime) -> dict:
        """Planloom's events in the receiving calendar within the window: UID -> (resource, VEVENT)."""
        calendar = self._calendar(client, connection.write_calendar_url)
        held = {}
        for resource in calendar.search(start=start, end=end, event=True, expand=False):
            component = resource.icalendar_component
            uid = str(component.get("UID", ""))
            if uid.startswith(BLOCK_UID):
                held[uid] = (resource, component)
        return held

    def write_blocks(self, connection: CalendarConnection, blocks: list[TimeBlock], titles: dict,
                     start: datetime, end: datetime) -> int:
        if not connection.write_calendar_url:
            raise CalendarUnavailable("no calendar was chosen to receive the plan", permanent=True)
        wanted = {f"{BLOCK_UID}{b.id}": b for b in blocks}
        changes = 0
        with _errors():
            client = self._client(connection)
            calendar = self._calendar(client, connection.write_calendar_url)
            held = self._held(client, connection, start, end)
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


def _when(component, name: str) -> datetime | None:
    value = component.get(name)
    moment = getattr(value, "dt", None)
    return moment if isinstance(moment, datetime) and moment.tzinfo is not None else None


def _written(component) -> WrittenBlock | None:
    """The block an event of Planloom's stands for, where it is and where Planloom put it; None for an event
    that cannot be read as one (no block id, no times)."""
    try:
        block_id = UUID(str(component.get("X-PLANLOOM-BLOCK", "")))
    except ValueError:
        return None
    start, end = _when(component, "DTSTART"), _when(component, "DTEND")
    if start is None or end is None:
        return None
    written_start = _instant(component.get("X-PLANLOOM-START")) or start  # events written before the marker
    written_end = _instant(component.get("X-PLANLOOM-END")) or end
    return WrittenBlock(block_id=block_id, start=start, end=end, written_start=written_start,
                        written_end=written_end)


def _instant(value) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value)) if value is not None else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _same(component, block: TimeBlock, title: str) -> bool:
    """The event shows the block as it is, and says Planloom put it there (a moved event that the plan now
    agrees with gets its markers rewritten)."""
    seen = _written(component)
    return (seen is not None and (seen.start, seen.end) == (block.start, block.end) and not seen.moved_outside
            and str(component.get("SUMMARY", "")) == title)


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
    # where Planloom put it: an event whose times differ from these was moved outside Planloom
    event.add("X-PLANLOOM-START", block.start.isoformat())
    event.add("X-PLANLOOM-END", block.end.isoformat())
    calendar.add_component(event)
    return calendar.to_ical().decode()


def _sync_token(calendar: caldav.Calendar) -> str:
    """The collection's DAV:sync-token (RFC 6578 section 4), or "" when the server has none."""
    try:
        return str(calendar.get_property(dav.SyncToken()) or "")
    except dav_error.DAVError:
        return ""


@dataclass
class _Cursor:
    """A CalDAV connection's cursor: the day its window ended on, each calendar's sync token, and the UID of
    each resource whose address does not say it (``<uid>.ics`` is the usual name): a deletion reports only
    the address. ``complete`` is False once ``names`` was cut to ``MAX_NAMES``."""

    day: str
    tokens: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    complete: bool = True

    @classmethod
    def load(cls, text: str) -> "_Cursor | None":
        if not text.startswith("{"):
            return None
        try:
            data = json.loads(text)
            return cls(day=str(data["day"]), tokens=dict(data["tokens"]), names=dict(data["names"]),
                       complete=bool(data["complete"]))
        except (ValueError, KeyError, TypeError):
            return None

    def dump(self) -> str:
        return json.dumps({"day": self.day, "tokens": self.tokens, "names": self.names, "complete": self.complete},
                          separators=(",", ":"))

    def remember(self, href: str, parsed) -> set[str]:
        """The UIDs the resource at ``href`` holds; its name is kept when the address does not say it."""
        uids = {str(c.get("UID", "")) for c in parsed.walk("VEVENT")} - {""}
        if len(uids) == 1 and _uid_of(href) not in uids:
            if len(self.names) < MAX_NAMES:
                self.names[href] = next(iter(uids))
            else:
                self.complete = False
        return uids

    def forget(self, href: str) -> str | None:
        """The UID of the resource that was at ``href``, or None when it cannot be told."""
        known = self.names.pop(href, None)
        if known is not None:
            return known
        return _uid_of(href) if self.complete else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _uid_of(href: str) -> str:
    name = unquote(urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1])
    return name[:-4] if name.endswith(".ics") else name


class _errors:
    """The library's and the network's failures as CalendarUnavailable."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, traceback) -> bool:
        if exc is None or isinstance(exc, CalendarUnavailable):
            return False
        if isinstance(exc, FetchRefused):
            raise CalendarUnavailable(str(exc), permanent=exc.permanent) from None
        if isinstance(exc, ical.NotACalendar):
            raise CalendarUnavailable(str(exc), permanent=True) from None
        if isinstance(exc, dav_error.AuthorizationError):
            raise CalendarUnavailable("the server refused the username or password", permanent=True) from None
        if isinstance(exc, dav_error.NotFoundError):
            raise CalendarUnavailable("the server has no such calendar", permanent=True) from None
        if isinstance(exc, (dav_error.DAVError, requests.RequestException, OSError, ValueError)):
            raise CalendarUnavailable(f"the CalDAV server failed: {type(exc).__name__}: {exc}"[:300]) from None
        return False


def _color(calendar: caldav.Calendar) -> str:
    """The calendar's Apple calendar-color (#RRGGBB or #RRGGBBAA), or "" when it has none (one PROPFIND)."""
    return str(calendar.get_property(CalendarColor()) or "").strip()[:20]
