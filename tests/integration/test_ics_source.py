"""The ICS adapter against real .ics files served over HTTP by a local server: time zones and DST,
all-day events, RRULE with EXDATE and a moved occurrence, cancelled and free events; and the guards:
private addresses refused by default, a size cap, a timeout, no endless redirects."""
from __future__ import annotations

import socket
import time
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from adapters import ical
from adapters.ics.source import IcsSource
from domain.model.calendar import CalendarConnection
from ports.calendars import CalendarUnavailable
from tests.calendar_server import DATA

UTC = timezone.utc
START, END = datetime(2026, 3, 15, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC)


def feed(url: str) -> CalendarConnection:
    return CalendarConnection(id=uuid.uuid4(), user_id=uuid.uuid4(), kind="ics_url", name="Feed",
                              created_at=START, url="", secret=url)


def upload(text: str) -> CalendarConnection:
    return CalendarConnection(id=uuid.uuid4(), user_id=uuid.uuid4(), kind="ics_file", name="File",
                              created_at=START, secret=text)


def test_a_real_feed_read_over_http(calendar_server):
    url = calendar_server.serve_file("berlin_weekly.ics")
    events = IcsSource(allow_private=True).fetch(feed(url), START, END).events
    standups = [(e.start.astimezone(UTC), e.end.astimezone(UTC), e.title) for e in events
                if e.uid == "standup-2026@example.com"]
    assert standups == [  # 10:00 Berlin is 09:00 UTC before the change to summer time, 08:00 after
        (datetime(2026, 3, 16, 9, tzinfo=UTC), datetime(2026, 3, 16, 9, 30, tzinfo=UTC), "Weekly stand-up"),
        (datetime(2026, 3, 23, 9, tzinfo=UTC), datetime(2026, 3, 23, 9, 30, tzinfo=UTC), "Weekly stand-up"),
        (datetime(2026, 3, 30, 8, tzinfo=UTC), datetime(2026, 3, 30, 8, 30, tzinfo=UTC), "Weekly stand-up"),
        # 6 April is an EXDATE; 13 April was moved to the afternoon
        (datetime(2026, 4, 13, 12, tzinfo=UTC), datetime(2026, 4, 13, 13, tzinfo=UTC), "Weekly stand-up (moved)"),
        (datetime(2026, 4, 20, 8, tzinfo=UTC), datetime(2026, 4, 20, 8, 30, tzinfo=UTC), "Weekly stand-up"),
    ]
    keys = [e.key for e in events if e.uid == "standup-2026@example.com"]
    assert len(set(keys)) == 5 and keys[3].endswith("20260413T080000Z")  # the moved one keeps its recurrence id
    by_uid = {e.uid: e for e in events}
    assert (by_uid["offsite@example.com"].start, by_uid["offsite@example.com"].end) == (date(2026, 3, 18),
                                                                                        date(2026, 3, 20))
    assert by_uid["holiday@example.com"].transparent and not by_uid["holiday@example.com"].blocks
    assert by_uid["cancelled@example.com"].cancelled and not by_uid["cancelled@example.com"].blocks
    dentist = by_uid["dentist@example.com"]
    assert dentist.end - dentist.start == timedelta(minutes=45)  # DURATION instead of DTEND
    assert calendar_server.hits == ["/berlin_weekly.ics"]


def test_the_same_feed_reads_the_same_keys_twice(calendar_server):
    source = IcsSource(allow_private=True)
    url = calendar_server.serve_file("berlin_weekly.ics")
    first, second = (source.fetch(feed(url), START, END).events for _ in range(2))
    assert [e.key for e in first] == [e.key for e in second] and len(first) == 9


def test_an_uploaded_file_is_read_without_the_network():
    text = (DATA / "berlin_weekly.ics").read_text()
    source = IcsSource(resolver=_no_dns)
    source.check(upload(text))
    assert len(source.fetch(upload(text), START, END).events) == 9
    assert source.requests == 0


def test_floating_times_take_the_calendars_x_wr_timezone(calendar_server):
    url = calendar_server.serve_file("google_floating.ics")
    [event] = IcsSource(allow_private=True).fetch(feed(url), START, END).events
    assert event.start.astimezone(UTC) == datetime(2026, 3, 17, 13, tzinfo=UTC)  # 09:00 in New York (EDT)


def test_a_rule_that_floods_the_window_is_refused(calendar_server):
    url = calendar_server.serve_file("every_minute.ics")
    with pytest.raises(CalendarUnavailable, match="more than 5,000 events") as caught:
        IcsSource(allow_private=True).fetch(feed(url), START, END)
    assert caught.value.permanent


def test_declined_invitations_do_not_block_when_the_owner_is_known():
    calendar = ical.parse((DATA / "berlin_weekly.ics").read_bytes().decode().replace(
        "BEGIN:VEVENT\r\nUID:dentist@", "BEGIN:VEVENT\r\nUID:talk@example.com\r\nDTSTART:20260319T130000Z\r\n"
        "DTEND:20260319T140000Z\r\nATTENDEE;PARTSTAT=DECLINED:mailto:Me@Example.com\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:dentist@"))
    talk = {e.uid: e for e in ical.events_between(calendar, START, END, owners=frozenset({"me@example.com"}))}
    assert talk["talk@example.com"].declined and not talk["talk@example.com"].blocks
    assert not ical.occurrence(calendar.walk("VEVENT")[-2]).declined  # nobody named: nothing declined


@pytest.mark.parametrize("text", ["", "hello", "BEGIN:VCARD\r\nEND:VCARD\r\n", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT"])
def test_text_that_is_not_a_calendar_is_refused(text):
    with pytest.raises(CalendarUnavailable) as caught:
        IcsSource().check(upload(text))
    assert caught.value.permanent


def _no_dns(*args, **kwargs):
    raise AssertionError("no name may be resolved here")


def _resolving_to(address: str):
    return lambda host, port, **kw: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]


@pytest.mark.parametrize("url, resolver", [
    ("http://127.0.0.1:9/feed.ics", None),
    ("http://[::1]:9/feed.ics", None),
    ("http://169.254.169.254/latest/meta-data", None),
    ("http://calendar.internal.example/feed.ics", _resolving_to("10.1.2.3")),
    ("http://calendar.example/feed.ics", _resolving_to("192.168.0.10")),
])
def test_private_addresses_are_refused_by_default(url, resolver):
    source = IcsSource(resolver=resolver or _no_dns)
    with pytest.raises(CalendarUnavailable, match="non-public address") as caught:
        source.check(feed(url))
    assert caught.value.permanent


@pytest.mark.parametrize("location, refusal", [("ftp://calendar.example/feed.ics", "only http and https"),
                                                ("http://me:pw@calendar.example/feed.ics", "credentials")])
def test_each_redirect_is_vetted_like_the_first_address(calendar_server, location, refusal):
    url = calendar_server.serve("/moved.ics", status=302, headers={"Location": location})
    with pytest.raises(CalendarUnavailable, match=refusal):
        IcsSource(allow_private=True, resolver=_no_dns).fetch(feed(url), START, END)
    assert calendar_server.hits == ["/moved.ics"]


def test_redirects_are_followed_a_few_times_only(calendar_server):
    calendar_server.serve_file("berlin_weekly.ics", "/final.ics")
    calendar_server.serve("/hop.ics", status=301, headers={"Location": "/final.ics"})
    assert len(IcsSource(allow_private=True).fetch(feed(calendar_server.base + "/hop.ics"), START, END).events) == 9
    calendar_server.serve("/loop.ics", status=302, headers={"Location": "/loop.ics"})
    with pytest.raises(CalendarUnavailable, match="redirects"):
        IcsSource(allow_private=True).fetch(feed(calendar_server.base + "/loop.ics"), START, END)


def test_a_feed_over_the_size_cap_is_refused(calendar_server):
    declared = calendar_server.serve("/big.ics", b"X" * 2_000)
    endless = calendar_server.serve("/endless.ics", endless=True)
    source = IcsSource(allow_private=True, max_bytes=1_000)
    for url in (declared, endless):
        with pytest.raises(CalendarUnavailable, match="1,000") as caught:
            source.fetch(feed(url), START, END)
        assert caught.value.permanent


def test_a_slow_feed_times_out(calendar_server):
    slow = calendar_server.serve("/slow.ics", (DATA / "berlin_weekly.ics").read_bytes(), drip=0.2)
    stalled = calendar_server.serve("/stalled.ics", b"BEGIN:VCALENDAR", delay=3)
    source = IcsSource(allow_private=True, timeout=0.5)
    for url in (slow, stalled):
        began = time.monotonic()
        with pytest.raises(CalendarUnavailable) as caught:
            source.fetch(feed(url), START, END)
        assert not caught.value.permanent  # down now, maybe not later
        assert time.monotonic() - began < 2.5


@pytest.mark.parametrize("status, permanent", [(404, True), (410, True), (500, False), (503, False)])
def test_http_errors(calendar_server, status, permanent):
    url = calendar_server.serve("/e.ics", b"nope", status=status)
    with pytest.raises(CalendarUnavailable, match=f"HTTP {status}") as caught:
        IcsSource(allow_private=True).fetch(feed(url), START, END)
    assert caught.value.permanent is permanent


def test_an_unchanged_feed_is_not_read_again_the_same_day(calendar_server):
    body = (DATA / "berlin_weekly.ics").read_bytes()
    url = calendar_server.serve("/etag.ics", body, headers={"Content-Type": "text/calendar", "ETag": '"v1"'})
    source, connection = IcsSource(allow_private=True), feed(url)
    first = source.fetch(connection, START, END)
    assert len(first.events) == 9 and '"v1"' in first.cursor and not first.unchanged
    connection.cursor = first.cursor
    again = source.fetch(connection, START, END)
    assert again.unchanged and again.events == [] and again.cursor == first.cursor
    assert calendar_server.not_modified == 1
    next_day = source.fetch(connection, START, END + timedelta(days=1))  # the window reached a new day
    assert not next_day.unchanged and len(next_day.events) == 9
    calendar_server.serve("/etag.ics", body.replace(b"Dentist", b"Orthodontist"),
                          headers={"Content-Type": "text/calendar", "ETag": '"v2"'})
    changed = source.fetch(connection, START, END)
    assert not changed.unchanged and "Orthodontist" in {e.title for e in changed.events}
    assert calendar_server.hits == ["/etag.ics"] * 4
