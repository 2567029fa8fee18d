"""Profile, preferences, and the admin-only user routes."""
from __future__ import annotations

import uuid

from entrypoints.cli import main as cli_main
from tests.e2e.conftest import PASSWORD, assert_problem, sign_up

P = "/api/v1/users/me/preferences"


def test_profile_get_and_patch(alice):
    me = alice.get("/api/v1/users/me").get_json()
    assert me["email"] == alice.email and me["display_name"] == "Alice"
    patched = alice.patch("/api/v1/users/me", json={"display_name": "Alice B.", "timezone": "America/Chicago"})
    assert patched.status_code == 200 and patched.get_json()["timezone"] == "America/Chicago"
    assert_problem(alice.patch("/api/v1/users/me", json={"timezone": "Nowhere/Land"}), 422, "timezone")
    assert_problem(alice.patch("/api/v1/users/me", json={"role": "admin"}), 422, "role")
    assert_problem(alice.patch("/api/v1/users/me", json={"email": "x@y.z"}), 422, "email")
    assert alice.get("/api/v1/users/me").get_json()["role"] == "user"


def test_preferences_defaults_then_replace(alice):
    defaults = alice.get(P).get_json()
    assert defaults["timezone"] == "Europe/Paris"
    assert defaults["working_hours"]["mon"] == [["09:00", "17:00"]] and defaults["working_hours"]["sat"] == []
    body = {"timezone": "Europe/Berlin", "working_hours": {"mon": [["08:00", "12:00"], ["13:00", "24:00"]]},
            "buffer_minutes": 10, "daily_cap_minutes": 300}
    saved = alice.put(P, json=body)
    assert saved.status_code == 200
    got = alice.get(P).get_json()
    assert got["working_hours"]["mon"] == [["08:00", "12:00"], ["13:00", "24:00"]]
    assert got["working_hours"]["tue"] == [] and got["buffer_minutes"] == 10
    assert alice.get("/api/v1/users/me").get_json()["timezone"] == "Europe/Berlin"


def test_bad_preferences_are_refused_and_change_nothing(alice):
    alice.put(P, json={"buffer_minutes": 5})
    before = alice.get(P).get_json()
    bad = [
        ({"working_hours": {"mon": [["17:00", "09:00"]]}}, "working_hours.mon[0]"),
        ({"working_hours": {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}}, "working_hours.mon"),
        ({"working_hours": {"mon": [["25:00", "26:00"]]}}, "working_hours.mon[0]"),
        ({"working_hours": {"funday": []}}, "working_hours.funday"),
        ({"timezone": "Europe/Atlantis"}, "timezone"),
        ({"buffer_minutes": -1}, "buffer_minutes"),
        ({"buffer_minutes": "5"}, "buffer_minutes"),
        ({"date_order": "YMD"}, "date_order"),
        ({"ask_actual_minutes": "no"}, "ask_actual_minutes"),
        ({"ask_actual_minutes": 0}, "ask_actual_minutes"),
    ]
    for body, field in bad:
        assert_problem(alice.put(P, json=body), 422, field)
    assert alice.get(P).get_json() == before


def test_asking_for_the_time_a_task_took_is_the_accounts_choice(alice, client):
    assert alice.get(P).get_json()["ask_actual_minutes"] is True
    saved = alice.put(P, json={"buffer_minutes": 5, "ask_actual_minutes": False})
    assert saved.status_code == 200 and saved.get_json()["ask_actual_minutes"] is False
    assert alice.get(P).get_json()["ask_actual_minutes"] is False
    again = client.post("/api/v1/auth/login", json={"email": alice.email, "password": PASSWORD}).get_json()
    elsewhere = client.get(P, headers={"Authorization": f"Bearer {again['access_token']}"})  # another device
    assert elsewhere.get_json()["ask_actual_minutes"] is False
    assert alice.put(P, json={"buffer_minutes": 5}).get_json()["ask_actual_minutes"] is True  # a PUT replaces


def test_admin_routes(client, app, monkeypatch, tmp_path):
    alice = sign_up(client)
    assert_problem(alice.get("/api/v1/users"), 403)
    assert_problem(alice.patch(f"/api/v1/users/{alice.user['id']}", json={"role": "admin"}), 403)

    admin_email = f"admin-{uuid.uuid4().hex[:8]}@example.com"
    from domain import commands

    app.container.bus().handle(commands.RegisterUser(email=admin_email, password=PASSWORD, role="admin"))
    admin_tokens = client.post("/api/v1/auth/login", json={"email": admin_email, "password": PASSWORD}).get_json()
    headers = {"Authorization": f"Bearer {admin_tokens['access_token']}"}
    listed = client.get("/api/v1/users?page_size=100", headers=headers)
    assert listed.status_code == 200 and "X-Pagination" in listed.headers
    promoted = client.patch(f"/api/v1/users/{alice.user['id']}", json={"role": "admin"}, headers=headers)
    assert promoted.status_code == 200 and promoted.get_json()["role"] == "admin"
    assert alice.get("/api/v1/users").status_code == 200  # the role is read per request, not baked in the token
    assert_problem(client.patch(f"/api/v1/users/{uuid.uuid4()}", json={"role": "user"}, headers=headers), 404)
    assert_problem(client.patch(f"/api/v1/users/{alice.user['id']}", json={"role": "god"}, headers=headers), 422)
    own_id = admin_tokens["user"]["id"]
    assert_problem(client.patch(f"/api/v1/users/{own_id}", json={"role": "user"}, headers=headers), 409)


def test_notification_settings_live_in_preferences(alice):
    defaults = alice.get(P).get_json()["notifications"]
    assert defaults["channels"]["deadline_at_risk"] == ["email"] and defaults["digest_time"] == "07:30"
    body = {"notifications": {"channels": {"plan_changed": ["webhook", "email"]}, "quiet_hours": None,
                              "digest_time": "06:45", "webhook_url": "https://hooks.example.com/planloom"}}
    saved = alice.put(P, json=body).get_json()["notifications"]
    assert saved["channels"]["plan_changed"] == ["email", "webhook"] and saved["quiet_hours"] is None
    assert saved["channels"]["daily_agenda"] == ["email"]  # kinds not named keep their defaults
    assert_problem(alice.put(P, json={"notifications": {"webhook_url": "file:///etc/passwd"}}), 422,
                   "notifications.webhook_url")
    assert_problem(alice.put(P, json={"notifications": {"channels": {"gossip": ["email"]}}}), 422,
                   "notifications.channels.gossip")
    assert_problem(alice.put(P, json={"notifications": {"channels": {"plan_changed": ["pigeon"]}}}), 422,
                   "notifications.channels.plan_changed")
    assert_problem(alice.put(P, json={"notifications": {"digest_time": "7am"}}), 422)
    assert alice.get(P).get_json()["notifications"]["digest_time"] == "06:45"
