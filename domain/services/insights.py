"""Insights reads: validate the range, read the rollups of one user, shape a report. Never write."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID

from domain.analytics import reports
from domain.analytics.facts import DAY, MAX_RANGE_DAYS, NO_CATEGORY, WEEK, Rollup, local, week_of
from domain.errors import ValidationError
from domain.model.learning import READING_FIELDS
from domain.services.handlers.learning import estimate_duration
from domain.services.queries import preferences_of
from ports.analytics import AnalyticsStore
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork

DEFAULT_DAYS = 30
KINDS = ("summary", "weekly", "categories", "estimates")


def date_range(first: date | None, last: date | None, today: date) -> tuple[str, str]:
    """[first, last] as ISO dates: ``last`` defaults to today, ``first`` to 30 days before ``last``; at most
    ``MAX_RANGE_DAYS`` days, and ``first`` not after ``last`` (else a 422)."""
    last = last or today
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise ValidationError.for_field("from", "must not be after to")
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise ValidationError.for_field("to", f"a range covers at most {MAX_RANGE_DAYS} days")
    return first.isoformat(), last.isoformat()


def covering(analytics: AnalyticsStore, user_id: UUID, first: str, last: str) -> list[Rollup]:
    """Rollups that cover [first, last] exactly: the whole weeks inside it, and the days at its two edges
    (a year reads about 52 weeks and at most 12 days instead of 366 days)."""
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    inner_first = start + timedelta(days=(7 - start.weekday()) % 7)  # the first Monday in the range
    inner_last = end - timedelta(days=(end.weekday() + 1) % 7)       # the last Sunday in the range
    if inner_last < inner_first:
        return analytics.rollups(user_id, DAY, first, last)
    before = analytics.rollups(user_id, DAY, first, (inner_first - timedelta(days=1)).isoformat()) \
        if inner_first > start else []
    after = analytics.rollups(user_id, DAY, (inner_last + timedelta(days=1)).isoformat(), last) \
        if inner_last < end else []
    weeks = analytics.rollups(user_id, WEEK, inner_first.isoformat(), (inner_last - timedelta(days=6)).isoformat())
    return before + weeks + after


def report(kind: str, uow: UnitOfWork, analytics: AnalyticsStore, preferences: PreferencesStore, user_id: UUID,
           first: date | None, last: date | None, now: datetime) -> dict:
    """One of ``KINDS`` for the user's local days [first, last] (defaults: the 30 days up to today)."""
    today = local(now, preferences_of(uow, preferences, user_id).timezone).date()
    start, end = date_range(first, last, today)
    if kind == "weekly":
        weeks = analytics.rollups(user_id, WEEK, week_of(start), end)
        return {"from": start, "to": end, "weeks": reports.weekly(weeks, start, end)}
    days = covering(analytics, user_id, start, end)
    if kind == "summary":
        return reports.summary(days, start, end, READING_FIELDS)
    with uow:
        categories = uow.categories.list(user_id)
        learned = {str(c.id): estimate_duration(uow, user_id, c.id, []) for c in categories} if kind == "estimates" \
            else {}
    names = {str(c.id): c.name for c in categories}
    if kind == "categories":
        return {"from": start, "to": end, **reports.categories(days, names)}
    learned[NO_CATEGORY] = None
    return {"from": start, "to": end, **reports.estimates(days, names, learned)}
