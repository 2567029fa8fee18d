"""Each calendar's colour: its server's own when it gives one (remembered when the account's calendars are
listed, or when a read of the calendar tells it), else a stable one from a small palette; busy time carries the colour of its calendar."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from adapters import ical
from domain import commands
from domain.model.calendar import PALETTE, CalendarConnection, ExternalEvent
from domain.services import queries
from entrypoints.config import Settings
from entrypoints.container import build_container

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
WORK = "https://dav.example/work/"


def _connection(**kw) -> CalendarConnection:
    return CalendarConnection(id=kw.pop("id", uuid.uuid4()), user_id=uuid.uuid4(), kind="caldav", name="Dav",
                              created_at=NOW, **kw)


def test_without_a_colour_of_its_own_a_calendar_keeps_one_palette_colour():
    ids = [uuid.UUID(int=k) for k in range(len(PALETTE))]
    colors = [_connection(id=i).display_color for i in ids]
    assert colors == list(PALETTE)  # every palette colour is used, one per id
    assert [_connection(id=i).display_color for i in ids] == colors  # and the same id keeps its colour


@pytest.mark.parametrize(("given", "kept"), [("#F83A22", "#f83a22"), ("#9FE1E7FF", "#9fe1e7"), ("red", ""),
                                             ("", ""), (None, "")])
def test_the_read_calendars_colour_is_kept_when_it_is_rgb(given, kept):
    connection = _connection(calendar_url=WORK)
    assert connection.take_color({WORK: given, "https://dav.example/home/": "#000000"}) is bool(kept)
    assert connection.color == kept
    assert connection.display_color == (kept or PALETTE[connection.id.int % len(PALETTE)])
    assert connection.take_color({"https://dav.example/home/": "#000000"}) is False  # another calendar's: no change
    assert connection.color == kept


@pytest.fixture
def container():
    container = build_container(Settings(profile="memory", secret_key="unit-tests-" * 4))
    container.clock().set(NOW)
    return container


def test_listing_the_accounts_calendars_remembers_the_colour_and_busy_time_carries_it(container):
    bus = container.bus()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1",
                                            timezone="Europe/Berlin"))
    remote = container.calendar_sources()["caldav"]
    meeting = ExternalEvent(uid="m1", recurrence_id="", start=NOW + timedelta(hours=2),
                            end=NOW + timedelta(hours=3), title="Standup")
    remote.publish(WORK, [meeting])
    connection = bus.handle(commands.ConnectCalendar(actor_id=user.id, values={
        "kind": "caldav", "name": "Dav", "url": "https://dav.example/", "username": "me", "password": "pw",
        "calendar_url": WORK}))
    remote.colors[WORK] = "#F83A22"  # given after the first read
    bus.handle(commands.AddBusyTime(actor_id=user.id, start=NOW + timedelta(hours=5), end=NOW + timedelta(hours=6),
                                    title="Dentist"))

    def shown():
        busy = queries.busy_with_colors(container.reader(), container.calendars(), user.id, NOW,
                                        NOW + timedelta(days=1))
        return {b["title"]: b["color"] for b in busy}

    palette = PALETTE[connection.id.int % len(PALETTE)]
    assert shown() == {"Standup": palette, "Dentist": None}
    listed = bus.handle(commands.ListRemoteCalendars(actor_id=user.id, connection_id=connection.id))
    assert [c.color for c in listed] == ["#F83A22"]
    assert container.calendars().get(user.id, connection.id).display_color == "#f83a22"
    assert shown() == {"Standup": "#f83a22", "Dentist": None}


@pytest.mark.parametrize(("lines", "color"), [
    (["X-APPLE-CALENDAR-COLOR:#F83A22FF"], "#f83a22ff"), (["COLOR:Turquoise"], "#40e0d0"),
    (["COLOR:#0B8043"], "#0b8043"), (["COLOR:no-such-colour"], ""), ([], ""),
    (["COLOR:red", "X-APPLE-CALENDAR-COLOR:#0000FF"], "#0000ff"),  # Apple's, written by the calendar's owner, wins
])
def test_an_icalendars_own_colour_is_read(lines, color):
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", *lines, "END:VCALENDAR", ""])
    assert ical.color_of(ical.parse(text)) == color


def test_a_sync_that_tells_the_colour_keeps_it(container):
    bus = container.bus()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1",
                                            timezone="Europe/Berlin"))
    remote = container.calendar_sources()["caldav"]
    remote.publish(WORK, [])
    connection = bus.handle(commands.ConnectCalendar(actor_id=user.id, values={
        "kind": "caldav", "name": "Dav", "url": "https://dav.example/", "username": "me", "password": "pw",
        "calendar_url": WORK}))
    assert container.calendars().get(user.id, connection.id).color == ""
    remote.colors[WORK] = "#0B8043"
    bus.handle(commands.SyncCalendar(user_id=user.id, connection_id=connection.id))
    assert container.calendars().get(user.id, connection.id).display_color == "#0b8043"
