"""Refresh-token families (rotation with reuse detection) and revoked access tokens."""
from __future__ import annotations

import abc
import enum
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


class RefreshOutcome(str, enum.Enum):
    OK = "ok"            # first use: the caller may issue the next token of the family
    REUSED = "reused"    # already used: the family must be revoked
    REVOKED = "revoked"  # the family was revoked (logout, reuse)
    UNKNOWN = "unknown"  # never issued here, or expired and purged


@dataclass(frozen=True)
class RefreshUse:
    outcome: RefreshOutcome
    family_id: str | None = None
    user_id: UUID | None = None


class TokenStore(abc.ABC):
    @abc.abstractmethod
    def record_refresh(self, jti: str, family_id: str, user_id: UUID, expires_at: datetime) -> None: ...

    @abc.abstractmethod
    def use_refresh(self, jti: str, now: datetime) -> RefreshUse:
        """Atomically mark the token used; only one concurrent caller gets OK."""

    @abc.abstractmethod
    def revoke_family(self, family_id: str, now: datetime) -> None: ...

    @abc.abstractmethod
    def family_owner(self, family_id: str) -> UUID | None:
        """The user a live family was issued to; None when it was revoked or never issued here."""

    def is_family_revoked(self, family_id: str, user_id: UUID) -> bool:
        """The check of every access token: refused unless its family is live *and* was issued to the
        token's own user (a token naming someone else's session is not that session)."""
        return self.family_owner(family_id) != user_id

    @abc.abstractmethod
    def revoke_user(self, user_id: UUID, now: datetime) -> None:
        """Revoke every family of the user (role change, password change)."""

    @abc.abstractmethod
    def purge_expired(self, now: datetime) -> int: ...
