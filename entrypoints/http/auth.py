"""JWT: HS256 pinned, short-lived access tokens, rotating refresh tokens in families.

Access tokens travel as bearer headers only; refresh tokens as bearer headers or in the browser's
cookie (``session_cookie``). Every token failure (missing, malformed, expired, revoked, wrong type,
missing or wrong CSRF token) answers 401 as problem JSON.
"""
from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from datetime import timedelta
from typing import Any
from uuid import UUID

from flask import Flask, current_app
from flask_jwt_extended import JWTManager, create_access_token, create_refresh_token, get_jwt, get_jwt_identity
from flask_jwt_extended import view_decorators

from domain.services import tokens
from entrypoints.config import check_secret_key
from entrypoints.http import rate_limits, session_cookie
from entrypoints.http.errors import problem


_MISSING = {  # flask-jwt-extended's reasons: "Missing CSRF token", "CSRF double submit tokens do not match"...
    "Missing CSRF": "Missing the X-CSRF-Token header that goes with the refresh cookie.",
    "do not match": "The X-CSRF-Token header does not match the refresh cookie.",
    "cookie": "Missing the refresh token: send it as a bearer token, or the refresh cookie with its X-CSRF-Token "
              "header.",
}


def _unauthorized(detail: str):
    return problem(401, detail, headers={"WWW-Authenticate": "Bearer"})


def init_jwt(app: Flask, settings: Any) -> JWTManager:
    app.config.update(
        JWT_SECRET_KEY=check_secret_key(settings.secret_key),  # Settings built by hand are checked too
        JWT_ALGORITHM="HS256",
        JWT_DECODE_ALGORITHMS=["HS256"],
        JWT_ACCESS_TOKEN_EXPIRES=timedelta(minutes=settings.access_token_minutes),
        JWT_REFRESH_TOKEN_EXPIRES=timedelta(days=settings.refresh_token_days),
        JWT_ERROR_MESSAGE_KEY="detail",
        **session_cookie.jwt_config(settings),
    )
    jwt = JWTManager(app)
    jwt.unauthorized_loader(lambda reason: _unauthorized(
        next((detail for word, detail in _MISSING.items() if word in reason), "Missing bearer token.")))
    jwt.invalid_token_loader(lambda reason: _unauthorized("The token is invalid."))
    jwt.expired_token_loader(lambda header, payload: _unauthorized("The token has expired."))
    jwt.revoked_token_loader(lambda header, payload: _unauthorized("The token has been revoked."))
    jwt.needs_fresh_token_loader(lambda header, payload: _unauthorized("A fresh sign-in is needed."))
    jwt.user_lookup_error_loader(lambda header, payload: _unauthorized("The account no longer exists."))
    jwt.token_verification_failed_loader(lambda header, payload: _unauthorized("The token is invalid."))

    @jwt.token_in_blocklist_loader
    def _revoked(header: dict, payload: dict) -> bool:
        """Called once per request after the signature and expiry checked out: the place to count the
        user's request against their rate limit too, without decoding the token a second time."""
        family = payload.get("fam")
        try:
            user_id = UUID(payload.get("sub"))
        except (TypeError, ValueError, AttributeError):
            return True
        if not isinstance(family, str) or current_app.container.token_store().is_family_revoked(family, user_id):
            return True
        rate_limits.count_user_request(str(payload.get("sub")))
        return False

    _remember_verified_tokens(jwt)
    return jwt


def _remember_verified_tokens(jwt: JWTManager, size: int = 20_000, clock=time.time) -> None:
    """flask-jwt-extended decodes each token three times per request (claims, header, then verified).
    Remember the claims of tokens whose signature verified; a later request with the same token
    skips the decoding but still has its expiry checked here, and its revocation checked by the
    blocklist loader as always. Anything unusual (CSRF, expired-allowed) goes the long way."""
    original = jwt._decode_jwt_from_config
    verified: OrderedDict[str, dict] = OrderedDict()
    lock = threading.Lock()

    def decode(encoded_token: str, csrf_value=None, allow_expired: bool = False) -> dict:
        simple = csrf_value is None and not allow_expired
        if simple:
            claims = verified.get(encoded_token)
            if claims is not None and claims.get("nbf", 0) <= clock() < claims.get("exp", 0):
                return dict(claims)
        claims = original(encoded_token, csrf_value, allow_expired)
        if simple and "exp" in claims:
            with lock:
                verified[encoded_token] = dict(claims)
                while len(verified) > size:
                    verified.popitem(last=False)
        return claims

    jwt._decode_jwt_from_config = decode
    _remember_token_headers()


def _remember_token_headers(size: int = 20_000) -> None:
    """After the claims, flask-jwt-extended parses the token's header once more per request (base64 and
    JSON: about 5 % of a GET). The header is a function of the token's text alone, and it is asked for
    only once the token verified: keep the last ``size`` of them (a copy each time: callers own it).
    Process-wide, as the function it replaces; installed once."""
    if getattr(view_decorators.get_unverified_jwt_headers, "remembers", False):
        return
    parse = functools.lru_cache(maxsize=size)(view_decorators.get_unverified_jwt_headers)

    def headers(encoded_token: str) -> dict:
        return dict(parse(encoded_token))

    headers.remembers = True
    view_decorators.get_unverified_jwt_headers = headers


def current_user_id() -> UUID:
    try:
        return UUID(get_jwt_identity())
    except (TypeError, ValueError):
        from domain.errors import AuthenticationFailed

        raise AuthenticationFailed("The token is invalid.") from None


def _pair(grant: tokens.RefreshGrant) -> dict[str, str]:
    identity = str(grant.user_id)
    return {
        "access_token": create_access_token(identity, additional_claims={"fam": grant.family_id}),
        "refresh_token": create_refresh_token(identity, additional_claims={"fam": grant.family_id, "jti": grant.jti}),
        "token_type": "Bearer",
    }


def lifetime() -> timedelta:
    """How long a refresh token (and its cookie) lives."""
    return current_app.config["JWT_REFRESH_TOKEN_EXPIRES"]


def issue_tokens(user_id: UUID) -> dict[str, str]:
    container = current_app.container
    grant = tokens.start_family(container.token_store(), user_id, container.clock().now(), lifetime())
    return _pair(grant)


def rotate_tokens() -> dict[str, str]:
    container = current_app.container
    grant = tokens.rotate(container.token_store(), get_jwt()["jti"], container.clock().now(), lifetime())
    return _pair(grant)


def revoke_current_family() -> None:
    container = current_app.container
    container.token_store().revoke_family(get_jwt()["fam"], container.clock().now())


def revoke_all_sessions() -> None:
    container = current_app.container
    container.token_store().revoke_user(current_user_id(), container.clock().now())
