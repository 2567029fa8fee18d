"""The plan feed's iCalendar text: times across a DST change in the owner's zone, with the VTIMEZONE that
defines them, read back by icalendar + recurring-ical-events at the same instants; the same plan gives the
same bytes (and ETag); caps and token handling of the feed's model."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import icalendar
import recurring_ical_events

from adapters.ics.feed import etag, render
from domain.model.calendar_feed import FeedEntry, PlanFeed, block_uid, token_digest, well_formed

UTC = timezone.utc
ZONE = "Europe/Berlin"  # summer time from 29 March 2026, 02:00 -> 03:00


def _feed(*starts: datetime, title: str = "Deep work") -> PlanFeed:
    entries = tuple(FeedEntry(uid=block_uid(uuid.UUID(int=i)), start=s, end=s + timedelta(hours=1), title=title,
                              task_id=uuid.UUID(int=100 + i), pinned=i == 0) for i, s in enumerate(starts))
    return PlanFeed(user_id=uuid.uuid4(), timezone=ZONE, stamp=datetime(2026, 3, 1, tzinfo=UTC), entries=entries)


def test_times_cross_dst_in_the_owners_zone_at_the_same_instants():
    before, after = datetime(2026, 3, 27, 8, tzinfo=UTC), datetime(2026, 3, 30, 8, tzinfo=UTC)
    parsed = icalendar.Calendar.from_ical(render(_feed(before, after)))
    [zone] = parsed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == ZONE and zone.walk("DAYLIGHT") and zone.walk("STANDARD")
    events = sorted(recurring_ical_events.of(parsed).between(datetime(2026, 3, 20, tzinfo=UTC),
                                                             datetime(2026, 4, 5, tzinfo=UTC)),
                    key=lambda e: e["DTSTART"].dt)
    starts = [e["DTSTART"].dt for e in events]
    assert [s.astimezone(UTC) for s in starts] == [before, after]
    assert [(s.hour, s.utcoffset()) for s in starts] == [(9, timedelta(hours=1)), (10, timedelta(hours=2))]
    assert all(e["DTSTART"].params["TZID"] == ZONE for e in events)
    assert [str(e["UID"]) for e in events] == [block_uid(uuid.UUID(int=0)), block_uid(uuid.UUID(int=1))]
    assert "Pinned" in events[0]["CATEGORIES"].to_ical().decode()


def test_the_same_plan_reads_byte_for_byte_the_same_and_text_is_escaped():
    at = datetime(2026, 3, 27, 8, tzinfo=UTC)
    first, again = render(_feed(at, title="Plan; review, and\nship")), render(_feed(at, title="Plan; review, and\nship"))
    assert first == again and etag(first) == etag(again)
    assert etag(render(_feed(at + timedelta(minutes=15)))) != etag(first)
    [event] = icalendar.Calendar.from_ical(first).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Plan; review, and\nship"


def test_an_empty_plan_is_still_a_calendar():
    parsed = icalendar.Calendar.from_ical(render(_feed()))
    assert parsed.walk("VEVENT") == [] and str(parsed["X-WR-TIMEZONE"]) == ZONE


def test_tokens_are_checked_by_shape_and_kept_as_digests():
    token = "A" * 43
    assert well_formed(token) and not well_formed("short") and not well_formed("a" * 43 + "/")
    assert token_digest(token) != token and len(token_digest(token)) == 64
