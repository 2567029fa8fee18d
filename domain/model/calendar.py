"""Calendars a user connected, and the events read from them, turned into busy time.

A connection keeps two kinds of fields: what may be shown (name, kind, a display ``url``, the
username, the sync status) and ``secret``, its private material: a CalDAV password, an OAuth token set,
an ICS feed's full address (feed addresses are often capabilities) or an uploaded calendar's text. The
stores encrypt ``secret`` at rest and the API never returns it.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from uuid import UUID
from zoneinfo import ZoneInfo

from domain.errors import ValidationError
from domain.model import _checks
from domain.model.schedule import BusyTime

KINDS = ("ics_url", "ics_file", "caldav", "google")
STATUSES = ("pending", "ok", "error")
MAX_CONNECTIONS = 20          # per user
MAX_EVENTS = 5_000            # occurrences read from one calendar within the sync window
MAX_BUSY_DAYS = 31            # one imported event blocks at most this long (longer ones are clipped)
SOURCE = "calendar"           # BusyTime.source of imported busy time
NOTIFY_AFTER_FAILURES = 2     # transient failures in a row before the owner is told
# A calendar whose server gives no colour of its own is shown in one of these, chosen by its id (stable).
PALETTE = ("#4f46e5", "#0891b2", "#059669", "#d97706", "#db2777", "#7c3aed", "#dc2626", "#65a30d")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")  # #rrggbb, or the start of CalDAV's #rrggbbaa
SYNC_PERIOD = timedelta(minutes=15)  # the periodic sync reads each connection once per period
_SLOT_EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)


def sync_slot(connection_id: UUID, now: datetime, period: timedelta = SYNC_PERIOD) -> datetime:
    """The connection's latest periodic-sync moment at or before ``now``. Each connection has its own offset
    within the period, from a stable hash of its id (the same in every process and after restarts), so the
    periodic syncs of many connections are spread over the period instead of all made at one instant."""
    step = max(int(period.total_seconds()), 1)
    offset = timedelta(seconds=int.from_bytes(hashlib.sha256(connection_id.bytes).digest()[:8], "big") % step)
    first = _SLOT_EPOCH + offset
    return first + ((now - first) // period) * period


def sync_due(connection_id: UUID, last_synced: datetime | None, now: datetime,
             period: timedelta = SYNC_PERIOD) -> bool:
    """Whether the periodic sync should read the connection now: never synced, or not since its latest slot
    (a sync on demand after the slot counts: the next one is a period later)."""
    return last_synced is None or last_synced < sync_slot(connection_id, now, period)


@dataclass
class CalendarConnection:
    id: UUID
    user_id: UUID
    kind: str
    name: str
    created_at: datetime
    url: str = ""              # shown: the CalDAV server, or an ICS feed's origin only
    username: str = ""
    secret: str = ""           # never shown: see the module's docstring
    calendar_url: str = ""     # CalDAV: the calendar read (empty: every calendar of the account)
    write_calendar_url: str = ""  # CalDAV: the calendar that receives the plan's blocks (empty: none)
    blocks_time: bool = True   # whether its events keep the planner away
    status: str = "pending"
    last_error: str = ""
    last_synced_at: datetime | None = None
    cursor: str = ""           # the remote's incremental-sync token, when it has one
    failures: int = 0          # syncs failed in a row
    failing_since: datetime | None = None  # when the current run of failures began (None: the last sync worked)
    written: list[str] = field(default_factory=list)  # ids of the blocks last written to ``write_calendar_url``
    color: str = ""            # the read calendar's own colour (#rrggbb) when its server gave one
    # when the periodic sync last asked a worker to read it, not done since (None: no request pending); kept
    # by the stores beside ``to_dict``'s fields, so the periodic sync does not ask twice while one is pending
    sync_requested_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValidationError.for_field("kind", f"must be one of {', '.join(KINDS)}")
        self.name = _checks.text("name", self.name, min_len=1, max_len=100)
        self.url = _checks.text("url", self.url, max_len=2000)
        self.username = _checks.text("username", self.username, max_len=200)
        if self.status not in STATUSES:
            raise ValidationError.for_field("status", f"must be one of {', '.join(STATUSES)}")

    _SHOWN = ("kind", "name", "url", "username", "calendar_url", "write_calendar_url", "blocks_time", "status",
              "last_error", "cursor", "failures", "written", "color")

    def to_dict(self) -> dict:
        """Every field but ``secret``, JSON-ready (what a store keeps beside the encrypted secret)."""
        data = {name: getattr(self, name) for name in self._SHOWN}
        data["last_synced_at"] = self.last_synced_at.isoformat() if self.last_synced_at else None
        data["failing_since"] = self.failing_since.isoformat() if self.failing_since else None
        return data

    @classmethod
    def from_dict(cls, data: dict, *, id: UUID, user_id: UUID, created_at: datetime, secret: str,
                  sync_requested_at: datetime | None = None) -> "CalendarConnection":
        values = {name: data[name] for name in cls._SHOWN if name in data}
        synced, failing = data.get("last_synced_at"), data.get("failing_since")
        return cls(id=id, user_id=user_id, created_at=created_at, secret=secret, sync_requested_at=sync_requested_at,
                   last_synced_at=datetime.fromisoformat(synced) if synced else None,
                   failing_since=datetime.fromisoformat(failing) if failing else None, **values)

    @property
    def display_color(self) -> str:
        """The colour its events are shown in: the calendar's own, else a stable one from ``PALETTE``."""
        return self.color or PALETTE[self.id.int % len(PALETTE)]

    def take_color(self, colors: dict[str, str]) -> bool:
        """Keep the colour the server gives the calendar read (``colors``: address -> colour); whether it
        changed. A colour that is not #rrggbb(aa) is ignored."""
        found = _COLOR.match(colors.get(self.calendar_url, "") or "")
        color = found.group(0).lower() if found else self.color
        changed, self.color = color != self.color, color
        return changed

    def synced(self, now: datetime, cursor: str = "", color: str = "") -> None:
        """A read succeeded; ``color``, when the read told it, is the calendar's own colour."""
        self.status, self.last_error, self.last_synced_at, self.cursor = "ok", "", now, cursor
        self.sync_requested_at = None
        if color:
            self.take_color({self.calendar_url: color})
        self.failures, self.failing_since = 0, None

    def failed(self, now: datetime, error: str) -> None:
        """The last sync failed; the busy time it imported before stays as it was."""
        self.status, self.last_error, self.last_synced_at = "error", error[:500], now
        self.sync_requested_at = None  # tried: the next request comes at its next slot
        self.failures += 1
        if self.failing_since is None:
            self.failing_since = now

    def failure_worth_telling(self, permanent: bool) -> bool:
        """Whether the owner should hear of the current run of failures now: at once when retrying cannot
        help, else from the second failure in a row (one network hiccup heals itself at the next sync)."""
        return self.status == "error" and (permanent or self.failures >= NOTIFY_AFTER_FAILURES)


@dataclass(frozen=True)
class ExternalEvent:
    """One occurrence of an event as a calendar holds it. ``start``/``end`` are aware datetimes, floating
    ones (no zone) or dates (all-day); ``end`` None means the calendar gave none."""

    uid: str
    recurrence_id: str
    start: datetime | date
    end: datetime | date | None
    title: str = ""
    cancelled: bool = False
    transparent: bool = False  # "show as free"
    declined: bool = False     # the owner declined the invitation

    @property
    def key(self) -> str:
        """Unique per occurrence within one calendar, stable across syncs."""
        return f"{self.uid}\x1f{self.recurrence_id}"[:600]

    @property
    def blocks(self) -> bool:
        return not (self.cancelled or self.transparent or self.declined)


def uid_of_key(key: str) -> str:
    """The UID part of an occurrence's ``ExternalEvent.key``."""
    return key.split("\x1f", 1)[0]


def _instant(value: datetime | date, zone: ZoneInfo) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), zone)  # an all-day date starts at the owner's midnight
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)  # floating: the owner's wall time


def busy_interval(event: ExternalEvent, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    """When the event keeps its owner busy, in ``zone`` for dates and floating times; None if it does not.

    An all-day event with no end lasts its day (RFC 5545); a timed one with no end takes no time."""
    if not event.blocks:
        return None
    start = _instant(event.start, zone)
    end_value = event.end
    if end_value is None:
        end_value = event.start + timedelta(days=1) if not isinstance(event.start, datetime) else event.start
    end = _instant(end_value, zone)
    if end <= start:
        return None
    return start, end


def to_busy_times(events: list[ExternalEvent], connection: CalendarConnection, zone: ZoneInfo,
                  window: tuple[datetime, datetime], make_id) -> dict[str, BusyTime]:
    """The busy time ``events`` mean within ``window``, keyed by each occurrence's ``key`` (the first of
    two occurrences with one key wins). An interval is kept whole, so it reads the same at every sync,
    unless it lasts more than ``MAX_BUSY_DAYS``: then it is cut to that many days from the window's start."""
    low, high = window
    longest = timedelta(days=MAX_BUSY_DAYS)
    out: dict[str, BusyTime] = {}
    for event in events:
        interval = busy_interval(event, zone)
        if interval is None or event.key in out or interval[1] <= low or interval[0] >= high:
            continue
        start, end = interval
        if end - start > longest:
            start = max(start, low)
            end = min(end, start + longest)
        out[event.key] = BusyTime(id=make_id(), user_id=connection.user_id, start=start, end=end,
                                  title=(event.title or "")[:200], source=SOURCE, connection_id=connection.id,
                                  external_id=event.key)
    return out


@dataclass
class SyncOutcome:
    """What one sync changed in the user's busy time."""

    connection_id: UUID
    added: int = 0
    updated: int = 0
    removed: int = 0
    events: int = 0
    error: str = ""
    notes: list[str] = field(default_factory=list)
    blocks_pinned: int = 0       # Planloom's blocks moved in the calendar, pinned where they now are
    blocks_unscheduled: int = 0  # Planloom's blocks deleted in the calendar, their tasks re-planned

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.blocks_pinned or self.blocks_unscheduled)
