"""Refresh-token families on SQL. Each call is its own short transaction."""
from __future__ import annotations

import threading
import time
from datetime import datetime
from uuid import UUID

from sqlalchemy import Engine, delete, insert, select, update

from ports.token_store import RefreshOutcome, RefreshUse, TokenStore
from adapters.sql.tables import refresh_tokens, token_families


class SqlTokenStore(TokenStore):
    """``revocation_ttl`` > 0 memoises family_owner per process for that many seconds, so an
    access token costs a database round trip once per ttl instead of on every request. Revocations
    made through this store are seen at once; those made by another process within ttl seconds."""

    def __init__(self, engine: Engine, revocation_ttl: float = 0.0) -> None:
        self.engine = engine
        self.revocation_ttl = revocation_ttl
        self._owners: dict[str, tuple[UUID | None, float]] = {}
        self._lock = threading.Lock()

    def _forget(self, family_id: str | None = None) -> None:
        with self._lock:
            if family_id is None:
                self._owners.clear()
            else:
                self._owners.pop(family_id, None)

    def record_refresh(self, jti: str, family_id: str, user_id: UUID, expires_at: datetime) -> None:
        with self.engine.begin() as conn:
            known = conn.execute(select(token_families.c.family_id).where(
                token_families.c.user_id == user_id, token_families.c.family_id == family_id)).first()
            if known is None:
                conn.execute(insert(token_families).values(family_id=family_id, user_id=user_id))
            conn.execute(insert(refresh_tokens).values(jti=jti, family_id=family_id, user_id=user_id,
                                                       expires_at=expires_at))

    def use_refresh(self, jti: str, now: datetime) -> RefreshUse:
        with self.engine.begin() as conn:
            row = conn.execute(
                select(refresh_tokens, token_families.c.revoked_at)
                .join(token_families, token_families.c.family_id == refresh_tokens.c.family_id)
                .where(refresh_tokens.c.jti == jti)
            ).first()
            if row is None or row.expires_at <= now:
                return RefreshUse(RefreshOutcome.UNKNOWN)
            if row.revoked_at is not None:
                return RefreshUse(RefreshOutcome.REVOKED, row.family_id, row.user_id)
            claimed = conn.execute(update(refresh_tokens).where(
                refresh_tokens.c.jti == jti, refresh_tokens.c.used_at.is_(None)).values(used_at=now))
            outcome = RefreshOutcome.OK if claimed.rowcount == 1 else RefreshOutcome.REUSED
            return RefreshUse(outcome, row.family_id, row.user_id)

    def revoke_family(self, family_id: str, now: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(token_families).where(
                token_families.c.family_id == family_id, token_families.c.revoked_at.is_(None)).values(revoked_at=now))
        self._forget(family_id)

    def family_owner(self, family_id: str) -> UUID | None:
        if self.revocation_ttl > 0:
            hit = self._owners.get(family_id)
            if hit is not None and hit[1] > time.monotonic():
                return hit[0]
        with self.engine.connect() as conn:
            row = conn.execute(select(token_families.c.user_id, token_families.c.revoked_at).where(
                token_families.c.family_id == family_id)).first()
        owner = None if row is None or row.revoked_at is not None else row.user_id
        if self.revocation_ttl > 0:
            with self._lock:
                if len(self._owners) >= 100_000:
                    self._owners.clear()
                self._owners[family_id] = (owner, time.monotonic() + self.revocation_ttl)
        return owner

    def revoke_user(self, user_id: UUID, now: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(token_families).where(
                token_families.c.user_id == user_id, token_families.c.revoked_at.is_(None)).values(revoked_at=now))
        self._forget()

    def purge_expired(self, now: datetime) -> int:
        with self.engine.begin() as conn:
            return conn.execute(delete(refresh_tokens).where(refresh_tokens.c.expires_at <= now)).rowcount
