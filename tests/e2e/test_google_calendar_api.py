"""Google Calendar end to end through the API, the real client libraries against a local server speaking
Google's OAuth 2.0 and Calendar v3 protocol: connect -> consent -> callback -> sync -> busy time the plan
avoids -> the plan written back -> a block moved in Google is pinned there -> a block deleted in Google is
planned again -> disconnect revokes. A state that is tampered, expired, replayed or someone else's is a 400."""
from __future__ import annotations

import json
import socket
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from domain import commands
from tests.e2e.conftest import assert_problem, sign_up
from tests.google_server import CLIENT_ID, CLIENT_SECRET, google_server  # noqa: F401 (fixture)

CONNECTIONS = "/api/v1/calendar/connections"
CONNECT = "/api/v1/calendar/google/connect"


@pytest.fixture
def google_app(make_app, google_server):  # noqa: F811
    def build(backend: str = "sqlite"):
        return make_app(backend, google_client_id=CLIENT_ID, google_client_secret=CLIENT_SECRET,
                        google_authorize_url=f"{google_server.base}/o/oauth2/v2/auth",
                        google_token_url=f"{google_server.base}/token",
                        google_revoke_url=f"{google_server.base}/revoke", google_api_url=google_server.api_url)
    return build


def _consent(api) -> str:
    """Ask for the consent address and "click Allow" at the fake Google: the callback path it sends back to."""
    answer = api.get(CONNECT)
    assert answer.status_code == 200, answer.get_json()
    back = requests.get(answer.get_json()["authorization_url"], allow_redirects=False, timeout=5)
    assert back.status_code == 302
    location = urlsplit(back.headers["Location"])
    assert location.path == "/api/v1/calendar/google/callback"
    return f"{location.path}?{location.query}"


def _meeting(event_id: str, start: datetime, hours: float = 1) -> dict:
    return {"id": event_id, "summary": event_id, "start": {"dateTime": start.isoformat()},
            "end": {"dateTime": (start + timedelta(hours=hours)).isoformat()}}


def _blocks(api) -> list[dict]:
    now = datetime.now(timezone.utc)
    query = urlencode({"from": now.isoformat(), "to": (now + timedelta(weeks=8)).isoformat()})
    return api.get(f"/api/v1/schedule?{query}").get_json()["blocks"]


def _overlaps(block: dict, start: datetime, end: datetime) -> bool:
    return datetime.fromisoformat(block["start"]) < end and datetime.fromisoformat(block["end"]) > start


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_google_calendar_two_way(google_app, google_server, backend):  # noqa: F811
    app = google_app(backend)
    client = app.test_client()
    alice = sign_up(client)

    def schedule() -> None:
        """Re-plan, then what the calendar_write consumer does with the plan's ScheduleChanged."""
        alice.post("/api/v1/schedule")
        app.container.bus().handle(commands.PublishPlan(user_id=uuid.UUID(alice.user["id"])))
    email = google_server.consent_email = f"{uuid.uuid4().hex[:8]}@example.com"
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    days = [tomorrow + timedelta(days=k) for k in range(14)]
    google_server.account(email)
    for k, day in enumerate(days):  # a long meeting every day: the plan must go around it
        google_server.put_event(email, _meeting(f"workshop{k}", day.replace(hour=8), 6))

    done = client.get(_consent(alice), headers=alice.headers)
    assert done.status_code == 303 and done.headers["Location"].startswith("/settings?calendar=connected")
    [connection] = alice.get(CONNECTIONS).get_json()
    assert (connection["kind"], connection["status"], connection["username"]) == ("google", "ok", email)
    assert "token" not in json.dumps(connection)
    busy = [b for b in alice.get("/api/v1/busy").get_json() if b["source"] == "calendar"]
    assert {b["title"] for b in busy} >= {"workshop0", "workshop1"}

    for title in ("Write the report", "Prepare the slides"):
        alice.post("/api/v1/tasks", json={"title": title, "duration_minutes": 60})
    schedule()
    blocks = _blocks(alice)
    assert len(blocks) == 2
    for b in busy:
        start, end = datetime.fromisoformat(b["start"]), datetime.fromisoformat(b["end"])
        assert not any(_overlaps(block, start, end) for block in blocks)

    palette = connection["color"]
    calendars = alice.get(f"{CONNECTIONS}/{connection['id']}/calendars").get_json()
    primary = next(c["url"] for c in calendars if c["name"] == email)
    assert primary == connection["calendar_url"]  # the primary calendar, as the connection reads it
    assert alice.get(f"{CONNECTIONS}/{connection['id']}").get_json()["color"] == "#9fc6e7" != palette
    assert {b["color"] for b in alice.get("/api/v1/busy").get_json() if b["source"] == "calendar"} == {"#9fc6e7"}
    assert alice.patch(f"{CONNECTIONS}/{connection['id']}", json={"write_calendar_url": primary}).status_code == 200
    schedule()
    blocks = _blocks(alice)
    written = {i["id"]: i for i in google_server.events(email).values()
               if i["status"] != "cancelled" and i["id"].startswith("planloom")}
    assert sorted(i["summary"] for i in written.values()) == ["Prepare the slides", "Write the report"]
    schedule()  # the same plan again: nothing duplicated, nothing rewritten
    assert len([i for i in google_server.events(email).values() if i["id"].startswith("planloom")]) == 2
    assert not [b for b in alice.get("/api/v1/busy").get_json() if b["title"] in ("Write the report",)]

    moved, deleted = blocks
    moved_to = datetime.fromisoformat(moved["start"]) + timedelta(hours=1)
    item = written[f"planloom{uuid.UUID(moved['id']).hex}"]
    google_server.put_event(email, {**item, "start": {"dateTime": moved_to.isoformat()},
                                    "end": {"dateTime": (moved_to + timedelta(minutes=90)).isoformat()}})
    google_server.delete_event(email, f"planloom{uuid.UUID(deleted['id']).hex}")
    [outcome] = alice.post("/api/v1/calendar/sync").get_json()
    assert (outcome["blocks_pinned"], outcome["blocks_unscheduled"], outcome["error"]) == (1, 1, "")
    schedule()
    after = {b["task_id"]: b for b in _blocks(alice)}
    pinned = after[moved["task_id"]]
    assert pinned["pinned"] and datetime.fromisoformat(pinned["start"]) == moved_to
    assert datetime.fromisoformat(pinned["end"]) == moved_to + timedelta(minutes=90)
    assert deleted["task_id"] in after and after[deleted["task_id"]]["id"] != deleted["id"]  # planned again
    live = {i["id"] for i in google_server.events(email).values() if i["status"] != "cancelled"
            and i["id"].startswith("planloom")}
    assert live == {f"planloom{uuid.UUID(b['id']).hex}" for b in after.values()}

    bob = sign_up(client)
    assert_problem(bob.get(f"{CONNECTIONS}/{connection['id']}"), 404)
    assert_problem(bob.delete(f"{CONNECTIONS}/{connection['id']}"), 404)
    assert google_server.revoked == []
    assert alice.delete(f"{CONNECTIONS}/{connection['id']}").status_code == 204
    assert len(google_server.revoked) == 1 and alice.get(CONNECTIONS).get_json() == []
    assert not [b for b in alice.get("/api/v1/busy").get_json() if b["source"] == "calendar"]


def test_a_bad_state_is_a_400_and_nothing_is_connected(google_app, google_server):  # noqa: F811
    app = google_app("sqlite")
    client = app.test_client()
    alice, bob = sign_up(client), sign_up(client)
    callback = _consent(alice)
    query = parse_qs(urlsplit(callback).query)
    state, code = query["state"][0], query["code"][0]
    base = "/api/v1/calendar/google/callback?"
    tampered = state[:40] + ("A" if state[40] != "A" else "B") + state[41:]
    assert_problem(client.get(base + urlencode({"state": tampered, "code": code})), 400)
    assert_problem(client.get(base + urlencode({"state": "not-a-state", "code": code})), 400)
    assert_problem(client.get(base + urlencode({"code": code})), 400)
    assert_problem(client.get(callback, headers=bob.headers), 400)  # alice's consent in bob's session
    assert client.get(callback).status_code == 303  # signed out in this browser: the state says who
    assert_problem(client.get(callback), 400)  # replayed
    assert_problem(client.get(callback, headers=alice.headers), 400)
    cipher = app.container.secret_cipher()
    expired = cipher.encrypt(json.dumps({"u": alice.user["id"], "n": str(uuid.uuid4()), "v": "v" * 64,
                                         "k": "google", "x": int(datetime.now(timezone.utc).timestamp()) - 1,
                                         "m": ""}))
    assert "expired" in assert_problem(client.get(base + urlencode({"state": expired, "code": "c"})), 400)["detail"]
    refused = _consent(alice).replace("code=", "error=access_denied&code=")
    assert "access_denied" in assert_problem(client.get(refused), 400)["detail"]
    assert len(alice.get(CONNECTIONS).get_json()) == 1 and bob.get(CONNECTIONS).get_json() == []


def test_connect_needs_a_session_and_a_configured_client(make_app, google_app, google_server):  # noqa: F811
    client = google_app("sqlite").test_client()
    assert_problem(client.get(CONNECT), 401)
    plain = sign_up(make_app("sqlite").test_client())
    assert_problem(plain.get(CONNECT), 422, "kind")


def _closed_port() -> int:
    """A local port nothing listens on: connecting there is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("fault", ["500", "503", "refused"])
def test_google_token_endpoint_down_is_a_502_and_a_bad_code_stays_400(make_app, google_server, fault):  # noqa: F811
    token_url = f"http://127.0.0.1:{_closed_port()}/token" if fault == "refused" else f"{google_server.base}/token"
    app = make_app("sqlite", google_client_id=CLIENT_ID, google_client_secret=CLIENT_SECRET,
                   google_authorize_url=f"{google_server.base}/o/oauth2/v2/auth", google_token_url=token_url,
                   google_revoke_url=f"{google_server.base}/revoke", google_api_url=google_server.api_url)
    alice = sign_up(app.test_client())
    if fault != "refused":
        google_server.fail(int(fault), path="/token")
    down = assert_problem(alice.get(_consent(alice)), 502)
    assert down["title"] == "Calendar provider unavailable" and "try connecting again" in down["detail"]
    assert alice.get(CONNECTIONS).get_json() == [] and google_server.faults == []
    if fault != "refused":  # the endpoint is back: a code it refuses is the caller's fault, a 400
        callback = _consent(alice)
        bad = callback.replace("code=", "code=not-a-code&was=")
        assert "refused the authorization code" in assert_problem(alice.get(bad), 400)["detail"]
        assert alice.get(callback).status_code == 400  # that state was used by the refused attempt
        assert alice.get(_consent(alice)).status_code == 303
        assert len(alice.get(CONNECTIONS).get_json()) == 1
