"""on Citus, the tables are distributed by user; elsewhere nothing changes

Run on a Citus coordinator (the extension created, workers added), this distributes the schema the earlier
migrations built as deploy/README.md ("Sharding") lays out; on PostgreSQL without Citus and on SQLite it
does nothing. Citus is recognised by its ``create_distributed_table`` function.

- ``users`` by ``id``, and every tenant table by ``user_id`` co-located with it, parents before the tables
  whose keys refer to them;
- the lookups by what they look up: ``user_emails`` by ``email``, ``calendar_feed_digests`` by ``digest``,
  each apart (migration 0023); the unique keys they stand for (``users.email``,
  ``calendar_feed_tokens.digest``) are dropped first, as Citus keeps only unique keys that hold the
  distribution column, and so are the lookups' keys to ``users`` (no key crosses two distributions): a
  lookup row then goes with its user only as the adapters write it (the user's row and its e-mail in one
  transaction; there is no account deletion in the API yet, which would delete the lookup row by key);
- each tenant primary key gains ``user_id`` (``(user_id, id)``; where migrations 0021 and 0024 built that
  unique index already, it becomes the primary key);
- the outbox, the inbox, job runs and the refresh-token tables stay local tables on the coordinator: they are
  not looked up by user, and no statement joins them to a distributed table.

A table a later migration creates is distributed by that migration, the same way. Going back down on Citus
is not automatic (``undistribute_table`` each table first); elsewhere it is a no-op.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 04:00:00
"""
from __future__ import annotations

from alembic import op
from sqlalchemy import text


revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

# Parents first: a table is distributed after every table its keys refer to.
BY_USER = ("categories", "tags", "tasks", "task_tags", "task_dependencies", "time_blocks", "quick_adds",
           "preferences", "idempotency_keys", "plans", "notifications", "busy_times", "calendar_connections",
           "images", "calendar_feed_tokens", "ai_models", "image_categorisers", "routine_occurrences",
           "analytics_task_facts", "analytics_plan_changes", "analytics_quick_adds", "analytics_rollups")
LOOKUPS = {"user_emails": "email", "calendar_feed_digests": "digest"}
UNIQUE_WITHOUT_USER = (("users", "uq_users_email"), ("calendar_feed_tokens", "uq_calendar_feed_tokens_digest"))
# A lookup row's key to its user crosses distributions, which Citus does not keep.
KEYS_ACROSS = (("user_emails", "fk_user_emails_user_id_users"),
               ("calendar_feed_digests", "fk_calendar_feed_digests_user_id_users"))
# Primary keys without user_id: promoted from the (user_id, id) unique index, or rebuilt with user_id first.
KEY_FROM_INDEX = ("categories", "tags", "tasks", "calendar_connections", "images")
KEY_REBUILT = {"time_blocks": "id", "notifications": "id", "busy_times": "id", "quick_adds": "id",
               "task_tags": "task_id, tag_id", "task_dependencies": "task_id, depends_on_id"}


def on_citus() -> bool:
    bind = op.get_bind()
    return bind.dialect.name == "postgresql" and bind.execute(text(
        "SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'create_distributed_table')")).scalar()


def upgrade() -> None:
    if not on_citus():
        return
    for table, name in UNIQUE_WITHOUT_USER + KEYS_ACROSS:
        op.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for table in KEY_FROM_INDEX:
        op.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "pk_{table}"')
        op.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "pk_{table}" PRIMARY KEY USING INDEX "uq_{table}_user_id"')
    for table, columns in KEY_REBUILT.items():
        op.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "pk_{table}"')
        op.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "pk_{table}" PRIMARY KEY (user_id, {columns})')
    op.execute("SELECT create_distributed_table('users', 'id')")
    for table in BY_USER:
        op.execute(f"SELECT create_distributed_table('{table}', 'user_id', colocate_with => 'users')")
    for table, column in LOOKUPS.items():
        op.execute(f"SELECT create_distributed_table('{table}', '{column}', colocate_with => 'none')")


def downgrade() -> None:
    if on_citus():
        raise RuntimeError("0025 is not undone on Citus: undistribute_table() each table, then downgrade")
