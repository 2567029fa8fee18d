"""quick-add corrections for insights: the task as each reading made it, and a fact per quick-add

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 16:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('quick_adds') as batch:
        batch.add_column(sa.Column('produced', sa.JSON(), nullable=True))
    op.create_table('analytics_quick_adds',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('changed', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'task_id', name=op.f('pk_analytics_quick_adds'))
    )
    op.create_index('ix_analytics_quick_adds_day', 'analytics_quick_adds', ['user_id', 'day'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_analytics_quick_adds_day', table_name='analytics_quick_adds')
    op.drop_table('analytics_quick_adds')
    with op.batch_alter_table('quick_adds') as batch:
        batch.drop_column('produced')
