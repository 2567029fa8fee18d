"""Refresh-token families and the JWT revocation check, with Redis in front of the database.

Design
------
The injected `fallback` TokenStore (the SQL store in production) is the source of truth. Every
write goes to it first, and its errors propagate; Redis only caches the answer of `family_owner`
(behind `is_family_revoked`, which runs on every authenticated request). Redis holds, under `prefix`:

- `fam:<family_id>` -> b"1" (revoked or unknown) or the owner's user id (active), the cached answer;
- `user:<user_id>`  -> the set of the user's families, so `revoke_user` can reach their entries;
  it lives until the last recorded refresh token of the user expires (plus a margin).

The rules that keep it correct:

1. Revocation is permanent in the database, so b"1" is never wrong for a family once revoked.
   `revoke_family`, `revoke_user` and a REVOKED `use_refresh` write b"1" (unconditional SET,
   `revoked_ttl`) *after* the database commit.
2. An active answer read from the database is cached with `SET fam <owner> NX PX <ms>` where the
   expiry is anchored at the moment the database read *started* (`read_ttl` minus the time the read and
   the round trip took). NX means it never overwrites a b"1" written by a revocation; an owner that
   slips in after one (revocation's SET lost because Redis blinked, or a `record_refresh` DEL in
   between) still dies within `read_ttl` of a database read that came before the revocation.
   Hence the bound: once a revocation commits, no caller is told "not revoked" for longer than
   `read_ttl` (5 s by default), whatever happens to Redis in between. Redis keeps absolute expiry
   times across restarts (RDB/AOF) and replicas, so a restored or promoted Redis cannot resurrect a
   stale owner past that bound; a Redis restarted empty just misses.
3. `record_refresh` deletes `fam:<id>`: a never-issued family reads as revoked (b"1" cached by a
   read) and becomes active when recorded. DEL is always safe: the next read asks the database.
   A "revoked" answer read from the database is cached for `read_ttl` only, so the one way to err
   the other way (a read of a not-yet-recorded family finishing after its recording) fails closed
   for at most `read_ttl`; families are recorded before their first access token exists.
4. Redis down: lookups go to the database, writes land in the database and the invalidation is
   skipped (rule 2 bounds what that leaves behind). After a failure, Redis is skipped for
   `cooldown` seconds; warnings are rate-limited (see `adapters.redis.RedisLink`).

`use_refresh` deliberately has no Redis claim: the database's conditional UPDATE already lets
exactly one concurrent caller through, and a claim kept only in Redis would be forgotten by a
Redis restart or missed during an outage, letting a used token be used again without the reuse
being detected. A claim in both places needs a read-only database lookup that the port does not
offer; refresh is a cold path (once per access-token lifetime), so the database is the one judge.
`purge_expired` purges the database; Redis keys expire on their own.
"""
from __future__ import annotations

import time
from datetime import datetime
from typing import Callable
from uuid import UUID

from adapters.redis import RedisLink
from ports.token_store import RefreshOutcome, RefreshUse, TokenStore

REVOKED = b"1"


def active(user_id: UUID) -> bytes:
    """The cached answer for a live family: its owner."""
    return str(user_id).encode()


# KEYS: fam key, user set; ARGV: family id, user-set lifetime (ms)
_RECORD = """
redis.call('DEL', KEYS[1])
redis.call('SADD', KEYS[2], ARGV[1])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return 1
"""


class RedisTokenStore(TokenStore):
    def __init__(self, url: str, fallback: TokenStore, prefix: str = "planloom:tokens:",
                 socket_timeout: float = 0.25, *, read_ttl: float = 5.0, revoked_ttl: int = 86_400,
                 cooldown: float = 1.0, warn_every: float = 30.0,
                 clock: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], float] = time.time) -> None:
        self.fallback, self.prefix = fallback, prefix
        self.read_ttl, self.revoked_ttl = read_ttl, revoked_ttl
        self.clock, self.wall_clock = clock, wall_clock
        self.link = RedisLink(url, name="token store", socket_timeout=socket_timeout, cooldown=cooldown,
                              warn_every=warn_every, clock=clock)

    def family_key(self, family_id: str) -> str:
        return f"{self.prefix}fam:{family_id}"

    def user_key(self, user_id: UUID) -> str:
        return f"{self.prefix}user:{user_id}"

    def _mark_revoked(self, family_ids: list[str] | None = None, user_id: UUID | None = None) -> None:
        def mark(r) -> None:
            families = list(family_ids or [])
            if user_id is not None:
                families += [f.decode() for f in r.smembers(self.user_key(user_id))]
            if families:
                pipe = r.pipeline(transaction=False)
                for family in families:
                    pipe.set(self.family_key(family), REVOKED, ex=self.revoked_ttl)
                pipe.execute()

        self.link.run("revocation write", mark, None)

    def record_refresh(self, jti: str, family_id: str, user_id: UUID, expires_at: datetime) -> None:
        self.fallback.record_refresh(jti, family_id, user_id, expires_at)
        lifetime_ms = (max(int((expires_at.timestamp() - self.wall_clock()) * 1000), 0)
                       + int((self.read_ttl + 60) * 1000))
        self.link.run("token record", lambda r: r.eval(
            _RECORD, 2, self.family_key(family_id), self.user_key(user_id), family_id, lifetime_ms), None)

    def use_refresh(self, jti: str, now: datetime) -> RefreshUse:
        use = self.fallback.use_refresh(jti, now)
        if use.outcome is RefreshOutcome.REVOKED and use.family_id is not None:
            self._mark_revoked([use.family_id])
        return use

    def revoke_family(self, family_id: str, now: datetime) -> None:
        self.fallback.revoke_family(family_id, now)
        self._mark_revoked([family_id])

    def family_owner(self, family_id: str) -> UUID | None:
        key = self.family_key(family_id)
        cached = self.link.run("revocation lookup", lambda r: r.get(key), None)
        if cached is not None:
            return None if cached == REVOKED else UUID(cached.decode())
        read_at = self.clock()
        owner = self.fallback.family_owner(family_id)
        if owner is None:
            self.link.run("revocation cache", lambda r: r.set(key, REVOKED, px=int(self.read_ttl * 1000)), None)
            return None

        def remember_active(r) -> None:
            remaining_ms = int((self.read_ttl - (self.clock() - read_at)) * 1000)
            if remaining_ms > 0:
                r.set(key, active(owner), px=remaining_ms, nx=True)

        self.link.run("revocation cache", remember_active, None)
        return owner

    def revoke_user(self, user_id: UUID, now: datetime) -> None:
        self.fallback.revoke_user(user_id, now)
        self._mark_revoked(user_id=user_id)

    def purge_expired(self, now: datetime) -> int:
        return self.fallback.purge_expired(now)

    def close(self) -> None:
        self.link.close()
