"""OAuth 2.0 with Google through authlib: the consent address (PKCE S256, offline access), the code
exchanged for a token set, and the grant revoked on disconnect.

The token set is kept as the connection's secret, a small JSON object (``access_token``, ``refresh_token``,
``expires_at`` in epoch seconds); the stores encrypt it at rest. Refreshing it is the API client's job
(``source.py``), at the same token endpoint.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import requests
from authlib.integrations.requests_client import OAuth2Session, OAuthError

from ports.calendars import CalendarUnavailable

SCOPES = ("https://www.googleapis.com/auth/calendar.readonly", "https://www.googleapis.com/auth/calendar.events")
TIMEOUT = 15.0


@dataclass(frozen=True)
class GoogleEndpoints:
    client_id: str
    client_secret: str
    authorize_url: str = "https://accounts.google.com/o/oauth2/v2/auth"
    token_url: str = "https://oauth2.googleapis.com/token"
    revoke_url: str = "https://oauth2.googleapis.com/revoke"
    api_url: str = "https://www.googleapis.com/calendar/v3/"  # Calendar v3's root (with its service path)


def token_set(secret: str) -> dict:
    """The stored token set; an empty one when the secret is not one (so the API answers 401, not a crash)."""
    try:
        data = json.loads(secret)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def dump_token_set(access_token: str, refresh_token: str, expires_at: float | None, scope: str = "") -> str:
    return json.dumps({"access_token": access_token, "refresh_token": refresh_token,
                       "expires_at": int(expires_at) if expires_at else None, "scope": scope})


def _server_failure(response: requests.Response) -> requests.Response:
    """A token endpoint answering 5xx (or 429) is down or busy, whatever its body says: a transient failure,
    not a refused code (authlib would read Google's JSON error body as an OAuth error)."""
    if response.status_code >= 500 or response.status_code == 429:
        raise requests.HTTPError(f"{response.status_code} from the token endpoint", response=response)
    return response


class GoogleOAuth:
    def __init__(self, endpoints: GoogleEndpoints, timeout: float = TIMEOUT) -> None:
        self.endpoints, self.timeout = endpoints, timeout

    def _session(self, redirect_uri: str = "") -> OAuth2Session:
        return OAuth2Session(self.endpoints.client_id, self.endpoints.client_secret, scope=" ".join(SCOPES),
                             redirect_uri=redirect_uri or None, code_challenge_method="S256",
                             token_endpoint_auth_method="client_secret_post")

    def authorization_url(self, state: str, code_verifier: str, redirect_uri: str) -> str:
        """Offline access (a refresh token) and ``prompt=consent``, so a second connection gets one too."""
        url, _ = self._session(redirect_uri).create_authorization_url(
            self.endpoints.authorize_url, state=state, code_verifier=code_verifier, access_type="offline",
            prompt="consent", include_granted_scopes="true")
        return url

    def exchange(self, code: str, code_verifier: str, redirect_uri: str) -> str:
        session = self._session(redirect_uri)
        session.register_compliance_hook("access_token_response", _server_failure)
        try:
            token = session.fetch_token(self.endpoints.token_url, code=code, code_verifier=code_verifier,
                                        timeout=self.timeout)
        except OAuthError as exc:  # the provider's error answer: the code, verifier or client was refused
            raise CalendarUnavailable(f"Google refused the authorization code: {exc.error}", permanent=True) from None
        except (requests.RequestException, ValueError) as exc:
            raise CalendarUnavailable(f"Google's token endpoint failed: {type(exc).__name__}") from None
        if not token.get("refresh_token"):
            raise CalendarUnavailable("Google granted no offline access (no refresh token)", permanent=True)
        return dump_token_set(token["access_token"], token["refresh_token"], token.get("expires_at"),
                              token.get("scope", ""))

    def revoke(self, secret: str) -> bool:
        """Revoke the grant (the refresh token revokes the access tokens it made); whether Google agreed."""
        tokens = token_set(secret)
        token = tokens.get("refresh_token") or tokens.get("access_token")
        if not token:
            return False
        try:
            answer = self._session().revoke_token(self.endpoints.revoke_url, token=token,
                                                  token_type_hint="refresh_token", timeout=self.timeout)
        except (requests.RequestException, OAuthError):
            return False
        return answer.status_code == 200
