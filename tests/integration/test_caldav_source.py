"""The CalDAV adapter against a real Radicale server: list calendars, read recurring events expanded
(EXDATE, a moved occurrence, DST), follow updates and deletes, refuse bad credentials and private
addresses, and write the plan's blocks back, only the difference, never read back as busy time."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import icalendar
import pytest

from adapters.caldav.source import BLOCK_UID, CaldavSource
from domain.model import TimeBlock
from domain.model.calendar import CalendarConnection
from ports.calendars import CalendarUnavailable
from tests.calendar_server import DATA, ics

UTC = timezone.utc
START, END = datetime(2026, 3, 15, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC)


def account(radicale, **values) -> CalendarConnection:
    base = dict(id=uuid.uuid4(), user_id=uuid.uuid4(), kind="caldav", name="Dav", created_at=START,
                url=radicale.url, username=radicale.username, secret=radicale.password)
    return CalendarConnection(**(base | values))


def by_uid(text: bytes) -> list[str]:
    """An .ics file as one calendar per UID, each with the file's time zones."""
    whole = icalendar.Calendar.from_ical(text)
    zones = whole.walk("VTIMEZONE")
    out: dict[str, icalendar.Calendar] = {}
    for event in whole.walk("VEVENT"):
        if str(event["UID"]) not in out:
            part = out[str(event["UID"])] = icalendar.Calendar()
            part.add("PRODID", "-//tests//EN")
            part.add("VERSION", "2.0")
            for zone in zones:
                part.add_component(zone)
        out[str(event["UID"])].add_component(event)
    return [c.to_ical().decode() for c in out.values()]


def test_lists_the_accounts_calendars(radicale):
    made = radicale.new_calendar("Listed " + uuid.uuid4().hex[:6])
    found = CaldavSource(allow_private=True).calendars(account(radicale))
    assert str(made.url) in [c.url for c in found] and made.name in [c.name for c in found]
    assert {c.color for c in found if c.url == str(made.url)} == {""}  # no colour of its own


def test_a_calendars_own_colour_is_listed(radicale):
    from caldav.elements import ical

    made = radicale.new_calendar("Coloured " + uuid.uuid4().hex[:6])
    made.set_properties([ical.CalendarColor("#F83A22FF")])
    found = CaldavSource(allow_private=True).calendars(account(radicale))
    assert [c.color for c in found if c.url == str(made.url)] == ["#F83A22FF"]


def test_a_whole_read_of_one_calendar_carries_its_colour(radicale):
    from caldav.elements import ical

    made = radicale.new_calendar("Coloured " + uuid.uuid4().hex[:6])
    source, connection = CaldavSource(allow_private=True), account(radicale, calendar_url=str(made.url))
    assert source.fetch(connection, START, END).color == ""  # none of its own yet
    made.set_properties([ical.CalendarColor("#1E90FFFF")])
    assert source.fetch(connection, START, END).color == "#1E90FFFF"
    assert source.fetch(account(radicale), START, END).color == ""  # every calendar read: no one colour


def test_recurring_events_are_expanded_and_changes_followed(radicale):
    calendar = radicale.new_calendar()
    for resource in by_uid((DATA / "berlin_weekly.ics").read_bytes()):  # CalDAV keeps one UID per resource
        calendar.save_event(resource)
    source, connection = CaldavSource(allow_private=True), account(radicale, calendar_url=str(calendar.url))
    events = source.fetch(connection, START, END).events
    standups = [e.start.astimezone(UTC).hour for e in events if e.uid == "standup-2026@example.com"]
    assert standups == [9, 9, 8, 12, 8]  # DST from 30 March, 6 April excluded, 13 April moved to 14:00 Berlin
    assert {"offsite@example.com", "dentist@example.com"} <= {e.uid for e in events}
    later = datetime(2026, 3, 20, 15, tzinfo=UTC)
    calendar.save_event(ics(("dentist@example.com", later, later + timedelta(minutes=30), "Dentist, later")))
    calendar.event_by_uid("offsite@example.com").delete()
    again = {e.uid: e for e in source.fetch(connection, START, END).events}
    assert "offsite@example.com" not in again
    assert (again["dentist@example.com"].start, again["dentist@example.com"].title) == (later, "Dentist, later")


def test_every_calendar_is_read_when_none_is_chosen(radicale):
    first, second = radicale.new_calendar(), radicale.new_calendar()
    when = datetime(2026, 4, 1, 9, tzinfo=UTC)
    first.save_event(ics((f"one-{uuid.uuid4().hex}@x", when, when + timedelta(hours=1), "In the first")))
    second.save_event(ics((f"two-{uuid.uuid4().hex}@x", when, when + timedelta(hours=1), "In the second")))
    titles = {e.title for e in CaldavSource(allow_private=True).fetch(account(radicale), START, END).events}
    assert {"In the first", "In the second"} <= titles


def test_bad_credentials_are_permanent(radicale):
    with pytest.raises(CalendarUnavailable, match="username or password") as caught:
        CaldavSource(allow_private=True).check(account(radicale, secret="wrong"))
    assert caught.value.permanent


def test_a_server_on_a_private_address_is_refused_by_default(radicale):
    with pytest.raises(CalendarUnavailable, match="non-public address") as caught:
        CaldavSource().check(account(radicale))
    assert caught.value.permanent


def test_a_calendar_on_another_server_is_refused(radicale):
    with pytest.raises(CalendarUnavailable, match="not on the connection's server"):
        CaldavSource(allow_private=True).check(account(radicale, calendar_url="http://127.0.0.2:1/cal/"))


def test_blocks_are_written_back_by_difference_and_never_read_as_busy(radicale):
    calendar = radicale.new_calendar()
    source = CaldavSource(allow_private=True)
    connection = account(radicale, calendar_url=str(calendar.url), write_calendar_url=str(calendar.url))
    user, task = uuid.uuid4(), uuid.uuid4()
    at = datetime(2026, 3, 17, 9, tzinfo=UTC)
    blocks = [TimeBlock(id=uuid.uuid4(), user_id=user, task_id=task, start=at + timedelta(hours=h),
                        end=at + timedelta(hours=h + 1)) for h in (0, 2, 4)]
    titles = {task: "Draft the report"}
    assert source.write_blocks(connection, blocks, titles, START, END) == 3
    assert source.write_blocks(connection, blocks, titles, START, END) == 0  # nothing differs: nothing written
    stored = {str(e.icalendar_component["UID"]): e.icalendar_component for e in calendar.events()}
    assert set(stored) == {f"{BLOCK_UID}{b.id}" for b in blocks}
    assert {str(c["SUMMARY"]) for c in stored.values()} == {"Draft the report"}
    assert source.fetch(connection, START, END).events == []  # Planloom's own events are not busy time
    blocks[1].start, blocks[1].end = blocks[1].start + timedelta(minutes=30), blocks[1].end + timedelta(minutes=30)
    assert source.write_blocks(connection, blocks[:2], titles, START, END) == 2  # one moved, one deleted
    stored = {str(e.icalendar_component["UID"]): e.icalendar_component for e in calendar.events()}
    assert len(stored) == 2 and stored[f"{BLOCK_UID}{blocks[1].id}"]["DTSTART"].dt == blocks[1].start


def test_writing_needs_a_chosen_calendar(radicale):
    with pytest.raises(CalendarUnavailable, match="no calendar was chosen"):
        CaldavSource(allow_private=True).write_blocks(account(radicale), [], {}, START, END)
