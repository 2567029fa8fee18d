"""The Google Calendar adapter with the real client libraries (authlib, google-auth, google-api-python-client
and its bundled discovery document) against a local server speaking Google's OAuth and Calendar v3 wire
protocol: consent with PKCE, code exchange, refresh mid-sync, revocation, full and incremental reads,
410 -> full read, retries on 429/403/5xx, and the plan's blocks written without duplicates."""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import requests

from adapters.google_calendar.oauth import GoogleEndpoints
from adapters.google_calendar.source import GoogleCalendarSource
from domain.model import TimeBlock
from domain.model.calendar import CalendarConnection, busy_interval
from ports.calendars import CalendarUnavailable
from tests.google_server import CLIENT_ID, CLIENT_SECRET, google_server  # noqa: F401 (fixture)

REDIRECT = "http://planloom.test/api/v1/calendar/google/callback"
NOW = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
WINDOW = (NOW - timedelta(days=1), NOW + timedelta(weeks=8))


@pytest.fixture
def source(google_server):  # noqa: F811
    naps: list[float] = []
    made = GoogleCalendarSource(GoogleEndpoints(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, authorize_url=f"{google_server.base}/o/oauth2/v2/auth",
        token_url=f"{google_server.base}/token", revoke_url=f"{google_server.base}/revoke",
        api_url=google_server.api_url), sleep=naps.append)
    made.naps = naps
    return made


def _consent(source, google_server, verifier: str = "v" * 64) -> str:  # noqa: F811
    url = source.authorization_url("the-state", verifier, REDIRECT)
    answer = requests.get(url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert back["state"] == ["the-state"]
    return back["code"][0]


def _connection(source, google_server) -> CalendarConnection:  # noqa: F811
    secret = source.exchange(_consent(source, google_server), "v" * 64, REDIRECT)
    return CalendarConnection(id=uuid.uuid4(), user_id=uuid.uuid4(), kind="google", name="G", created_at=NOW,
                              secret=secret, calendar_url=source.default_calendar())


def _timed(event_id: str, hours: float, length: float = 1, **more) -> dict:
    start = NOW + timedelta(hours=hours)
    return {"id": event_id, "summary": event_id, "start": {"dateTime": start.isoformat()},
            "end": {"dateTime": (start + timedelta(hours=length)).isoformat()}, **more}


def test_consent_uses_pkce_and_offline_access_and_the_code_works_once(source, google_server):  # noqa: F811
    url = source.authorization_url("s", "v" * 64, REDIRECT)
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"] and query["access_type"] == ["offline"]
    assert "v" * 64 not in url and query["redirect_uri"] == [REDIRECT]
    code = _consent(source, google_server)
    with pytest.raises(CalendarUnavailable) as wrong_verifier:
        source.exchange(code, "w" * 64, REDIRECT)
    assert wrong_verifier.value.permanent
    code = _consent(source, google_server)
    tokens = json.loads(source.exchange(code, "v" * 64, REDIRECT))
    assert tokens["refresh_token"] and tokens["access_token"] and tokens["expires_at"] > NOW.timestamp()
    with pytest.raises(CalendarUnavailable):
        source.exchange(code, "v" * 64, REDIRECT)  # used already


def test_full_read_then_incremental_then_410_means_a_full_read(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    email = google_server.consent_email
    google_server.put_event(email, _timed("standup", 2))
    google_server.put_event(email, _timed("declined", 3, attendees=[{"email": email, "self": True,
                                                                      "responseStatus": "declined"}]))
    google_server.put_event(email, _timed("free", 4, transparency="transparent"))
    google_server.put_event(email, {"id": "offsite", "summary": "Offsite", "start": {"date": str(NOW.date())},
                                    "end": {"date": str(NOW.date() + timedelta(days=2))}})
    source.check(connection)
    assert connection.username == email
    full = source.fetch(connection, *WINDOW)
    by_id = {e.uid: e for e in full.events}
    assert not full.partial and set(by_id) == {"standup", "declined", "free", "offsite"}
    assert by_id["declined"].declined and by_id["free"].transparent and by_id["standup"].blocks
    assert by_id["offsite"].start == NOW.date() and isinstance(by_id["offsite"].end, date)
    connection.cursor = full.cursor
    google_server.put_event(email, _timed("standup", 5))
    google_server.delete_event(email, "free")
    delta = source.fetch(connection, *WINDOW)
    assert delta.partial and {e.uid: e.cancelled for e in delta.events} == {"standup": False, "free": True}
    connection.cursor = delta.cursor
    assert source.fetch(connection, *WINDOW).events == []  # nothing changed since
    google_server.expire_sync_tokens()
    again = source.fetch(connection, *WINDOW)
    assert not again.partial and {e.uid for e in again.events if not e.cancelled} == {"standup", "declined", "offsite"}
    lists = [path for method, path in google_server.calls if path.endswith("/events")]
    assert len(lists) == 5  # full, delta, empty delta, the 410, full again: one request each


def test_pages_are_followed(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    for k in range(2600):
        google_server.put_event(google_server.consent_email, _timed(f"e{k:05d}", 1 + k % 500, 0.5))
    before = len(google_server.calls)
    assert len(source.fetch(connection, *WINDOW).events) == 2600
    assert len(google_server.calls) - before == 2  # 2,500 a page


def test_an_access_token_that_expires_mid_sync_is_refreshed_and_kept(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    google_server.put_event(google_server.consent_email, _timed("standup", 2))
    old = json.loads(connection.secret)
    google_server.expire_access_tokens()  # Google refuses it (401) although it looks valid here
    assert [e.uid for e in source.fetch(connection, *WINDOW).events] == ["standup"]
    new = json.loads(connection.secret)
    assert google_server.token_requests.count("refresh_token") == 1
    assert new["access_token"] != old["access_token"] and new["refresh_token"] == old["refresh_token"]


def test_a_token_refused_between_two_pages_is_refreshed_and_the_read_goes_on(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    for k in range(2600):
        google_server.put_event(google_server.consent_email, _timed(f"e{k:05d}", 1 + k % 500, 0.5))
    google_server.fail(401, path="/events", skip=1)  # the first page passes, the token is refused at the second
    old = json.loads(connection.secret)["access_token"]
    assert len(source.fetch(connection, *WINDOW).events) == 2600
    assert google_server.token_requests.count("refresh_token") == 1
    assert [p for _, p in google_server.calls if p.endswith("/events")] == ["/calendar/v3/calendars/primary/events"] * 3
    assert json.loads(connection.secret)["access_token"] != old
    assert json.loads(connection.secret)["access_token"] in google_server.access


def test_recurring_instances_exceptions_and_events_without_an_end(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    email = google_server.consent_email
    for week in range(3):  # what singleEvents=true gives for a weekly series: one item per instance
        start = NOW + timedelta(days=7 * week, hours=2)
        google_server.put_event(email, {**_timed(f"weekly_{start:%Y%m%dT%H%M%SZ}", 2 + 24 * 7 * week),
                                        "recurringEventId": "weekly",
                                        "originalStartTime": {"dateTime": start.isoformat()}})
    moved_instance = f"weekly_{NOW + timedelta(days=7, hours=2):%Y%m%dT%H%M%SZ}"
    google_server.put_event(email, {**google_server.events(email)[moved_instance],
                                    **_timed(moved_instance, 24 * 7 + 5)})  # an exception: moved by 3 hours
    google_server.put_event(email, {"id": "open", "summary": "open", "start": {"dateTime": NOW.isoformat()}})
    berlin = (NOW + timedelta(hours=30)).astimezone(ZoneInfo("Europe/Berlin"))
    google_server.put_event(email, {"id": "berlin", "start": {"dateTime": berlin.isoformat(),
                                                              "timeZone": "Europe/Berlin"},
                                    "end": {"dateTime": (berlin + timedelta(hours=1)).isoformat()}})
    events = {e.uid: e for e in source.fetch(connection, *WINDOW).events}
    assert len([k for k in events if k.startswith("weekly_")]) == 3
    assert events[moved_instance].start == NOW + timedelta(days=7, hours=5)
    assert events["open"].end is None and busy_interval(events["open"], ZoneInfo("UTC")) is None
    assert events["berlin"].start == NOW + timedelta(hours=30)  # the same instant, whatever the zone


def test_an_event_google_should_never_send_fails_the_sync_not_the_server(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    google_server.put_event(google_server.consent_email, {**_timed("odd", 2), "start": {"dateTime": "yesterday"}})
    with pytest.raises(CalendarUnavailable) as failed:
        source.fetch(connection, *WINDOW)
    assert "ValueError" in str(failed.value)


def test_a_revoked_grant_is_a_permanent_failure(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    source.forget(connection)
    assert google_server.revoked == [json.loads(connection.secret)["refresh_token"]]
    with pytest.raises(CalendarUnavailable) as failed:
        source.fetch(connection, *WINDOW)
    assert failed.value.permanent


def test_rate_limits_and_server_errors_are_retried_honouring_retry_after(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    google_server.put_event(google_server.consent_email, _timed("standup", 2))
    google_server.fail(429, retry_after="7")
    google_server.fail(403, "userRateLimitExceeded")
    google_server.fail(503)
    assert len(source.fetch(connection, *WINDOW).events) == 1
    assert source.naps == [7.0, 2.0, 4.0]
    google_server.fail(500, times=10)
    with pytest.raises(CalendarUnavailable) as failed:
        source.fetch(connection, *WINDOW)
    assert not failed.value.permanent and "500" in str(failed.value)
    assert len(source.naps) == 3 + 4  # bounded: four more pauses, five attempts
    google_server.faults.clear()
    google_server.fail(403, "forbidden")
    calls = len(google_server.calls)
    with pytest.raises(CalendarUnavailable) as refused:
        source.fetch(connection, *WINDOW)
    assert refused.value.permanent and len(google_server.calls) == calls + 1  # not a rate limit: no retry


def _block(hours: float, task_id=None) -> TimeBlock:
    start = NOW + timedelta(hours=hours)
    return TimeBlock(id=uuid.uuid4(), user_id=uuid.uuid4(), task_id=task_id or uuid.uuid4(), start=start,
                     end=start + timedelta(hours=1))


def test_blocks_are_written_once_followed_and_reported_when_changed_in_google(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    connection.write_calendar_url = source.default_calendar()
    email = google_server.consent_email
    first, second = _block(3), _block(6)
    titles = {first.task_id: "Report", second.task_id: "Slides"}
    assert source.write_blocks(connection, [first, second], titles, *WINDOW) == 2
    assert source.write_blocks(connection, [first, second], titles, *WINDOW) == 0  # nothing duplicated
    held = google_server.events(email)
    assert {i["summary"] for i in held.values()} == {"Report", "Slides"}
    fetched = source.fetch(connection, *WINDOW)
    assert fetched.events == []  # Planloom's own blocks are not busy time
    assert {(c.block_id, c.start) for c in fetched.block_changes} == {(first.id, first.start),
                                                                      (second.id, second.start)}
    connection.cursor = fetched.cursor
    moved_to = NOW + timedelta(hours=10)
    event_id = f"planloom{first.id.hex}"
    google_server.put_event(email, {**held[event_id], "start": {"dateTime": moved_to.isoformat()},
                                    "end": {"dateTime": (moved_to + timedelta(hours=2)).isoformat()}})
    google_server.delete_event(email, f"planloom{second.id.hex}")
    changes = {c.block_id: c for c in source.fetch(connection, *WINDOW).block_changes}
    assert (changes[first.id].start, changes[first.id].end) == (moved_to, moved_to + timedelta(hours=2))
    assert changes[second.id].deleted
    third = _block(20, first.task_id)
    assert source.write_blocks(connection, [third], titles, *WINDOW) == 2  # the moved one deleted, one new
    live = [i for i in google_server.events(email).values() if i["status"] != "cancelled"]
    assert [i["id"] for i in live] == [f"planloom{third.id.hex}"]


def test_a_block_whose_event_was_deleted_is_written_again_under_its_own_id(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    connection.write_calendar_url = source.default_calendar()
    email = google_server.consent_email
    block = _block(3)
    source.write_blocks(connection, [block], {}, *WINDOW)
    google_server.delete_event(email, f"planloom{block.id.hex}")
    assert source.write_blocks(connection, [block], {}, *WINDOW) == 1  # insert: 409 (the id is taken) -> patch
    assert [(i["id"], i["status"]) for i in google_server.events(email).values()] == [
        (f"planloom{block.id.hex}", "confirmed")]
    assert ("POST", "/calendar/v3/calendars/primary/events") in google_server.calls[-3:]


def test_blocks_in_another_calendar_than_the_one_read_are_followed_there(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    email = google_server.consent_email
    work = f"work-{email}"
    connection.write_calendar_url = source.calendar_url(work)
    kept, dropped = _block(3), _block(6)
    assert source.write_blocks(connection, [kept, dropped], {}, *WINDOW) == 2
    assert set(google_server.events(email, work)) == {f"planloom{kept.id.hex}", f"planloom{dropped.id.hex}"}
    assert google_server.events(email) == {}
    google_server.delete_event(email, f"planloom{dropped.id.hex}", work)
    changes = {c.block_id: c for c in source.fetch(connection, *WINDOW).block_changes}
    assert changes[dropped.id].deleted and changes[kept.id].start == kept.start


def test_a_calendar_of_another_server_is_refused(source, google_server):  # noqa: F811
    connection = _connection(source, google_server)
    connection.calendar_url = "https://elsewhere.example/calendar/v3/calendars/primary"
    with pytest.raises(CalendarUnavailable) as refused:
        source.fetch(connection, *WINDOW)
    assert refused.value.permanent
    listed = source.calendars(connection)
    assert {c.name for c in listed} == {google_server.consent_email, "Work"}
    assert all(c.url.startswith(google_server.api_url) and c.color for c in listed)
    primary = next(c for c in listed if c.name == google_server.consent_email)
    assert primary.url == source.default_calendar()  # the address a new connection reads
