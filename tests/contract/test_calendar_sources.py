"""The calendar-source contract on every adapter: the memory twin, ICS feeds over HTTP (a local server),
uploaded ICS files, and CalDAV (a real Radicale server). A calendar is published through each adapter's
own medium, then read back through the port."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from adapters.caldav.source import CaldavSource
from adapters.ics.source import IcsSource
from adapters.memory.calendars import MemoryCalendarSource
from domain.model.calendar import CalendarConnection, ExternalEvent
from ports.calendars import CalendarUnavailable
from tests.calendar_server import ics

UTC = timezone.utc
NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
WINDOW = (NOW - timedelta(days=1), NOW + timedelta(weeks=8))


class Published:
    """A source and a way to put a calendar where it reads: ``publish(events) -> connection``."""

    def __init__(self, source, publish) -> None:
        self.source, self.publish = source, publish


def _events_text(events) -> str:
    return ics(*[(e.uid, e.start, e.end, e.title, *(["STATUS:CANCELLED"] if e.cancelled else []))
                 for e in events])


@pytest.fixture(params=["memory", "ics_url", "ics_file", "caldav"])
def published(request) -> Published:
    kind = request.param
    if kind == "memory":
        source = MemoryCalendarSource()

        def publish(events):
            address = f"mem://{uuid.uuid4().hex}"
            source.publish(address, events)
            return _connection("ics_url", address)

        return Published(source, publish)
    if kind == "ics_url":
        server = request.getfixturevalue("calendar_server")

        def publish(events):
            return _connection("ics_url", server.serve(f"/{uuid.uuid4().hex}.ics", _events_text(events)))

        return Published(IcsSource(allow_private=True), publish)
    if kind == "caldav":
        server = request.getfixturevalue("radicale")

        def publish(events):
            calendar = server.new_calendar()
            for event in events:
                calendar.save_event(_events_text([event]))
            connection = _connection("caldav", server.password)
            connection.url, connection.username, connection.calendar_url = server.url, server.username, str(calendar.url)
            return connection

        return Published(CaldavSource(allow_private=True), publish)
    return Published(IcsSource(), lambda events: _connection("ics_file", _events_text(events)))


def _connection(kind: str, secret: str) -> CalendarConnection:
    return CalendarConnection(id=uuid.uuid4(), user_id=uuid.uuid4(), kind=kind, name="c", created_at=NOW,
                              secret=secret)


def _event(uid: str, hours: float, length: float = 1, **kw) -> ExternalEvent:
    start = NOW + timedelta(hours=hours)
    return ExternalEvent(uid=uid, recurrence_id="", start=start, end=start + timedelta(hours=length),
                         title=kw.pop("title", uid), **kw)


def _read(published, connection):
    return published.source.fetch(connection, *WINDOW).events


def test_events_in_the_window_come_back_as_published(published):
    connection = published.publish([_event("a@x", 2, title="Standup"), _event("b@x", 30, 2),
                                    _event("c@x", 5, cancelled=True), _event("old@x", -24 * 30),
                                    _event("far@x", 24 * 7 * 10)])
    found = {e.uid: e for e in _read(published, connection)}
    assert set(found) == {"a@x", "b@x", "c@x"}
    assert (found["a@x"].start, found["a@x"].end, found["a@x"].title) == (
        NOW + timedelta(hours=2), NOW + timedelta(hours=3), "Standup")
    assert found["b@x"].end - found["b@x"].start == timedelta(hours=2)
    assert found["c@x"].cancelled and not found["c@x"].blocks and found["a@x"].blocks


def test_keys_are_stable_and_follow_the_uid_when_an_event_moves(published):
    first = {e.key: e for e in _read(published, published.publish([_event("a@x", 2), _event("b@x", 4)]))}
    again = {e.key: e for e in _read(published, published.publish([_event("a@x", 3), _event("b@x", 4)]))}
    assert set(first) == set(again) and len(first) == 2
    assert [again[k].start - first[k].start for k in sorted(first)] == [timedelta(hours=1), timedelta(0)]


def test_an_empty_calendar_is_no_events(published):
    assert _read(published, published.publish([])) == []


def test_a_calendar_that_cannot_be_read_is_unavailable(published):
    connection = published.publish([])
    if connection.kind == "caldav":
        connection.calendar_url += "gone/"
    else:
        connection.secret = "missing" if connection.kind == "ics_file" else connection.secret + "-gone"
    with pytest.raises(CalendarUnavailable) as caught:
        published.source.fetch(connection, *WINDOW)
    assert caught.value.permanent
