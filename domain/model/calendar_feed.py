"""The secret plan feed: the user's blocks as a calendar any app can subscribe to, at an address whose
token is the only credential. Only a digest of the token is stored, so the address is shown once, when
the token is issued; issuing another revokes the previous one."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

FEED_LOOK_BACK = timedelta(days=14)  # past blocks stay visible this long
MAX_FEED_BLOCKS = 2_000              # blocks in one feed, earliest first
MAX_TITLE = 200                      # characters of an event's title
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
UID_DOMAIN = "planloom"


def token_digest(token: str) -> str:
    """What the store keeps of a token: SHA-256, hex (a token has 256 random bits, so no salt or slow
    hash is needed: it cannot be guessed from its digest)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def well_formed(token: str) -> bool:
    return bool(TOKEN_PATTERN.match(token))


@dataclass(frozen=True)
class FeedEntry:
    uid: str           # stable while the block stays where it is (a block's id survives re-plans that keep it)
    start: datetime    # aware
    end: datetime
    title: str
    task_id: UUID
    pinned: bool


@dataclass(frozen=True)
class PlanFeed:
    user_id: UUID
    timezone: str
    stamp: datetime    # when the plan was made: the feed's DTSTAMP, so an unchanged plan reads byte for byte the same
    entries: tuple[FeedEntry, ...]


def block_uid(block_id: UUID) -> str:
    return f"planloom-block-{block_id}@{UID_DOMAIN}"
