"""The secret plan feed: issue, rotate and revoke its token, and read the plan it serves.

The token is made here and handed back once; only its digest is stored (``FeedTokenStore``), so a leaked
database does not leak anyone's plan, and the feed's address cannot be shown again later: rotating gives
a new one. Reading the feed needs no session, only a live token."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain import commands
from domain.errors import NotFound
from domain.model import Preferences
from domain.model.calendar_feed import (FEED_LOOK_BACK, MAX_FEED_BLOCKS, MAX_TITLE, FeedEntry, PlanFeed, block_uid,
                                        token_digest, well_formed)
from domain.services.planning import HORIZON
from ports.calendars import FeedTokenStore
from ports.clock import Clock
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork

UNTITLED = "Planned work"


@dataclass(frozen=True)
class IssuedFeed:
    token: str              # shown once
    issued_at: datetime


def rotate_calendar_feed(cmd: commands.RotateCalendarFeed, clock: "Clock", feed_tokens: "FeedTokenStore") -> IssuedFeed:
    token = secrets.token_urlsafe(32)  # 256 bits, 43 characters of [A-Za-z0-9_-]
    now = clock.now()
    feed_tokens.issue(cmd.actor_id, token_digest(token), now)
    return IssuedFeed(token=token, issued_at=now)


def revoke_calendar_feed(cmd: commands.RevokeCalendarFeed, feed_tokens: "FeedTokenStore") -> None:
    if not feed_tokens.revoke(cmd.actor_id):
        raise NotFound("you have no plan feed")


def plan_feed(token: str, uow: "UnitOfWork", clock: "Clock", feed_tokens: "FeedTokenStore",
              preferences: "PreferencesStore") -> PlanFeed:
    """The plan the token's owner sees: blocks from ``FEED_LOOK_BACK`` ago to the planning horizon,
    earliest first, at most ``MAX_FEED_BLOCKS``. NotFound for a token that is not live (malformed,
    rotated, revoked: all read the same, so the answer says nothing about which)."""
    user_id = feed_tokens.owner(token_digest(token)) if well_formed(token) else None
    if user_id is None:
        raise NotFound("no such feed")
    now = clock.now()
    with uow:
        user = uow.users.get(user_id)
        if user is None:
            raise NotFound("no such feed")
        blocks = sorted(uow.blocks.list(user_id, now - FEED_LOOK_BACK, now + HORIZON), key=lambda b: (b.start, b.id))
        titles = {task.id: task.title for task in uow.tasks.open_tasks(user_id)}
        summary = uow.plans.get(user_id)
    prefs = preferences.get(user_id) or Preferences(timezone=user.timezone)
    entries = tuple(FeedEntry(uid=block_uid(b.id), start=b.start, end=b.end,
                              title=(titles.get(b.task_id) or UNTITLED)[:MAX_TITLE], task_id=b.task_id,
                              pinned=b.pinned) for b in blocks[:MAX_FEED_BLOCKS])
    stamp = summary.computed_at if summary is not None else feed_tokens.issued_at(user_id) or now
    return PlanFeed(user_id=user_id, timezone=prefs.timezone, stamp=stamp, entries=entries)


def feed_issued_at(user_id: UUID, feed_tokens: "FeedTokenStore") -> datetime | None:
    return feed_tokens.issued_at(user_id)
