"""The relational schema. Every tenant table carries ``user_id`` and leads its indexes with it,
so each API query is an index range scan and the data can be sharded by user: a foreign key between two
tenant tables names ``user_id`` on both sides (``(user_id, task_id) -> tasks (user_id, id)``), the form
Citus keeps between co-located tables (migration 0024, deploy/README.md "Sharding")."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON, Boolean, Column, DateTime, ForeignKey, ForeignKeyConstraint, Index, Integer, MetaData, String, Table,
    Text, TypeDecorator, Uuid, false,
)
from sqlalchemy.dialects import postgresql

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on PostgreSQL and SQLite alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)

    def result_processor(self, dialect, coltype):
        """On PostgreSQL values arrive aware (psycopg), mostly in UTC already: one plain function
        per value instead of TypeDecorator's two calls; a page of 50 tasks reads 250 of them."""
        if dialect.name != "postgresql":
            return super().result_processor(dialect, coltype)
        utc = timezone.utc

        def process(value: datetime | None) -> datetime | None:
            return value if value is None or value.tzinfo is utc else value.astimezone(utc)
        return process


users = Table(
    "users", metadata,
    Column("id", Uuid, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("display_name", String(100), nullable=False, default=""),
    Column("timezone", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

categories = Table(
    "categories", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(64), nullable=False),
    Column("name_key", String(64), nullable=False),
    Column("color", String(7)),
    Column("created_at", UTCDateTime, nullable=False),
    Index("uq_categories_user_name", "user_id", "name_key", unique=True),
    Index("uq_categories_user_id", "user_id", "id", unique=True),  # what tasks' category key names
)

tags = Table(
    "tags", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(50), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("uq_tags_user_name", "user_id", "name", unique=True),
    Index("uq_tags_user_id", "user_id", "id", unique=True),  # what task_tags' key names
)

tasks = Table(
    "tasks", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(500), nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("duration_minutes", Integer, nullable=False),
    Column("due", UTCDateTime),
    Column("earliest_start", UTCDateTime),
    Column("priority", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("category_id", Uuid),  # deleting a category clears it here first (SqlCategoryRepository.delete)
    Column("splittable", Boolean, nullable=False),
    Column("min_chunk_minutes", Integer, nullable=False),
    Column("recurrence", String(500)),
    Column("completed_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("actual_minutes", Integer),  # as the person reported, else minutes of its blocks begun when done
    Column("actual_reported", Boolean, nullable=False, server_default=false()),
    # The task's tag names in order: a copy of task_tags (which filters and renames go through)
    # that a page of tasks reads with its rows instead of a join per task. NULL: no tags.
    Column("tag_names", JSON().with_variant(postgresql.ARRAY(Text()), "postgresql")),
    Index("ix_tasks_user_created", "user_id", "created_at"),
    Index("ix_tasks_user_status_due", "user_id", "status", "due"),
    Index("ix_tasks_user_due", "user_id", "due"),
    Index("ix_tasks_user_category", "user_id", "category_id"),
    Index("uq_tasks_user_id", "user_id", "id", unique=True),  # what the keys to a task name
    # No ON DELETE SET NULL: Citus refuses it on a key that holds the distribution column.
    ForeignKeyConstraint(["user_id", "category_id"], ["categories.user_id", "categories.id"],
                         name="fk_tasks_category_id_categories"),
)

task_tags = Table(
    "task_tags", metadata,
    Column("task_id", Uuid, primary_key=True),
    Column("tag_id", Uuid, primary_key=True),
    Column("user_id", Uuid, nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_task_tags_user_tag", "user_id", "tag_id"),
    ForeignKeyConstraint(["user_id", "task_id"], ["tasks.user_id", "tasks.id"], ondelete="CASCADE",
                         name="fk_task_tags_task_id_tasks"),
    ForeignKeyConstraint(["user_id", "tag_id"], ["tags.user_id", "tags.id"], ondelete="CASCADE",
                         name="fk_task_tags_tag_id_tags"),
)

task_dependencies = Table(
    "task_dependencies", metadata,
    Column("task_id", Uuid, primary_key=True),
    Column("depends_on_id", Uuid, primary_key=True),
    Column("user_id", Uuid, nullable=False),
    Index("ix_task_dependencies_user", "user_id"),
    Index("ix_task_dependencies_depends_on", "depends_on_id"),
    ForeignKeyConstraint(["user_id", "task_id"], ["tasks.user_id", "tasks.id"], ondelete="CASCADE",
                         name="fk_task_dependencies_task_id_tasks"),
    ForeignKeyConstraint(["user_id", "depends_on_id"], ["tasks.user_id", "tasks.id"], ondelete="CASCADE",
                         name="fk_task_dependencies_depends_on_id_tasks"),
)

time_blocks = Table(
    "time_blocks", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("task_id", Uuid, nullable=False),
    Column("start", UTCDateTime, nullable=False),
    Column("end", UTCDateTime, nullable=False),
    Column("pinned", Boolean, nullable=False, default=False),
    Column("reason", String(500), nullable=False, default=""),
    Index("ix_time_blocks_user_start", "user_id", "start"),
    Index("ix_time_blocks_task", "task_id"),
    ForeignKeyConstraint(["user_id", "task_id"], ["tasks.user_id", "tasks.id"], ondelete="CASCADE",
                         name="fk_time_blocks_task_id_tasks"),
)

preferences = Table(
    "preferences", metadata,
    Column("user_id", Uuid, primary_key=True),  # a document keyed by user, like its Mongo twin
    Column("data", JSON, nullable=False),
)

refresh_tokens = Table(
    "refresh_tokens", metadata,
    Column("jti", String(64), primary_key=True),
    Column("family_id", String(64), nullable=False, index=True),
    Column("user_id", Uuid, nullable=False, index=True),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
    Column("used_at", UTCDateTime),
)

token_families = Table(
    "token_families", metadata,
    Column("family_id", String(64), primary_key=True),
    Column("user_id", Uuid, nullable=False, index=True),
    Column("revoked_at", UTCDateTime),
)

idempotency_keys = Table(
    "idempotency_keys", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("status", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("headers", JSON, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
)

outbox = Table(
    "outbox", metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(64), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("published_at", UTCDateTime),
    Column("request_id", String(64)),
    Index("ix_outbox_pending", "published_at", "occurred_at"),
)

inbox = Table(
    "inbox", metadata,
    Column("consumer", String(64), primary_key=True),
    Column("message_id", Uuid, primary_key=True),
    Column("processed_at", UTCDateTime, nullable=False, index=True),
)

plans = Table(
    "plans", metadata,
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("computed_at", UTCDateTime, nullable=False),
    Column("data", JSON, nullable=False),
)

notifications = Table(
    "notifications", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("data", JSON, nullable=False),
    Column("dedupe_key", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("read_at", UTCDateTime),
    Index("uq_notifications_user_dedupe", "user_id", "dedupe_key", unique=True),
    Index("ix_notifications_user_created", "user_id", "created_at"),
)

busy_times = Table(
    "busy_times", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("start", UTCDateTime, nullable=False),
    Column("end", UTCDateTime, nullable=False),
    Column("title", String(200), nullable=False),
    Column("source", String(32), nullable=False),
    Column("connection_id", Uuid),      # the calendar connection it was read from (none: by hand)
    Column("external_id", String(600)),  # that calendar's event occurrence (UID and recurrence id)
    Index("ix_busy_times_user_start", "user_id", "start"),
    Index("uq_busy_times_user_connection_external", "user_id", "connection_id", "external_id", unique=True),
)

# Calendar connections (the SQL twin of the MongoDB document store): what may be shown in ``data``, the
# credentials in ``secret``, encrypted by the store.
calendar_connections = Table(
    "calendar_connections", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("data", JSON, nullable=False),
    Column("secret", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_synced_at", UTCDateTime),
    Column("sync_requested_at", UTCDateTime),  # the periodic sync's pending request (cleared by a sync)
    Index("ix_calendar_connections_user_created", "user_id", "created_at"),
    Index("ix_calendar_connections_last_synced_at", "last_synced_at"),
    Index("uq_calendar_connections_user_id", "user_id", "id", unique=True),  # the upsert's key (sharding)
)

images = Table(
    "images", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_images_user_created", "user_id", "created_at"),
    Index("uq_images_user_id", "user_id", "id", unique=True),  # the upsert's key (sharding)
)

calendar_feed_tokens = Table(
    "calendar_feed_tokens", metadata,
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("digest", String(64), nullable=False, unique=True),  # SHA-256 hex of the token; never the token
    Column("issued_at", UTCDateTime, nullable=False),
)

# Lookup tables: a value that names one user without containing the user's id, keyed by that value and written
# in the transaction that writes the user's row. A table sharded by user keeps only keys with user_id in them,
# so these carry the unique keys users.email and calendar_feed_tokens.digest would lose; on Citus each is
# distributed by its own key (deploy/README.md, "Sharding"). The foreign keys hold on a single database only.
user_emails = Table(
    "user_emails", metadata,
    Column("email", String(254), primary_key=True),  # the sign-in lookup; users.email stays the account's
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
)

calendar_feed_digests = Table(
    "calendar_feed_digests", metadata,
    Column("digest", String(64), primary_key=True),  # the owner of a feed URL's token, by its digest
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
)

quick_adds = Table(
    "quick_adds", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("task_id", Uuid, nullable=False),
    Column("text", Text, nullable=False),
    Column("draft", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("corrected", JSON),
    Column("corrected_at", UTCDateTime),
    Column("produced", JSON),  # the task as the reading made it (NULL: a reading from before 0019)
    Index("ix_quick_adds_user_task", "user_id", "task_id"),
    Index("ix_quick_adds_user_created", "user_id", "created_at"),
    ForeignKeyConstraint(["user_id", "task_id"], ["tasks.user_id", "tasks.id"], ondelete="CASCADE",
                         name="fk_quick_adds_task_id_tasks"),
)

ai_models = Table(
    "ai_models", metadata,
    Column("user_id", Uuid, primary_key=True),  # a document keyed by user, like its Mongo twin
    Column("data", JSON, nullable=False),
)

image_categorisers = Table(
    "image_categorisers", metadata,
    Column("user_id", Uuid, primary_key=True),  # each person's categoriser, a document like its Mongo twin
    Column("data", JSON, nullable=False),
)

# What people did with each occurrence of a routine (a document store, like its Mongo twin: no foreign
# keys; deleting a routine deletes its records).
routine_occurrences = Table(
    "routine_occurrences", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("task_id", Uuid, primary_key=True),
    Column("occurrence", String(16), primary_key=True),  # local wall time, YYYY-MM-DDTHH:MM
    Column("at", UTCDateTime, nullable=False),
    Column("status", String(10), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Index("ix_routine_occurrences_at", "user_id", "task_id", "at"),
)

# Insights (a document store, like its Mongo twin: no foreign keys). One fact per closed task, one row per
# re-plan (keyed by its event id), and the daily and weekly counters computed from them.
analytics_task_facts = Table(
    "analytics_task_facts", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("task_id", Uuid, primary_key=True),
    Column("day", String(10), nullable=False),  # local date of closing, YYYY-MM-DD
    Column("data", JSON, nullable=False),
    Index("ix_analytics_task_facts_day", "user_id", "day"),
)

analytics_plan_changes = Table(
    "analytics_plan_changes", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("event_id", Uuid, primary_key=True),
    Column("day", String(10), nullable=False),
    Column("moved_blocks", Integer, nullable=False),
    Column("late_tasks", Integer, nullable=False),
    Column("missed_blocks", Integer, nullable=False, server_default="0"),
    Index("ix_analytics_plan_changes_day", "user_id", "day"),
)

analytics_quick_adds = Table(
    "analytics_quick_adds", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("task_id", Uuid, primary_key=True),  # one reading per quick-added task
    Column("record_id", Uuid, nullable=False),
    Column("day", String(10), nullable=False),  # local date of the quick-add, YYYY-MM-DD
    Column("changed", JSON, nullable=False),    # the fields its latest correction changed ([]: not corrected)
    Index("ix_analytics_quick_adds_day", "user_id", "day"),
)

analytics_rollups = Table(
    "analytics_rollups", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("period", String(4), primary_key=True),  # "day" or "week"
    Column("start", String(10), primary_key=True),  # the first local date of the period
    Column("counters", JSON, nullable=False),
)

# Scheduled jobs: when each last ran, and the lease that lets one process run it at a time.
job_runs = Table(
    "job_runs", metadata,
    Column("name", String(64), primary_key=True),
    Column("last_run_at", UTCDateTime),
    Column("locked_until", UTCDateTime),
    Column("locked_by", String(128)),
)

# The jobs' read paths scan across users by time, so these lead with the time column.
Index("ix_time_blocks_start", time_blocks.c.start)
Index("ix_time_blocks_end", time_blocks.c.end)
Index("ix_tasks_due", tasks.c.due)
