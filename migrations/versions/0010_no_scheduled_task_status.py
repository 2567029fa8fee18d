"""no 'scheduled' task status: such tasks are open, todo

The plan never set 'scheduled' (a task is planned when it has blocks), so the status is gone: a
stored 'scheduled' row becomes 'todo'. The column is a plain string (no CHECK or enum to change).
The downgrade changes nothing: every status this revision leaves was valid before it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 18:40:00
"""
from __future__ import annotations

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE tasks SET status = 'todo' WHERE status = 'scheduled'")


def downgrade() -> None:
    pass
