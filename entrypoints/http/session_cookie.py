"""The browser's refresh token: an HttpOnly, SameSite=Strict cookie scoped to /api/v1/auth (Secure
unless configured off), out of reach of the page's scripts, with a double-submit CSRF token: the
readable ``planloom_csrf`` cookie, whose value the page sends back in ``X-CSRF-Token`` and which
flask-jwt-extended checks against the ``csrf`` claim inside the refresh token (new at each rotation).
API clients keep sending the refresh token as a bearer header instead."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Response, after_this_request, request
from flask_jwt_extended import set_refresh_cookies, unset_refresh_cookies, verify_jwt_in_request

PATH = "/api/v1/auth"
REFRESH_COOKIE = "planloom_refresh"
CSRF_COOKIE = "planloom_csrf"
CSRF_HEADER = "X-CSRF-Token"


def jwt_config(settings: Any) -> dict[str, Any]:
    """flask-jwt-extended's settings for the cookie; tokens are still read from headers only, except
    where a view asks for the cookie (``verify``)."""
    return {
        "JWT_TOKEN_LOCATION": ["headers"],
        "JWT_REFRESH_COOKIE_NAME": REFRESH_COOKIE,
        "JWT_REFRESH_COOKIE_PATH": PATH,
        "JWT_REFRESH_CSRF_COOKIE_NAME": CSRF_COOKIE,
        "JWT_REFRESH_CSRF_COOKIE_PATH": "/",  # readable by the SPA's pages, which send it back as a header
        "JWT_REFRESH_CSRF_HEADER_NAME": CSRF_HEADER,
        "JWT_COOKIE_CSRF_PROTECT": True,
        "JWT_CSRF_IN_COOKIES": True,
        "JWT_CSRF_METHODS": ["POST"],
        "JWT_COOKIE_SECURE": settings.cookie_secure,
        "JWT_COOKIE_SAMESITE": "Strict",
    }


def verify(refresh: bool) -> bool:
    """Check the token of a refresh or logout request: the bearer header when there is one
    (``refresh`` says which kind it must be), else the refresh cookie with its CSRF header.
    Returns True when the cookie was used."""
    if "Authorization" in request.headers:
        verify_jwt_in_request(refresh=refresh, locations=["headers"])
        return False
    verify_jwt_in_request(refresh=True, locations=["cookies"])
    return True


def sent_by_the_page() -> bool:
    """The double-submit held: the CSRF header repeats the CSRF cookie."""
    sent = request.headers.get(CSRF_HEADER)
    return bool(sent) and sent == request.cookies.get(CSRF_COOKIE)


def deliver(tokens: dict[str, str], cookie: bool, lifetime: timedelta) -> dict[str, str]:
    """The tokens for the response body; with ``cookie`` the refresh token goes into the cookie
    instead, so the page's scripts never see it."""
    if cookie:
        refresh_token = tokens.pop("refresh_token")

        @after_this_request
        def _set_cookie(response: Response) -> Response:
            set_refresh_cookies(response, refresh_token, max_age=int(lifetime.total_seconds()))
            return response
    return tokens


def clear(response: Response) -> Response:
    """Sign-out, and a refused refresh from the page itself: the browser drops both cookies."""
    unset_refresh_cookies(response)
    return response


def drop_dead_cookies(response: Response) -> Response:
    """After a refresh or logout: a sign-out clears the cookies; so does a refused refresh or sign-out
    from the page itself (its CSRF header matches: the session is over). A request without the page's
    CSRF token (another site's form, say) changes nothing: it cannot sign anyone out."""
    if request.endpoint in ("auth.Logout", "auth.LogoutEverywhere") and response.status_code == 204:
        return clear(response)
    if response.status_code == 401 and REFRESH_COOKIE in request.cookies and sent_by_the_page():
        return clear(response)
    return response
