"""Refresh-token rotation with reuse detection (OAuth 2.0 Security BCP, section 4.14).

Each sign-in starts a family. Refreshing uses up the presented token and issues the next one
of the same family. Presenting a used token again means it leaked: the whole family is revoked.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from domain.errors import AuthenticationFailed
from ports.token_store import TokenStore


@dataclass(frozen=True)
class RefreshGrant:
    user_id: UUID
    family_id: str
    jti: str
    expires_at: datetime


def start_family(store: "TokenStore", user_id: UUID, now: datetime, lifetime: timedelta) -> RefreshGrant:
    grant = RefreshGrant(user_id, uuid.uuid4().hex, uuid.uuid4().hex, now + lifetime)
    store.record_refresh(grant.jti, grant.family_id, user_id, grant.expires_at)
    return grant


def rotate(store: "TokenStore", jti: str, now: datetime, lifetime: timedelta) -> RefreshGrant:
    use = store.use_refresh(jti, now)  # outcome is a str enum: "ok", "reused", "revoked", "unknown"
    if use.outcome == "reused":
        store.revoke_family(use.family_id, now)
        raise AuthenticationFailed("this refresh token was already used; the session has been revoked")
    if use.outcome != "ok":
        raise AuthenticationFailed("this refresh token is no longer valid")
    grant = RefreshGrant(use.user_id, use.family_id, uuid.uuid4().hex, now + lifetime)
    store.record_refresh(grant.jti, grant.family_id, grant.user_id, grant.expires_at)
    return grant
