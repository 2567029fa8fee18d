"""The secret plan feed on every backend: issue, read without a session, parse it as calendar apps do
(icalendar + recurring-ical-events, times in the user's zone with a VTIMEZONE), conditional GET by ETag,
rotate (the old address dies), revoke; and a subscriber that polls it over real HTTP like a calendar app."""
from __future__ import annotations

import threading
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from werkzeug.serving import make_server

from tests.e2e.conftest import assert_problem, sign_up

FEED = "/api/v1/calendar/feed"
ALL_WEEK = {d: [["00:00", "23:59"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
ZONE = "America/New_York"


def _planned_user(client):
    user = sign_up(client, timezone=ZONE)
    saved = user.put("/api/v1/users/me/preferences", json={"timezone": ZONE, "working_hours": ALL_WEEK})
    assert saved.status_code == 200
    for title, minutes in (("Write the report", 120), ("Emails, replies; and more", 30)):
        assert user.post("/api/v1/tasks", json={"title": title, "duration_minutes": minutes}).status_code == 201
    blocks = user.post("/api/v1/schedule").get_json()["blocks"]
    assert len(blocks) >= 2
    return user, blocks


def _path(url: str) -> str:
    return urlsplit(url).path


def test_the_feed_is_a_valid_calendar_of_the_plan_in_the_users_zone(client):
    alice, blocks = _planned_user(client)
    assert alice.get(FEED).get_json() == {"active": False, "issued_at": None}
    issued = alice.post(FEED)
    assert issued.status_code == 201
    url = issued.get_json()["url"]
    assert url.startswith("http") and url.endswith(".ics")
    assert alice.get(FEED).get_json()["active"] is True

    answer = client.get(_path(url))  # no Authorization header: the token is the credential
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    assert answer.headers["ETag"] and answer.headers["Referrer-Policy"] == "no-referrer"
    parsed = icalendar.Calendar.from_ical(answer.data)
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == [ZONE]
    low = datetime.now(timezone.utc) - timedelta(days=1)
    occurrences = recurring_ical_events.of(parsed).between(low, low + timedelta(weeks=9))
    by_uid = {str(e["UID"]): e for e in occurrences}
    assert {f"planloom-block-{b['id']}@planloom" for b in blocks} == set(by_uid)
    for block in blocks:
        event = by_uid[f"planloom-block-{block['id']}@planloom"]
        start = event["DTSTART"].dt
        assert event["DTSTART"].params["TZID"] == ZONE
        assert start.utcoffset() == start.astimezone(ZoneInfo(ZONE)).utcoffset()
        assert start == datetime.fromisoformat(block["start"])
        assert event["DTEND"].dt == datetime.fromisoformat(block["end"])
    assert {str(e["SUMMARY"]) for e in occurrences} == {"Write the report", "Emails, replies; and more"}


def test_conditional_get_rotation_and_revocation(client):
    alice, _ = _planned_user(client)
    first = alice.post(FEED).get_json()["url"]
    answer = client.get(_path(first))
    tag = answer.headers["ETag"]
    again = client.get(_path(first), headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == tag
    assert client.get(_path(first), headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get(_path(first)).data == answer.data  # the same plan reads byte for byte the same

    alice.post("/api/v1/tasks", json={"title": "A new one", "duration_minutes": 45})
    alice.post("/api/v1/schedule")
    changed = client.get(_path(first), headers={"If-None-Match": tag})
    assert changed.status_code == 200 and b"A new one" in changed.data and changed.headers["ETag"] != tag

    second = alice.post(FEED).get_json()["url"]
    assert second != first
    assert_problem(client.get(_path(first)), 404)
    assert client.get(_path(second)).status_code == 200
    assert alice.delete(FEED).status_code == 204
    assert_problem(client.get(_path(second)), 404)
    assert_problem(alice.delete(FEED), 404)
    assert alice.get(FEED).get_json()["active"] is False


def test_feeds_are_private_to_their_token(client):
    alice, _ = _planned_user(client)
    bob = sign_up(client)
    alice_url = alice.post(FEED).get_json()["url"]
    bob_url = bob.post(FEED).get_json()["url"]
    assert b"Write the report" in client.get(_path(alice_url)).data
    assert b"Write the report" not in client.get(_path(bob_url)).data
    for bad in ("x", "a" * 43, "../../etc/passwd", "A" * 200):
        assert client.get(f"{FEED}/{bad}.ics").status_code == 404
    assert_problem(client.post(FEED), 401)
    assert_problem(client.get(FEED), 401)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_calendar_app_subscribes_over_http_and_polls_with_its_etag(make_app, backend):
    """The ICS adapter is a calendar client like any: it sends If-None-Match with the last ETag."""
    from adapters.ics.source import IcsSource
    from domain.model.calendar import CalendarConnection

    app = make_app(backend)
    alice, blocks = _planned_user(app.test_client())
    url = alice.post(FEED).get_json()["url"]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_port}{_path(url)}"
        subscriber = IcsSource(allow_private=True)
        connection = CalendarConnection(id=uuid.uuid4(), user_id=uuid.uuid4(), kind="ics_url", name="Planloom",
                                        created_at=datetime.now(timezone.utc), secret=address)
        now = datetime.now(timezone.utc)
        window = (now - timedelta(days=1), now + timedelta(weeks=8))
        first = subscriber.fetch(connection, *window)
        assert {e.uid for e in first.events} == {f"planloom-block-{b['id']}@planloom" for b in blocks}
        assert first.cursor and not first.unchanged
        connection.cursor = first.cursor
        second = subscriber.fetch(connection, *window)
        assert second.unchanged and subscriber.requests == 2
    finally:
        server.shutdown()
