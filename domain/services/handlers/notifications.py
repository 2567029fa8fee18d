"""Notifications: keep each in the user's inbox once, then deliver it on the channels they chose."""
from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from domain import commands, events
from domain.errors import NotFound, ValidationError
from domain.model import Preferences
from domain.model.notification import KINDS, InAppNotification
from domain.services import risk
from ports.clock import Clock
from ports.notifications import EmailSender, WebhookSender
from ports.preferences import PreferencesStore
from ports.telemetry import Telemetry
from ports.unit_of_work import UnitOfWork


def _prefs(preferences: "PreferencesStore", user) -> Preferences:
    return preferences.get(user.id) or Preferences(timezone=user.timezone)


def _uuids(ids: set[str]) -> list[uuid.UUID]:
    out = []
    for i in ids:
        try:
            out.append(uuid.UUID(i))
        except ValueError:
            pass  # not a task's id: nothing to name
    return out


def notify(cmd: commands.Notify, uow: "UnitOfWork", clock: "Clock", preferences: "PreferencesStore"):
    if cmd.kind not in KINDS:
        raise ValidationError.for_field("kind", f"unknown notification kind {cmd.kind!r}")
    with uow:
        user = uow.users.get(cmd.user_id)
        if user is None:
            return None
        notification = InAppNotification(
            id=uuid.uuid4(), user_id=user.id, kind=cmd.kind, title=cmd.title[:200], body=cmd.body[:5000],
            created_at=clock.now(), dedupe_key=cmd.dedupe_key[:200], data=dict(cmd.data))
        if not uow.notifications.add(notification):
            return None  # already told
        prefs = cmd.preferences or _prefs(preferences, user)
        channels = tuple(prefs.notifications.channels.get(cmd.kind, []))
        if channels:
            uow.record(events.NotificationCreated(user_id=user.id, notification_id=notification.id,
                                                  kind=cmd.kind, channels=channels))
        uow.commit()
    return notification


def notify_plan_outcome(cmd: commands.NotifyPlanOutcome, uow: "UnitOfWork", clock: "Clock",
                        preferences: "PreferencesStore") -> int:
    """One 'deadline at risk' per overloaded week of the plan (``risk.warnings``: who will be late,
    by how much, the time missing before which deadline, what would fix it), and one 'plan changed'
    when blocks moved."""
    with uow:
        summary = uow.plans.get(cmd.user_id)
        named = risk.named_tasks(summary) if summary is not None else set()
        tasks = uow.tasks.open_tasks_among(cmd.user_id, _uuids(named)) if named else []
        user = uow.users.get(cmd.user_id)
    if summary is None or user is None:
        return 0
    sent = 0
    for warning in risk.warnings(summary, tasks, _prefs(preferences, user).timezone):
        result = notify(commands.Notify(
            user_id=cmd.user_id, kind="deadline_at_risk", title=warning.title, body=warning.body,
            dedupe_key=warning.dedupe_key, data=warning.data), uow, clock, preferences)
        sent += result is not None
    if cmd.moved_blocks:
        result = notify(commands.Notify(
            user_id=cmd.user_id, kind="plan_changed", title="Your plan changed",
            body=f"{cmd.moved_blocks} block(s) moved to fit your changes.", dedupe_key=f"plan:{cmd.message_id}",
            data=summary.metrics), uow, clock, preferences)
        sent += result is not None
    return sent


def deliver_notification(cmd: commands.DeliverNotification, uow: "UnitOfWork", clock: "Clock",
                         preferences: "PreferencesStore", email: "EmailSender | None",
                         webhooks: "WebhookSender | None", webhook_secret, telemetry: "Telemetry") -> bool:
    """Send one notification on one channel, once. Raises (so the consumer retries) when sending fails."""
    now = clock.now()
    with uow:
        if not uow.inbox.claim(f"deliver-{cmd.channel}", cmd.message_id, now):
            return False
        user = uow.users.get(cmd.user_id)
        notification = uow.notifications.get(cmd.user_id, cmd.notification_id)
        if user is None or notification is None:
            uow.commit()
            return False
        settings = _prefs(preferences, user)
        local = now.astimezone(ZoneInfo(settings.timezone)).time()
        if settings.notifications.is_quiet(local) and notification.kind != "daily_agenda":
            uow.commit()  # quiet hours: the inbox has it; nothing is pushed
            return False
        try:
            if cmd.channel == "email" and email is not None:
                email.send(user.email, notification.title, f"{notification.body}\n\n— Planloom")
            elif cmd.channel == "webhook" and webhooks is not None and settings.notifications.webhook_url:
                webhooks.deliver(settings.notifications.webhook_url, webhook_secret(user.id), {
                    "id": str(notification.id), "kind": notification.kind, "title": notification.title,
                    "body": notification.body, "created_at": notification.created_at.isoformat(),
                    "data": notification.data})
            else:
                uow.commit()
                return False
        except Exception:
            telemetry.count_delivery(cmd.channel, "failed")
            raise
        uow.commit()
    telemetry.count_delivery(cmd.channel, "sent")
    return True


def mark_read(cmd: commands.MarkNotificationRead, uow: "UnitOfWork", clock: "Clock"):
    with uow:
        if not uow.notifications.set_read(cmd.actor_id, cmd.notification_id, clock.now() if cmd.read else None):
            raise NotFound("no such notification")
        uow.commit()
        return uow.notifications.get(cmd.actor_id, cmd.notification_id)
