"""Sign-up, sign-in, rotating refresh tokens, logout, token failures and login rate limits."""
from __future__ import annotations

import base64
import json
import time

import jwt as pyjwt

from tests.conftest import random_email
from tests.e2e.conftest import PASSWORD, assert_problem, sign_up


def test_register_returns_user_and_tokens_and_hides_secrets(client):
    email = random_email()
    response = client.post("/api/v1/auth/register", json={"email": email.upper(), "password": PASSWORD,
                                                           "display_name": "Ann", "timezone": "Asia/Tokyo"})
    body = response.get_json()
    assert response.status_code == 201
    assert body["user"]["email"] == email and body["user"]["role"] == "user"
    assert body["user"]["timezone"] == "Asia/Tokyo"
    assert "password" not in json.dumps(body) and "password_hash" not in json.dumps(body)
    header = json.loads(base64.urlsafe_b64decode(body["access_token"].split(".")[0] + "=="))
    assert header["alg"] == "HS256"


def test_register_rejects_duplicates_weak_passwords_and_bad_input(client):
    user = sign_up(client)
    assert_problem(client.post("/api/v1/auth/register", json={"email": user.email, "password": PASSWORD}), 409, "email")
    assert_problem(client.post("/api/v1/auth/register", json={"email": random_email(), "password": "short"}), 422,
                   "password")
    assert_problem(client.post("/api/v1/auth/register", json={"email": "not-an-email", "password": PASSWORD}), 422,
                   "email")
    assert_problem(client.post("/api/v1/auth/register",
                               json={"email": random_email(), "password": PASSWORD, "timezone": "Mars/Olympus"}),
                   422, "timezone")
    assert_problem(client.post("/api/v1/auth/register",
                               json={"email": random_email(), "password": PASSWORD, "role": "admin"}), 422, "role")


def test_login_with_right_and_wrong_passwords(client):
    user = sign_up(client)
    ok = client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    assert ok.status_code == 200 and ok.get_json()["user"]["id"] == user.user["id"]
    assert_problem(client.post("/api/v1/auth/login", json={"email": user.email, "password": "wrong-password"}), 401)
    assert_problem(client.post("/api/v1/auth/login", json={"email": random_email(), "password": PASSWORD}), 401)


def test_refresh_rotates_and_reuse_revokes_the_whole_family(client):
    user = sign_up(client)
    old_refresh = user.tokens["refresh_token"]
    rotated = client.post("/api/v1/auth/refresh", headers={"Authorization": f"Bearer {old_refresh}"})
    assert rotated.status_code == 200
    new = rotated.get_json()
    assert new["refresh_token"] != old_refresh
    assert client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {new['access_token']}"}).status_code == 200
    # the old refresh token shows up again: it leaked, so the family dies
    assert_problem(client.post("/api/v1/auth/refresh", headers={"Authorization": f"Bearer {old_refresh}"}), 401)
    assert_problem(client.post("/api/v1/auth/refresh", headers={"Authorization": f"Bearer {new['refresh_token']}"}), 401)
    assert_problem(client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {new['access_token']}"}), 401)


def test_logout_revokes_access_and_refresh_of_that_session_only(client):
    user = sign_up(client)
    other_session = client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD}).get_json()
    assert user.post("/api/v1/auth/logout").status_code == 204
    assert_problem(user.get("/api/v1/users/me"), 401)
    assert_problem(client.post("/api/v1/auth/refresh",
                               headers={"Authorization": f"Bearer {user.tokens['refresh_token']}"}), 401)
    me = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {other_session['access_token']}"})
    assert me.status_code == 200


def test_logout_all_revokes_every_session_of_the_account_and_no_one_elses(client):
    user = sign_up(client)
    other_session = client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD}).get_json()
    stranger = sign_up(client)
    assert_problem(client.post("/api/v1/auth/logout-all"), 401)
    assert user.post("/api/v1/auth/logout-all").status_code == 204
    assert_problem(user.get("/api/v1/users/me"), 401)
    assert_problem(client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {other_session['access_token']}"}),
                   401)
    for refresh in (user.tokens["refresh_token"], other_session["refresh_token"]):
        assert_problem(client.post("/api/v1/auth/refresh", headers={"Authorization": f"Bearer {refresh}"}), 401)
    assert stranger.get("/api/v1/users/me").status_code == 200
    again = client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    assert again.status_code == 200  # signing in afterwards starts a new session


def test_bad_tokens_answer_401_not_422(client, app):
    user = sign_up(client)
    secret = app.config["JWT_SECRET_KEY"]
    claims = pyjwt.decode(user.tokens["access_token"], secret, algorithms=["HS256"])
    forged_none = pyjwt.encode(claims, key=None, algorithm="none")
    wrong_key = pyjwt.encode(claims, "another-secret-key-of-enough-length!", algorithm="HS256")
    expired = pyjwt.encode(claims | {"exp": int(time.time()) - 10}, secret, algorithm="HS256")
    no_family = pyjwt.encode({k: v for k, v in claims.items() if k != "fam"}, secret, algorithm="HS256")
    for token in (forged_none, wrong_key, expired, no_family, "garbage", ""):
        assert_problem(client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"}), 401)
    assert_problem(client.get("/api/v1/tasks"), 401)
    assert_problem(client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {user.tokens['refresh_token']}"}), 401)
    assert_problem(client.post("/api/v1/auth/refresh", headers=user.headers), 401)


def test_a_token_naming_another_users_session_is_refused(client, app):
    """Forged with the server's secret: the signature checks out, but the session family belongs to
    someone else, so neither the access nor the refresh token of that mix is accepted."""
    alice, mallory = sign_up(client), sign_up(client)
    secret = app.config["JWT_SECRET_KEY"]
    alices = pyjwt.decode(alice.tokens["access_token"], secret, algorithms=["HS256"])
    mallorys = pyjwt.decode(mallory.tokens["access_token"], secret, algorithms=["HS256"])
    alices_refresh = pyjwt.decode(alice.tokens["refresh_token"], secret, algorithms=["HS256"])
    as_mallory = pyjwt.encode(mallorys | {"fam": alices["fam"]}, secret, algorithm="HS256")
    as_alice = pyjwt.encode(alices | {"fam": mallorys["fam"]}, secret, algorithm="HS256")
    for token in (as_mallory, as_alice):
        assert_problem(client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {token}"}), 401)
    stolen_refresh = pyjwt.encode(alices_refresh | {"sub": mallorys["sub"]}, secret, algorithm="HS256")
    assert_problem(client.post("/api/v1/auth/refresh", headers={"Authorization": f"Bearer {stolen_refresh}"}), 401)
    assert alice.get("/api/v1/users/me").status_code == 200  # the probes revoked nothing
    assert mallory.get("/api/v1/users/me").status_code == 200
    assert client.post("/api/v1/auth/refresh", headers={"Authorization": f"Bearer {alice.tokens['refresh_token']}"}
                       ).status_code == 200


def test_login_is_rate_limited_per_account(make_app):
    client = make_app("sqlite", login_rate_limit="3 per minute").test_client()
    user = sign_up(client)
    statuses = [client.post("/api/v1/auth/login", json={"email": user.email, "password": "wrong-password"}).status_code
                for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    limited = client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    assert_problem(limited, 429)
    assert int(limited.headers["Retry-After"]) > 0
    other = sign_up(client)  # another account from the same address is not locked out
    assert client.post("/api/v1/auth/login", json={"email": other.email, "password": PASSWORD}).status_code == 200


def test_login_is_rate_limited_per_address(make_app):
    client = make_app("sqlite", login_ip_rate_limit="2 per minute").test_client()
    for _ in range(2):
        client.post("/api/v1/auth/login", json={"email": random_email(), "password": PASSWORD})
    assert_problem(client.post("/api/v1/auth/login", json={"email": random_email(), "password": PASSWORD}), 429)


def test_login_limits_are_shared_between_processes_through_redis(make_app):
    settings = {"login_rate_limit": "2 per minute", "redis_url": "redis://127.0.0.1:6379/15"}
    one, two = make_app("sqlite", **settings).test_client(), make_app("sqlite", **settings).test_client()
    user = sign_up(one)
    wrong = {"email": user.email, "password": "wrong-password"}
    assert [one.post("/api/v1/auth/login", json=wrong).status_code for _ in range(2)] == [401, 401]
    assert_problem(two.post("/api/v1/auth/login", json=wrong), 429)


def test_api_calls_are_rate_limited_per_user(make_app):
    client = make_app("sqlite", api_rate_limit="3 per minute").test_client()
    alice, bob = sign_up(client), sign_up(client)
    statuses = [alice.get("/api/v1/tasks").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = assert_problem(alice.get("/api/v1/tasks"), 429)
    assert limited["title"] == "Too many requests"
    assert alice.get("/api/v1/tasks").headers["Retry-After"]
    assert bob.get("/api/v1/tasks").status_code == 200  # another user has their own budget
