"""tag names of each task on its row

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 12:06:29.184845
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# each task's tag names in their order, from the link table
_BACKFILL = {
    "postgresql": """
        UPDATE tasks SET tag_names = (
            SELECT array_agg(tags.name ORDER BY task_tags.position)
            FROM task_tags JOIN tags ON tags.id = task_tags.tag_id WHERE task_tags.task_id = tasks.id)
        WHERE EXISTS (SELECT 1 FROM task_tags WHERE task_tags.task_id = tasks.id)""",
    "sqlite": """
        UPDATE tasks SET tag_names = (
            SELECT json_group_array(name) FROM (
                SELECT tags.name AS name FROM task_tags JOIN tags ON tags.id = task_tags.tag_id
                WHERE task_tags.task_id = tasks.id ORDER BY task_tags.position))
        WHERE EXISTS (SELECT 1 FROM task_tags WHERE task_tags.task_id = tasks.id)""",
}


def upgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tag_names', sa.JSON().with_variant(postgresql.ARRAY(sa.Text()), 'postgresql'), nullable=True))
    op.execute(_BACKFILL[op.get_bind().dialect.name])


def downgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_column('tag_names')
