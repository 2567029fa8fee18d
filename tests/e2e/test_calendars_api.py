"""Calendars over HTTP on every backend: connect (an uploaded .ics file, an ICS feed served by a local
server), list without secrets, sync, see the busy time follow the calendar, disconnect; owners only."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
from caldav.elements.ical import CalendarColor

from domain.model.calendar import MAX_CONNECTIONS, PALETTE
from tests.calendar_server import ics
from tests.e2e.conftest import assert_problem, sign_up

CONNECTIONS = "/api/v1/calendar/connections"


def _soon(hours: float) -> datetime:
    base = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    return base + timedelta(hours=hours)


def _calendar(*titles_hours) -> str:
    return ics(*[(f"{title}@test", _soon(h), _soon(h + 1), title) for title, h in titles_hours])


def _busy(api) -> list[str]:
    return sorted(b["title"] for b in api.get("/api/v1/busy").get_json() if b["source"] == "calendar")


def test_upload_an_ics_file_and_read_it_back_without_its_content(client):
    alice = sign_up(client)
    text = _calendar(("Standup", 1), ("Review", 5))
    created = alice.post(CONNECTIONS, json={"kind": "ics_file", "name": "Work", "content": text})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert (body["kind"], body["status"], body["last_error"]) == ("ics_file", "ok", "")
    assert "content" not in body and "secret" not in body and "Standup" not in created.get_data(as_text=True)
    assert _busy(alice) == ["Review", "Standup"]
    listed = alice.get(CONNECTIONS).get_json()
    assert [c["id"] for c in listed] == [body["id"]] and "BEGIN:VCALENDAR" not in str(listed)
    again = alice.post(f"{CONNECTIONS}/{body['id']}/sync")
    assert again.status_code == 200 and (again.get_json()["added"], again.get_json()["removed"]) == (0, 0)
    assert alice.patch(f"{CONNECTIONS}/{body['id']}", json={"blocks_time": False}).get_json()["blocks_time"] is False
    assert _busy(alice) == []
    assert alice.delete(f"{CONNECTIONS}/{body['id']}").status_code == 204
    assert alice.get(CONNECTIONS).get_json() == []
    assert_problem(alice.get(f"{CONNECTIONS}/{body['id']}"), 404)


def test_bad_uploads_and_bodies_are_422(client):
    alice = sign_up(client)
    assert_problem(alice.post(CONNECTIONS, json={"kind": "ics_file", "name": "x", "content": "not ical"}), 422,
                   "content")
    assert_problem(alice.post(CONNECTIONS, json={"kind": "ics_file", "name": "x"}), 422, "content")
    assert_problem(alice.post(CONNECTIONS, json={"kind": "google", "name": "x"}), 422, "kind")
    assert_problem(alice.post(CONNECTIONS, json={"kind": "ics_url", "name": "x", "url": "file:///etc/passwd"}), 422,
                   "url")
    assert_problem(alice.post(CONNECTIONS, json={"kind": "caldav", "name": "x", "url": "https://dav.example/"}),
                   422, "username")
    assert_problem(alice.post(CONNECTIONS, json={"kind": "ics_file", "name": "x", "content": "x" * 500_001}), 422,
                   "content")
    assert alice.get(CONNECTIONS).get_json() == []


def test_another_users_connection_is_404_and_unchanged(client):
    alice, bob = sign_up(client), sign_up(client)
    made = alice.post(CONNECTIONS, json={"kind": "ics_file", "name": "Mine", "content": _calendar(("A", 1))})
    cid = made.get_json()["id"]
    assert_problem(bob.get(f"{CONNECTIONS}/{cid}"), 404)
    assert_problem(bob.patch(f"{CONNECTIONS}/{cid}", json={"name": "Stolen"}), 404)
    assert_problem(bob.post(f"{CONNECTIONS}/{cid}/sync"), 404)
    assert_problem(bob.delete(f"{CONNECTIONS}/{cid}"), 404)
    assert bob.get(CONNECTIONS).get_json() == [] and bob.post("/api/v1/calendar/sync").get_json() == []
    assert alice.get(f"{CONNECTIONS}/{cid}").get_json()["name"] == "Mine" and _busy(alice) == ["A"]


@pytest.mark.parametrize("app", ["memory"], indirect=True)
def test_at_most_so_many_calendars(client):
    alice = sign_up(client)
    for k in range(MAX_CONNECTIONS):
        assert alice.post(CONNECTIONS, json={"kind": "ics_file", "name": f"c{k}", "content": ics()}).status_code == 201
    assert_problem(alice.post(CONNECTIONS, json={"kind": "ics_file", "name": "one more", "content": ics()}), 409)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_an_ics_feed_is_followed_at_each_sync(make_app, calendar_server, backend):
    api = sign_up(make_app(backend, calendar_allow_private=True).test_client())
    url = calendar_server.serve("/team.ics", _calendar(("Standup", 1), ("Review", 5), ("Retro", 9)))
    made = api.post(CONNECTIONS, json={"kind": "ics_url", "name": "Team", "url": url})
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert body["url"] == calendar_server.base + "/" and "team.ics" not in made.get_data(as_text=True)
    assert _busy(api) == ["Retro", "Review", "Standup"]
    calendar_server.serve("/team.ics", _calendar(("Standup", 2), ("Retro", 9), ("Planning", 12)))
    outcome = api.post("/api/v1/calendar/sync").get_json()
    assert [(o["added"], o["updated"], o["removed"]) for o in outcome] == [(1, 1, 1)]
    assert _busy(api) == ["Planning", "Retro", "Standup"]
    calendar_server.serve("/team.ics", _calendar(("Standup", 2), ("Retro", 9), ("Planning", 12)),
                          headers={"Content-Type": "text/calendar", "ETag": '"same"'})
    api.post("/api/v1/calendar/sync")
    unchanged = api.post("/api/v1/calendar/sync").get_json()  # 304 Not Modified: nothing read, nothing changed
    assert calendar_server.not_modified == 1 and unchanged[0]["events"] == 0 and unchanged[0]["error"] == ""
    assert _busy(api) == ["Planning", "Retro", "Standup"]
    calendar_server.serve("/team.ics", b"down", status=503)
    assert api.post(f"{CONNECTIONS}/{body['id']}/sync").get_json()["error"] == "the feed answered HTTP 503"
    shown = api.get(f"{CONNECTIONS}/{body['id']}").get_json()
    assert (shown["status"], shown["last_error"]) == ("error", "the feed answered HTTP 503")
    assert _busy(api) == ["Planning", "Retro", "Standup"]  # a failing feed keeps what it brought
    api.delete(f"{CONNECTIONS}/{body['id']}")
    assert _busy(api) == []


def test_feeds_on_private_addresses_are_refused_by_default(make_app, calendar_server):
    api = sign_up(make_app("sqlite").test_client())
    url = calendar_server.serve("/team.ics", _calendar(("Standup", 1)))
    refused = assert_problem(api.post(CONNECTIONS, json={"kind": "ics_url", "name": "Team", "url": url}), 422, "url")
    assert "non-public address" in refused["errors"]["url"][0]
    assert calendar_server.hits == [] and api.get(CONNECTIONS).get_json() == []


def _eventually(read, want, seconds: float = 30):
    """``read()`` once it equals ``want`` (the plan reaches the calendar through a consumer), else its last value."""
    deadline = time.monotonic() + seconds
    value = read()
    while value != want and time.monotonic() < deadline:
        time.sleep(0.1)
        value = read()
    return value


def test_a_caldav_account_feeds_busy_time_and_receives_the_plan(make_app, radicale):
    app = make_app("fresh", calendar_allow_private=True, background=True)
    assert app.background.wait_ready()
    try:
        _caldav_account_round_trip(sign_up(app.test_client()), radicale)
    finally:
        app.background.stop()


def _caldav_account_round_trip(api, radicale):
    meetings, planner = radicale.new_calendar(), radicale.new_calendar()
    meetings.save_event(_calendar(("Board meeting", 2)))
    made = api.post(CONNECTIONS, json={"kind": "caldav", "name": "Radicale", "url": radicale.url,
                                       "username": radicale.username, "password": radicale.password,
                                       "calendar_url": str(meetings.url)})
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert body["status"] == "ok" and radicale.password not in made.get_data(as_text=True)
    assert _busy(api) == ["Board meeting"]
    meetings.set_properties([CalendarColor("#0B8043FF")])  # Apple's calendar-color, with alpha
    listed = api.get(f"{CONNECTIONS}/{body['id']}/calendars").get_json()
    assert {str(meetings.url), str(planner.url)} <= {c["url"] for c in listed}
    assert api.get(f"{CONNECTIONS}/{body['id']}").get_json()["color"] == "#0b8043"  # the read one's, remembered
    assert [b["color"] for b in api.get("/api/v1/busy").get_json()] == ["#0b8043"]
    chosen = api.patch(f"{CONNECTIONS}/{body['id']}", json={"write_calendar_url": str(planner.url)})
    assert chosen.get_json()["write_calendar_url"] == str(planner.url)
    api.post("/api/v1/tasks", json={"title": "Write the annual report", "duration_minutes": 90})
    plan = api.post("/api/v1/schedule").get_json()
    starts = sorted(datetime.fromisoformat(b["start"]) for b in plan["blocks"])

    def written():
        return sorted((c["DTSTART"].dt, str(c["SUMMARY"])) for c in (e.icalendar_component for e in planner.events()))

    want = [(start, "Write the annual report") for start in starts]
    assert _eventually(written, want) == want  # written by the calendar_write consumer
    api.post("/api/v1/schedule")  # the same plan again: nothing duplicated
    time.sleep(1)
    assert written() == want
    assert _busy(api) == ["Board meeting"]  # Planloom's own events never come back as busy time


def test_a_caldav_account_with_a_wrong_password_is_refused(make_app, radicale):
    api = sign_up(make_app("sqlite", calendar_allow_private=True).test_client())
    refused = api.post(CONNECTIONS, json={"kind": "caldav", "name": "Radicale", "url": radicale.url,
                                          "username": radicale.username, "password": "wrong"})
    assert "username or password" in assert_problem(refused, 422, "url")["detail"]


def test_busy_time_carries_its_calendars_colour(client):
    alice = sign_up(client)
    created = alice.post(CONNECTIONS, json={"kind": "ics_file", "name": "Work", "content": _calendar(("Standup", 1))})
    color = created.get_json()["color"]
    assert color in PALETTE  # an .ics file has no colour of its own: a stable one from the palette
    assert alice.get(f"{CONNECTIONS}/{created.get_json()['id']}").get_json()["color"] == color
    by_hand = alice.post("/api/v1/busy", json={"start": _soon(3).isoformat(), "end": _soon(4).isoformat(),
                                               "title": "Dentist"})
    assert by_hand.status_code == 201 and by_hand.get_json()["color"] is None
    shown = {b["title"]: b["color"] for b in alice.get("/api/v1/busy").get_json()}
    assert shown == {"Standup": color, "Dentist": None}


@pytest.mark.parametrize(("line", "color"), [("X-APPLE-CALENDAR-COLOR:#F83A22FF", "#f83a22"),
                                             ("COLOR:turquoise", "#40e0d0")])
def test_an_ics_calendars_own_colour_is_taken_on_sync(client, line, color):
    alice = sign_up(client)
    text = _calendar(("Standup", 1)).replace("VERSION:2.0\r\n", f"VERSION:2.0\r\n{line}\r\n", 1)
    assert line in text
    created = alice.post(CONNECTIONS, json={"kind": "ics_file", "name": "Work", "content": text})
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["color"] == color
    assert {b["title"]: b["color"] for b in alice.get("/api/v1/busy").get_json()} == {"Standup": color}
