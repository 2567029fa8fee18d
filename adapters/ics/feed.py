"""The plan feed as iCalendar text (RFC 5545): one VEVENT per block, times in the owner's zone with a
TZID and the VTIMEZONE that defines it (calendar apps that ignore the zone database still place
them right across DST), the same bytes for the same plan (DTSTAMP is when the plan was made), so the
feed's ETag only changes when the plan does."""
from __future__ import annotations

import hashlib
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar

from domain.model.calendar_feed import PlanFeed

PRODID = "-//Planloom//Planloom plan feed//EN"
REFRESH = timedelta(minutes=15)  # how often subscribers are asked to read it again


def render(feed: PlanFeed) -> bytes:
    zone = ZoneInfo(feed.timezone)
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", "Planloom plan")
    calendar.add("X-WR-TIMEZONE", feed.timezone)
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(REFRESH))
    for entry in feed.entries:
        event = icalendar.Event()
        event.add("UID", entry.uid)
        event.add("DTSTAMP", feed.stamp)
        event.add("DTSTART", entry.start.astimezone(zone))
        event.add("DTEND", entry.end.astimezone(zone))
        event.add("SUMMARY", entry.title)
        event.add("TRANSP", "OPAQUE")
        event.add("CATEGORIES", ["Planloom"] + (["Pinned"] if entry.pinned else []))
        event.add("X-PLANLOOM-TASK", str(entry.task_id))
        calendar.add_component(event)
    if feed.entries:
        calendar.add_missing_timezones()
    return calendar.to_ical()


def etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
