"""Which events each consumer listens to, and the command it turns each into (on the bus the container
built; the container builds the consumers too)."""
from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Callable
from uuid import UUID

from domain import commands
from ports.outbox import OutboxMessage

REPLAN_EVENTS = ["TaskCreated", "TaskUpdated", "TaskCompleted", "TaskDeleted", "PreferencesChanged",
                 "OccurrenceRecorded", "CalendarSynced"]
DEBOUNCE_SECONDS = 0.2


def replan(bus, debounce: float = DEBOUNCE_SECONDS) -> Callable[[OutboxMessage], None]:
    """Re-plan the user. A re-plan that starts after a change was published covers it, so a burst of
    edits published within ``debounce`` seconds of each other gives one re-plan."""

    def handle(message: OutboxMessage) -> None:
        user_id = UUID(message.payload["user_id"])
        published = message.published_at or message.occurred_at
        wait = (published - datetime.now(timezone.utc)).total_seconds() + debounce
        if wait > 0:
            time.sleep(min(wait, debounce))
        bus.handle(commands.ReplanSchedule(user_id=user_id, requested_at=published, message_id=message.id))

    return handle


def plan_outcome(bus) -> Callable[[OutboxMessage], None]:
    """After a re-plan: deadline-at-risk and plan-changed notifications."""

    def handle(message: OutboxMessage) -> None:
        bus.handle(commands.NotifyPlanOutcome(user_id=UUID(message.payload["user_id"]), message_id=message.id,
                                              moved_blocks=int(message.payload.get("moved_blocks", 0))))

    return handle


def deliver(bus) -> Callable[[OutboxMessage], None]:
    """Push a new notification on each channel the user chose (each channel at most once)."""

    def handle(message: OutboxMessage) -> None:
        for channel in message.payload.get("channels", []):
            bus.handle(commands.DeliverNotification(
                user_id=UUID(message.payload["user_id"]), notification_id=UUID(message.payload["notification_id"]),
                channel=str(channel), message_id=message.id))

    return handle


def process_image(bus) -> Callable[[OutboxMessage], None]:
    """Read an uploaded image's text and find its task drafts (a processed image is left as it is)."""

    def handle(message: OutboxMessage) -> None:
        bus.handle(commands.ProcessImage(user_id=UUID(message.payload["user_id"]),
                                         image_id=UUID(message.payload["image_id"])))

    return handle


def image_given_up(bus) -> Callable[[OutboxMessage, str], None]:
    """When the ``images`` consumer gives up on a message (its retries ran out), its image is failed."""

    def given_up(message: OutboxMessage, reason: str) -> None:
        bus.handle(commands.GiveUpImage(user_id=UUID(message.payload["user_id"]),
                                        image_id=UUID(message.payload["image_id"]), reason=reason[:300]))

    return given_up


# each refreshes the task's facts: of its closing, and of its quick-add (made with TaskCreated, corrected after)
ANALYTICS_TASK_EVENTS = ["TaskCreated", "TaskUpdated", "TaskCompleted", "TaskDeleted", "QuickAddCorrected"]
ANALYTICS_REBUILD_EVENTS = ["CatalogChanged", "PreferencesChanged"]  # names or days of many facts may move
ANALYTICS_PREFERENCES = {"timezone"}  # the preferences a fact depends on (its local day and hour)


def _moves_facts(message: OutboxMessage) -> bool:
    """A catalog change always may; saved preferences only when the time zone changed (a message from before
    preferences events named their fields is read as a change of any)."""
    if message.name != "PreferencesChanged":
        return True
    fields = message.payload.get("fields")
    return fields is None or bool(ANALYTICS_PREFERENCES & set(fields))


def analytics(bus) -> Callable[[OutboxMessage], None]:
    """Insights: a task event (or a quick-add's correction) refreshes the task's facts; a re-plan that moved
    blocks or found some missed counts as a plan change; a renamed tag, a deleted category or a new time zone rebuild the user's insights; other preferences do not."""

    def handle(message: OutboxMessage) -> None:
        user_id = UUID(message.payload["user_id"])
        if message.name in ANALYTICS_TASK_EVENTS:
            bus.handle(commands.RecordTaskAnalytics(user_id=user_id, task_id=UUID(message.payload["task_id"]),
                                                    message_id=message.id))
        elif message.name in ANALYTICS_REBUILD_EVENTS:
            if _moves_facts(message):
                bus.handle(commands.RebuildAnalytics(user_id=user_id, message_id=message.id))
        elif int(message.payload.get("moved_blocks", 0)) > 0 or int(message.payload.get("missed_blocks", 0)) > 0:
            bus.handle(commands.RecordPlanChange(user_id=user_id, message_id=message.id,
                                                 occurred_at=message.occurred_at,
                                                 moved_blocks=int(message.payload.get("moved_blocks", 0)),
                                                 late_tasks=int(message.payload.get("late_tasks", 0)),
                                                 missed_blocks=int(message.payload.get("missed_blocks", 0))))

    return handle


def calendar_write(bus) -> Callable[[OutboxMessage], None]:
    """After a re-plan: write the plan to the calendars chosen to receive it (only the difference, so a
    message seen twice writes nothing the second time)."""

    def handle(message: OutboxMessage) -> None:
        bus.handle(commands.PublishPlan(user_id=UUID(message.payload["user_id"])))

    return handle


def calendar_sync(bus) -> Callable[[OutboxMessage], None]:
    """The periodic sync's request: read the calendar, unless it was synced since (a late or duplicate
    message) or disconnected. A calendar that cannot be read records its failure on the connection (and is
    asked for again at its next slot): the message is done either way."""

    def handle(message: OutboxMessage) -> None:
        bus.handle(commands.SyncCalendar(user_id=UUID(message.payload["user_id"]),
                                         connection_id=UUID(message.payload["connection_id"]), only_if_due=True))

    return handle


CONSUMERS: dict[str, tuple[list[str], Callable]] = {
    "replan": (REPLAN_EVENTS, replan),
    "notify": (["ScheduleChanged"], plan_outcome),
    "deliver": (["NotificationCreated"], deliver),
    "images": (["ImageUploaded"], process_image),
    "analytics": ([*ANALYTICS_TASK_EVENTS, *ANALYTICS_REBUILD_EVENTS, "ScheduleChanged"], analytics),
    "calendar_write": (["ScheduleChanged"], calendar_write),
    "calendar_sync": (["CalendarSyncDue"], calendar_sync),
}
# What a consumer does with a message it gives up on (before dead-lettering it), where the user must be told
GIVEN_UP: dict[str, Callable] = {"images": image_given_up}
