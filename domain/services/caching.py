"""Per-user cache generations: every change to a user's tasks or plan moves their generation on, so
cached reads under an older generation are never served again (and expire on their own)."""
from __future__ import annotations

from uuid import UUID

from domain import events
from ports.cache import Cache

GENERATION_TTL = 86_400
ENTRY_TTL = 30  # also the bound on staleness if an invalidation is lost while the cache is unreachable


def generation_key(user_id: UUID) -> str:
    return f"user:{user_id}:generation"


def entry_key(user_id: UUID, generation: bytes | None, *parts: str) -> str:
    """Every cached entry is keyed by its owner: one user's entry can never answer another's request."""
    return ":".join((f"user:{user_id}", f"g{int(generation or 0)}", *parts))


def invalidate(event: events.Event, cache: "Cache | None") -> None:
    if cache is not None:
        cache.incr(generation_key(event.user_id), GENERATION_TTL)
