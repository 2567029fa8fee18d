"""JWT: HS256 pinned, short-lived access tokens, rotating refresh tokens in families.

Every token failure (missing, malformed, expired, revoked, wrong type) answers 401 as problem JSON.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from flask import Flask, current_app
from flask_jwt_extended import (JWTManager, create_access_token, create_refresh_token, get_jwt, get_jwt_identity,
                                decode_token)
from flask import request
from flask_limiter.util import get_remote_address

from domain.services import tokens
from entrypoints.http.errors import problem


def _unauthorized(detail: str):
    return problem(401, detail, headers={"WWW-Authenticate": "Bearer"})


def init_jwt(app: Flask, settings: Any) -> JWTManager:
    app.config.update(
        JWT_SECRET_KEY=settings.secret_key,
        JWT_ALGORITHM="HS256",
        JWT_DECODE_ALGORITHMS=["HS256"],
        JWT_TOKEN_LOCATION=["headers"],
        JWT_ACCESS_TOKEN_EXPIRES=timedelta(minutes=settings.access_token_minutes),
        JWT_REFRESH_TOKEN_EXPIRES=timedelta(days=settings.refresh_token_days),
        JWT_ERROR_MESSAGE_KEY="detail",
    )
    jwt = JWTManager(app)
    jwt.unauthorized_loader(lambda reason: _unauthorized("Missing bearer token."))
    jwt.invalid_token_loader(lambda reason: _unauthorized("The token is invalid."))
    jwt.expired_token_loader(lambda header, payload: _unauthorized("The token has expired."))
    jwt.revoked_token_loader(lambda header, payload: _unauthorized("The token has been revoked."))
    jwt.needs_fresh_token_loader(lambda header, payload: _unauthorized("A fresh sign-in is needed."))
    jwt.user_lookup_error_loader(lambda header, payload: _unauthorized("The account no longer exists."))
    jwt.token_verification_failed_loader(lambda header, payload: _unauthorized("The token is invalid."))

    @jwt.token_in_blocklist_loader
    def _revoked(header: dict, payload: dict) -> bool:
        family = payload.get("fam")
        if not isinstance(family, str):
            return True
        return current_app.container.token_store().is_family_revoked(family)

    return jwt


def rate_limit_key() -> str:
    """The signed-in user when the bearer token is genuine, else the client address."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        try:
            return f"user:{decode_token(header[7:], allow_expired=False)['sub']}"
        except Exception:  # any bad token: counted against the address, answered 401 by the view
            pass
    return f"ip:{get_remote_address()}"


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


def _lifetime() -> timedelta:
    return current_app.config["JWT_REFRESH_TOKEN_EXPIRES"]


def issue_tokens(user_id: UUID) -> dict[str, str]:
    container = current_app.container
    grant = tokens.start_family(container.token_store(), user_id, container.clock().now(), _lifetime())
    return _pair(grant)


def rotate_tokens() -> dict[str, str]:
    container = current_app.container
    grant = tokens.rotate(container.token_store(), get_jwt()["jti"], container.clock().now(), _lifetime())
    return _pair(grant)


def revoke_current_family() -> None:
    container = current_app.container
    container.token_store().revoke_family(get_jwt()["fam"], container.clock().now())
