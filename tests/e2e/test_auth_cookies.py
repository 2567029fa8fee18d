"""The browser's session: the refresh token in an HttpOnly, Secure, SameSite=Strict cookie scoped to
/api/v1/auth, guarded by a double-submit CSRF token; the access token stays in the page's memory."""
from __future__ import annotations

from http.cookies import SimpleCookie

import pytest

from tests.conftest import random_email
from tests.e2e.conftest import PASSWORD, assert_problem

REFRESH, CSRF, AUTH_PATH = "planloom_refresh", "planloom_csrf", "/api/v1/auth"


def _set_cookies(response) -> dict[str, dict]:
    """Each Set-Cookie of the response: name -> {"value", and its attributes in lower case}."""
    found = {}
    for header in response.headers.getlist("Set-Cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            flags = {flag.strip().lower() for flag in header.split(";")[1:] if "=" not in flag}
            found[name] = {"value": morsel.value, "path": morsel["path"], "max-age": morsel["max-age"],
                           "samesite": morsel["samesite"], "httponly": "httponly" in flags, "secure": "secure" in flags}
    return found


def _sign_in(client, path="/api/v1/auth/register"):
    body = {"email": random_email(), "password": PASSWORD, "refresh_token_delivery": "cookie"}
    response = client.post(path, json=body)
    assert response.status_code in (200, 201), response.get_json()
    return response


def _csrf(client) -> str:
    return client.get_cookie(CSRF, path="/").value


def _refresh(client, csrf: str | None = "from-cookie"):
    headers = {} if csrf is None else {"X-CSRF-Token": _csrf(client) if csrf == "from-cookie" else csrf}
    return client.post(f"{AUTH_PATH}/refresh", headers=headers)


def test_sign_in_sets_the_refresh_cookie_and_keeps_the_token_out_of_the_body(client):
    response = _sign_in(client)
    body = response.get_json()
    assert body["access_token"] and "refresh_token" not in body and body["user"]["id"]
    cookies = _set_cookies(response)
    refresh, csrf = cookies[REFRESH], cookies[CSRF]
    assert refresh["httponly"] and refresh["secure"] and refresh["samesite"] == "Strict"
    assert refresh["path"] == AUTH_PATH and int(refresh["max-age"]) == 30 * 24 * 3600
    assert not csrf["httponly"] and csrf["secure"] and csrf["samesite"] == "Strict" and csrf["path"] == "/"
    me = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200


def test_login_can_ask_for_the_cookie_too(client):
    email = random_email()
    assert client.post(f"{AUTH_PATH}/register", json={"email": email, "password": PASSWORD}).status_code == 201
    response = client.post(f"{AUTH_PATH}/login", json={"email": email, "password": PASSWORD,
                                                         "refresh_token_delivery": "cookie"})
    assert response.status_code == 200 and "refresh_token" not in response.get_json()
    assert REFRESH in _set_cookies(response)


def test_refresh_with_the_cookie_rotates_it_and_detects_reuse(client):
    _sign_in(client)
    first, first_csrf = client.get_cookie(REFRESH, path=AUTH_PATH).value, _csrf(client)
    rotated = _refresh(client)
    assert rotated.status_code == 200
    body = rotated.get_json()
    assert body["access_token"] and "refresh_token" not in body
    second = client.get_cookie(REFRESH, path=AUTH_PATH).value
    assert second != first
    assert client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {body['access_token']}"}).status_code == 200
    assert_problem(_refresh(client, csrf=first_csrf), 401)  # each token has its own CSRF value
    # The used cookie shows up again (stolen, with its CSRF value): the whole session dies.
    thief = client.application.test_client()
    thief.set_cookie(REFRESH, first, path=AUTH_PATH)
    assert_problem(thief.post(f"{AUTH_PATH}/refresh", headers={"X-CSRF-Token": first_csrf}), 401)
    assert_problem(_refresh(client), 401)
    assert_problem(client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {body['access_token']}"}), 401)


@pytest.mark.parametrize("csrf", [None, "", "not-the-token"], ids=["no-header", "empty", "wrong"])
def test_refresh_with_the_cookie_needs_the_csrf_token(client, csrf):
    _sign_in(client)
    cookie = client.get_cookie(REFRESH, path=AUTH_PATH).value
    refused = assert_problem(_refresh(client, csrf=csrf), 401)
    assert "X-CSRF-Token" in refused["detail"] and ("does not match" in refused["detail"]) is bool(csrf)
    assert client.get_cookie(REFRESH, path=AUTH_PATH).value == cookie  # nothing spent
    assert _refresh(client).status_code == 200


def test_the_refresh_cookie_goes_to_the_auth_routes_only(client):
    _sign_in(client)
    tasks = client.get("/api/v1/tasks", headers={"X-CSRF-Token": _csrf(client)})
    assert_problem(tasks, 401)  # a cookie is no access token anywhere else
    assert client.get_cookie(REFRESH, path="/api/v1/tasks") is None


def test_logout_with_the_cookie_revokes_the_session_and_clears_the_cookies(client):
    access = _sign_in(client).get_json()["access_token"]
    assert_problem(client.post(f"{AUTH_PATH}/logout"), 401)  # the cookie without its CSRF token
    response = client.post(f"{AUTH_PATH}/logout", headers={"X-CSRF-Token": _csrf(client)})
    assert response.status_code == 204
    cleared = _set_cookies(response)
    assert cleared[REFRESH]["value"] == "" and cleared[CSRF]["value"] == ""
    assert client.get_cookie(REFRESH, path=AUTH_PATH) is None
    assert_problem(client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {access}"}), 401)


def test_logout_all_with_the_cookie_revokes_every_session_and_clears_the_cookies(client):
    first = _sign_in(client).get_json()
    email = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {first['access_token']}"}).get_json()["email"]
    other = client.application.test_client()
    elsewhere = other.post(f"{AUTH_PATH}/login", json={"email": email, "password": PASSWORD}).get_json()
    assert_problem(client.post(f"{AUTH_PATH}/logout-all"), 401)  # the cookie without its CSRF token
    response = client.post(f"{AUTH_PATH}/logout-all", headers={"X-CSRF-Token": _csrf(client)})
    assert response.status_code == 204
    cleared = _set_cookies(response)
    assert cleared[REFRESH]["value"] == "" and cleared[CSRF]["value"] == ""
    for access in (first["access_token"], elsewhere["access_token"]):
        assert_problem(client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {access}"}), 401)


def test_logout_with_the_access_token_clears_the_cookies_too(client):
    access = _sign_in(client).get_json()["access_token"]
    response = client.post(f"{AUTH_PATH}/logout", headers={"Authorization": f"Bearer {access}"})
    assert response.status_code == 204 and _set_cookies(response)[REFRESH]["value"] == ""


def test_a_refused_cookie_is_cleared(client):
    access = _sign_in(client).get_json()["access_token"]
    assert client.post(f"{AUTH_PATH}/logout", headers={"Authorization": f"Bearer {access}"}).status_code == 204
    client.set_cookie(REFRESH, "revoked-or-garbage", path=AUTH_PATH)
    client.set_cookie(CSRF, "x", path="/")
    response = _refresh(client)
    assert_problem(response, 401)
    assert _set_cookies(response)[REFRESH]["value"] == ""


def test_a_refresh_without_any_token_says_what_to_send(client):
    detail = assert_problem(client.post(f"{AUTH_PATH}/refresh"), 401)["detail"]
    assert "bearer" in detail and "refresh cookie" in detail


def test_api_clients_keep_the_refresh_token_as_a_bearer(client):
    body = client.post(f"{AUTH_PATH}/register", json={"email": random_email(), "password": PASSWORD}).get_json()
    assert body["refresh_token"]
    rotated = client.post(f"{AUTH_PATH}/refresh", headers={"Authorization": f"Bearer {body['refresh_token']}"})
    assert rotated.status_code == 200 and rotated.get_json()["refresh_token"]
    assert REFRESH not in _set_cookies(rotated)


def test_bad_delivery_is_a_422(client):
    response = client.post(f"{AUTH_PATH}/register", json={"email": random_email(), "password": PASSWORD,
                                                            "refresh_token_delivery": "carrier-pigeon"})
    assert_problem(response, 422, "refresh_token_delivery")


def test_the_secure_flag_can_be_turned_off_for_plain_http_development(make_app):
    client = make_app("sqlite", cookie_secure=False).test_client()
    cookies = _set_cookies(_sign_in(client))
    assert not cookies[REFRESH]["secure"] and not cookies[CSRF]["secure"]
    assert cookies[REFRESH]["httponly"] and cookies[REFRESH]["samesite"] == "Strict"
