"""Reading iCalendar (RFC 5545) text into event occurrences, shared by the calendar adapters (ICS
feeds and files, CalDAV): icalendar parses, recurring-ical-events expands RRULE/RDATE/EXDATE and
overridden occurrences (RECURRENCE-ID), VTIMEZONE and TZID give each time its zone.

Floating times stay floating unless the calendar names a zone in X-WR-TIMEZONE (Google's exports do);
dates stay dates: the sync puts both in the owner's zone.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events
import webcolors

from domain.model.calendar import MAX_EVENTS, ExternalEvent


class NotACalendar(ValueError):
    """The text is not an iCalendar the reader can use, or holds more than it reads."""


def parse(text: str | bytes) -> icalendar.Calendar:
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError... on bad input
        raise NotACalendar(f"not an iCalendar file: {exc}"[:300]) from None
    if not isinstance(calendar, icalendar.Calendar) or calendar.name != "VCALENDAR":
        raise NotACalendar("not an iCalendar file: no VCALENDAR")
    return calendar


def color_of(calendar: icalendar.Calendar) -> str:
    """The calendar's own colour as #rrggbb(aa), or "": Apple's X-APPLE-CALENDAR-COLOR (Nextcloud and iCloud
    exports), else RFC 7986's COLOR (a CSS colour name, though some write hex)."""
    for name in ("X-APPLE-CALENDAR-COLOR", "COLOR"):
        value = str(calendar.get(name, "") or "").strip()[:40]
        if value.startswith("#"):
            return value.lower()
        if value:
            try:
                return webcolors.name_to_hex(value.lower())
            except ValueError:
                continue
    return ""


def _zone_of(calendar: icalendar.Calendar) -> ZoneInfo | None:
    name = str(calendar.get("X-WR-TIMEZONE", "") or "")
    try:
        return ZoneInfo(name) if name and ".." not in name and not name.startswith("/") else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _moment(value, zone: ZoneInfo | None):
    if isinstance(value, datetime) and value.tzinfo is None and zone is not None:
        return value.replace(tzinfo=zone)
    return value


def _recurrence_key(value) -> str:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if isinstance(value, datetime):
        return value.strftime("%Y%m%dT%H%M%S")
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    return ""


def _declined(component, owners: frozenset[str]) -> bool:
    if not owners:
        return False
    attendees = component.get("ATTENDEE", [])
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        address = str(attendee).lower().removeprefix("mailto:")
        if address in owners and str(getattr(attendee, "params", {}).get("PARTSTAT", "")).upper() == "DECLINED":
            return True
    return False


def occurrence(component, zone: ZoneInfo | None = None, owners: frozenset[str] = frozenset(),
               recurring: bool = True) -> ExternalEvent | None:
    """One VEVENT occurrence as an ExternalEvent (None without a UID or start). The occurrence of an event
    that does not recur has no recurrence id: moving it updates it rather than making another."""
    start = component.get("DTSTART")
    uid = str(component.get("UID", "") or "")
    if start is None or not uid:
        return None
    end = component.get("DTEND")
    end_value = end.dt if end is not None else None
    if end_value is None and component.get("DURATION") is not None:
        end_value = start.dt + component["DURATION"].dt
    rid = component.get("RECURRENCE-ID")
    rid_value = (rid.dt if rid is not None else start.dt) if recurring else None
    return ExternalEvent(
        uid=uid[:400], recurrence_id=_recurrence_key(_moment(rid_value, zone)),
        start=_moment(start.dt, zone), end=_moment(end_value, zone) if end_value is not None else None,
        title=str(component.get("SUMMARY", "") or "")[:200],
        cancelled=str(component.get("STATUS", "")).upper() == "CANCELLED",
        transparent=str(component.get("TRANSP", "")).upper() == "TRANSPARENT",
        declined=_declined(component, owners))


_PERIOD_SECONDS = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 7 * 86400,
                   "MONTHLY": 28 * 86400, "YEARLY": 365 * 86400}
_EXPANDING = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH")
MAX_COMPONENTS = 20_000  # VEVENTs in one calendar, recurring or not


def _most_occurrences(component, start: datetime, end: datetime) -> int:
    """An upper bound of the component's occurrences in [start, end): read from its rules, before any
    expansion (expanding a rule that repeats every second to count it would be the attack itself)."""
    extra = len(component.get("RDATE", [])) if isinstance(component.get("RDATE"), list) else int("RDATE" in component)
    rule = component.get("RRULE")
    if rule is None:
        return 1 + extra
    freq = (rule.get("FREQ") or ["DAILY"])[0]
    interval = max(1, int((rule.get("INTERVAL") or [1])[0]))
    per_period = 1
    for part in _EXPANDING:
        per_period *= max(1, len(rule.get(part) or []))
    span = (end - start).total_seconds()
    bound = int(span // (_PERIOD_SECONDS.get(str(freq).upper(), 1) * interval) + 2) * per_period
    if rule.get("COUNT"):
        bound = min(bound, int(rule["COUNT"][0]))
    return bound + extra


def _sortable(value, zone: ZoneInfo | None) -> datetime:
    """An aware instant for ordering (dates and floating times read in ``zone``, else UTC)."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, datetime.min.time())
    return value if value.tzinfo is not None else value.replace(tzinfo=zone or timezone.utc)


def events_between(calendar: icalendar.Calendar, start: datetime, end: datetime, *,
                   owners: frozenset[str] = frozenset(), cap: int = MAX_EVENTS) -> list[ExternalEvent]:
    """Every occurrence overlapping [start, end), recurring events expanded, in start order. More than
    ``cap`` of them is NotACalendar, judged from the rules before expanding them (a rule that repeats every
    minute cannot flood the busy time, nor spend the CPU finding out)."""
    zone = _zone_of(calendar)
    components = calendar.walk("VEVENT")
    if len(components) > MAX_COMPONENTS:
        raise NotACalendar(f"the calendar holds more than {MAX_COMPONENTS:,} events; not imported")
    if sum(_most_occurrences(c, start, end) for c in components) > cap:
        raise NotACalendar(f"the calendar has more than {cap:,} events in the next weeks; not imported")
    recurring = {str(c.get("UID", "")) for c in components if {"RRULE", "RDATE", "RECURRENCE-ID"} & set(c)}
    # events that do not recur are read as they are (the library's expansion costs ~1 ms an event); dates and
    # floating times are kept with a day's margin, the sync places them in the owner's zone
    events = [event for event in (occurrence(c, zone, owners, recurring=False) for c in components
                                  if str(c.get("UID", "")) not in recurring)
              if event is not None and _near(event, start, end)]
    if recurring:
        series = icalendar.Calendar()
        for component in calendar.subcomponents:
            if component.name == "VTIMEZONE" or (component.name == "VEVENT"
                                                 and str(component.get("UID", "")) in recurring):
                series.add_component(component)
        try:
            found = recurring_ical_events.of(series, skip_bad_series=True).between(start, end)
        except Exception as exc:  # a broken rule or zone inside an otherwise readable file
            raise NotACalendar(f"the calendar could not be expanded: {exc}"[:300]) from None
        events += [event for event in (occurrence(c, zone, owners) for c in found) if event is not None]
    if len(events) > cap:
        raise NotACalendar(f"the calendar has more than {cap:,} events in the next weeks; not imported")
    return sorted(events, key=lambda e: (_sortable(e.start, zone), e.key))


def _near(event: ExternalEvent, start: datetime, end: datetime) -> bool:
    margin = timedelta(days=1)
    begins = _sortable(event.start, None)
    finishes = _sortable(event.end, None) if event.end is not None else begins + margin
    return begins < end + margin and finishes > start - margin
