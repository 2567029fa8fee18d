"""the keys between tenant tables name the user: (user_id, task_id) -> tasks (user_id, id)

Citus keeps a foreign key between two distributed tables only when both are co-located and the key holds
the distribution column at the same place on both sides, and refuses ``ON DELETE SET NULL`` on such a key
(deploy/README.md, "Sharding"). So, on every database (one schema, sharded or not):

- tasks, tags and categories gain a unique index on ``(user_id, id)``, which the keys refer to;
- the keys from task_tags, task_dependencies, time_blocks and quick_adds to tasks, from task_tags to tags
  and from tasks to categories are made again over ``(user_id, <column>)``, with the same names and
  ``ON DELETE CASCADE``; the category key drops its ``ON DELETE SET NULL``: deleting a category now clears
  its tasks' ``category_id`` in the same transaction first (``SqlCategoryRepository.delete``).

Each table is rebuilt on SQLite (batch mode) and altered in place on PostgreSQL. Building the three
indexes takes a lock on writes for the length of an index build: on a large database, build them first
with ``CREATE UNIQUE INDEX CONCURRENTLY`` under the same names (this migration then skips them).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 03:30:00
"""
from __future__ import annotations

from alembic import op


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None

PARENTS = ("categories", "tags", "tasks")
# (table, key name, column, referred table, on delete)
KEYS = (
    ("tasks", "fk_tasks_category_id_categories", "category_id", "categories", None),
    ("task_tags", "fk_task_tags_task_id_tasks", "task_id", "tasks", "CASCADE"),
    ("task_tags", "fk_task_tags_tag_id_tags", "tag_id", "tags", "CASCADE"),
    ("task_dependencies", "fk_task_dependencies_task_id_tasks", "task_id", "tasks", "CASCADE"),
    ("task_dependencies", "fk_task_dependencies_depends_on_id_tasks", "depends_on_id", "tasks", "CASCADE"),
    ("time_blocks", "fk_time_blocks_task_id_tasks", "task_id", "tasks", "CASCADE"),
    ("quick_adds", "fk_quick_adds_task_id_tasks", "task_id", "tasks", "CASCADE"),
)


def _tables() -> list[str]:
    return list(dict.fromkeys(table for table, *_ in KEYS))


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in PARENTS:
        if postgres:  # IF NOT EXISTS: an index built beforehand CONCURRENTLY is kept
            op.execute(f'CREATE UNIQUE INDEX IF NOT EXISTS "uq_{table}_user_id" ON "{table}" (user_id, id)')
        else:
            op.create_index(f"uq_{table}_user_id", table, ["user_id", "id"], unique=True)
    for table in _tables():
        with op.batch_alter_table(table) as batch:
            for _, name, column, referred, ondelete in (key for key in KEYS if key[0] == table):
                batch.drop_constraint(name, type_="foreignkey")
                batch.create_foreign_key(name, referred, ["user_id", column], ["user_id", "id"], ondelete=ondelete)


def downgrade() -> None:
    for table in _tables():
        with op.batch_alter_table(table) as batch:
            for _, name, column, referred, ondelete in (key for key in KEYS if key[0] == table):
                batch.drop_constraint(name, type_="foreignkey")
                batch.create_foreign_key(name, referred, [column], ["id"], ondelete=ondelete or "SET NULL")
    for table in PARENTS:
        op.drop_index(f"uq_{table}_user_id", table_name=table)
