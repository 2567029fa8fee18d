"""Commands: requests to change something. Small dataclasses; ``actor_id`` is who asks."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID


class Command:
    """Marker base class."""


@dataclass(frozen=True)
class RegisterUser(Command):
    email: str
    password: str
    display_name: str = ""
    timezone: str = "UTC"
    role: str = "user"


@dataclass(frozen=True)
class Authenticate(Command):
    email: str
    password: str


@dataclass(frozen=True)
class UpdateProfile(Command):
    actor_id: UUID
    display_name: str | None = None
    timezone: str | None = None


@dataclass(frozen=True)
class ChangeRole(Command):
    actor_id: UUID
    user_id: UUID
    role: str


@dataclass(frozen=True)
class SavePreferences(Command):
    actor_id: UUID
    values: dict[str, Any]


@dataclass(frozen=True)
class CreateTask(Command):
    actor_id: UUID
    values: dict[str, Any]


@dataclass(frozen=True)
class UpdateTask(Command):
    actor_id: UUID
    task_id: UUID
    changes: dict[str, Any]
    expected_version: int | None = None


@dataclass(frozen=True)
class DeleteTask(Command):
    actor_id: UUID
    task_id: UUID


@dataclass(frozen=True)
class RecordOccurrence(Command):
    """Mark one occurrence of a routine done or skipped (``status``), or open again (``status`` None)."""

    actor_id: UUID
    task_id: UUID
    occurrence: str
    status: str | None


@dataclass(frozen=True)
class CreateCategory(Command):
    actor_id: UUID
    name: str
    color: str | None = None


@dataclass(frozen=True)
class UpdateCategory(Command):
    actor_id: UUID
    category_id: UUID
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DeleteCategory(Command):
    actor_id: UUID
    category_id: UUID


@dataclass(frozen=True)
class CreateTag(Command):
    actor_id: UUID
    name: str


@dataclass(frozen=True)
class RenameTag(Command):
    actor_id: UUID
    tag_id: UUID
    name: str


@dataclass(frozen=True)
class DeleteTag(Command):
    actor_id: UUID
    tag_id: UUID


@dataclass(frozen=True)
class ReplanSchedule(Command):
    """Re-plan a user's open tasks. From a consumer, ``message_id`` makes it idempotent and
    ``requested_at`` lets one run cover a burst of changes (a plan computed later covers them)."""

    user_id: UUID
    requested_at: Any = None
    message_id: UUID | None = None


@dataclass(frozen=True)
class PinBlock(Command):
    actor_id: UUID
    block_id: UUID
    pinned: bool


@dataclass(frozen=True)
class PinTaskBlocks(Command):
    """Pin (or unpin) every block of one task, then re-plan once."""

    actor_id: UUID
    task_id: UUID
    pinned: bool = True


@dataclass(frozen=True)
class MoveBlock(Command):
    actor_id: UUID
    block_id: UUID
    start: Any
    end: Any


@dataclass(frozen=True)
class Notify(Command):
    """Tell a user something. The same ``dedupe_key`` twice tells them once."""

    user_id: UUID
    kind: str
    title: str
    body: str
    dedupe_key: str
    data: dict = field(default_factory=dict)
    preferences: Any = field(default=None, compare=False)  # the user's Preferences, when the caller read them


@dataclass(frozen=True)
class RemindBlockStarting(Command):
    """A block is about to start: remind its owner if it starts within their lead time (a job sends this)."""

    user_id: UUID
    block_id: UUID
    task_id: UUID
    title: str
    start: datetime
    end: datetime
    now: datetime
    timezone: str  # the profile's zone, when no preferences were saved
    preferences: Any = field(default=None, compare=False)  # the user's Preferences as the job read them this run


@dataclass(frozen=True)
class NotifyOverdue(Command):
    """A task's due date passed while it stayed open."""

    user_id: UUID
    task_id: UUID
    title: str
    due: datetime
    timezone: str
    preferences: Any = field(default=None, compare=False)  # the user's Preferences as the job read them this run


@dataclass(frozen=True)
class SendDailyAgenda(Command):
    """The user's agenda for their local day, if their digest time fell in (``since``, ``now``]."""

    user_id: UUID
    since: datetime
    now: datetime
    timezone: str
    preferences: Any = field(default=None, compare=False)  # the user's Preferences as the job read them this run


@dataclass(frozen=True)
class NotifyPlanOutcome(Command):
    """After a re-plan: warn about deadlines at risk, and say the plan changed."""

    user_id: UUID
    message_id: UUID
    moved_blocks: int = 0


@dataclass(frozen=True)
class DeliverNotification(Command):
    user_id: UUID
    notification_id: UUID
    channel: str
    message_id: UUID


@dataclass(frozen=True)
class MarkNotificationRead(Command):
    actor_id: UUID
    notification_id: UUID
    read: bool = True


@dataclass(frozen=True)
class ParseText(Command):
    actor_id: UUID
    text: str
    now: Any = None
    timezone: str | None = None


@dataclass(frozen=True)
class QuickAdd(Command):
    actor_id: UUID
    text: str


@dataclass(frozen=True)
class RunSlashCommand(Command):
    actor_id: UUID
    text: str


@dataclass(frozen=True)
class StartFineTune(Command):
    actor_id: UUID
    base_model: str | None = None  # None: the first model the server allows


@dataclass(frozen=True)
class RefreshFineTune(Command):
    actor_id: UUID


@dataclass(frozen=True)
class AddBusyTime(Command):
    actor_id: UUID
    start: Any
    end: Any
    title: str = ""


@dataclass(frozen=True)
class DeleteBusyTime(Command):
    actor_id: UUID
    busy_id: UUID


@dataclass(frozen=True)
class ConnectCalendar(Command):
    """Connect a calendar (``values``: kind, name, url, username, password, content, calendar_url,
    blocks_time) and import its busy time at once."""

    actor_id: UUID
    values: dict[str, Any]


@dataclass(frozen=True)
class UpdateCalendar(Command):
    actor_id: UUID
    connection_id: UUID
    changes: dict[str, Any]


@dataclass(frozen=True)
class DisconnectCalendar(Command):
    """Forget the connection, its credentials and the busy time it brought."""

    actor_id: UUID
    connection_id: UUID


@dataclass(frozen=True)
class SyncCalendar(Command):
    """Read the calendar (None: every calendar of the user) again and bring the busy time from it up to date.
    ``only_if_due``: the periodic sync's request, which does nothing when the connection is gone or was
    synced since its slot in the sync period (a late or duplicate request); a sync on demand always reads."""

    user_id: UUID
    connection_id: UUID | None = None
    only_if_due: bool = False


@dataclass(frozen=True)
class RequestCalendarSyncs(Command):
    """The periodic sync's requests: each (user id, connection id) of ``connections`` is marked requested
    at ``now`` and a ``CalendarSyncDue`` event for it goes through the outbox, in one commit."""

    connections: tuple[tuple[UUID, UUID], ...]
    now: datetime


@dataclass(frozen=True)
class ListRemoteCalendars(Command):
    actor_id: UUID
    connection_id: UUID


@dataclass(frozen=True)
class PublishPlan(Command):
    """Write the user's plan into the calendars chosen to receive it."""

    user_id: UUID


@dataclass(frozen=True)
class StartOAuthConnect(Command):
    """Begin connecting a calendar account by OAuth (``kind``: "google"): the consent address to send the
    user to, carrying a sealed, expiring, single-use ``state`` bound to the user and the PKCE verifier."""

    actor_id: UUID
    kind: str
    redirect_uri: str
    name: str = ""


@dataclass(frozen=True)
class FinishOAuthConnect(Command):
    """The provider came back to the callback: check ``state``, exchange ``code``, store the connection.
    ``actor_id``: the signed-in user making the request, when the request says (it must be the state's)."""

    state: str
    code: str
    error: str
    redirect_uri: str
    actor_id: UUID | None = None


@dataclass(frozen=True)
class UploadImage(Command):
    """Store an uploaded image (checked, re-encoded) and have it read in the background."""

    actor_id: UUID
    data: bytes = field(repr=False)
    caption: str = ""


@dataclass(frozen=True)
class ProcessImage(Command):
    """Read the image's text and find task drafts in it (once: a processed image is left as it is)."""

    user_id: UUID
    image_id: UUID


@dataclass(frozen=True)
class GiveUpImage(Command):
    """Reading the image failed every time it was tried: it is failed, not left pending for ever."""

    user_id: UUID
    image_id: UUID
    reason: str


@dataclass(frozen=True)
class AcceptImageTasks(Command):
    """Create tasks from the image's drafts (``indexes``: which; None: every unchecked one)."""

    actor_id: UUID
    image_id: UUID
    indexes: tuple[int, ...] | None = None
    edits: tuple[dict, ...] = ()  # per draft: {"index": i, and the fields changed (title, due, ...)}


@dataclass(frozen=True)
class AnnotateImage(Command):
    """The person says which category the image is: it becomes the image's, and their categoriser learns it."""

    actor_id: UUID
    image_id: UUID
    category: str


@dataclass(frozen=True)
class DeleteImage(Command):
    actor_id: UUID
    image_id: UUID


@dataclass(frozen=True)
class RecordTaskAnalytics(Command):
    """A task or its quick-add reading changed (event ``message_id``): bring its insights facts and the days they
    touch up to date."""

    user_id: UUID
    task_id: UUID
    message_id: UUID


@dataclass(frozen=True)
class RecordPlanChange(Command):
    """A re-plan moved blocks or found missed ones (event ``message_id``, at ``occurred_at``): count it once on
    its local day."""

    user_id: UUID
    message_id: UUID
    occurred_at: datetime
    moved_blocks: int
    late_tasks: int
    missed_blocks: int = 0


@dataclass(frozen=True)
class RebuildAnalytics(Command):
    """Recompute the insights of one user (None: every user) from the relational data. From a consumer
    (``message_id``: a category or tag changed, or the time zone may have), recorded in its inbox."""

    user_id: UUID | None = None
    message_id: UUID | None = None


@dataclass(frozen=True)
class RotateCalendarFeed(Command):
    """Issue the user a new secret plan-feed token (the previous one stops working)."""

    actor_id: UUID


@dataclass(frozen=True)
class RevokeCalendarFeed(Command):
    """No plan-feed token of the user works any more."""

    actor_id: UUID
