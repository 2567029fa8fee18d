"""insights: facts of closed tasks and re-plans, daily and weekly rollups

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 07:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('analytics_task_facts',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'task_id', name=op.f('pk_analytics_task_facts'))
    )
    op.create_index('ix_analytics_task_facts_day', 'analytics_task_facts', ['user_id', 'day'], unique=False)
    op.create_table('analytics_plan_changes',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('moved_blocks', sa.Integer(), nullable=False),
    sa.Column('late_tasks', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'event_id', name=op.f('pk_analytics_plan_changes'))
    )
    op.create_index('ix_analytics_plan_changes_day', 'analytics_plan_changes', ['user_id', 'day'], unique=False)
    op.create_table('analytics_rollups',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('period', sa.String(length=4), nullable=False),
    sa.Column('start', sa.String(length=10), nullable=False),
    sa.Column('counters', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'period', 'start', name=op.f('pk_analytics_rollups'))
    )


def downgrade() -> None:
    op.drop_table('analytics_rollups')
    op.drop_index('ix_analytics_plan_changes_day', table_name='analytics_plan_changes')
    op.drop_table('analytics_plan_changes')
    op.drop_index('ix_analytics_task_facts_day', table_name='analytics_task_facts')
    op.drop_table('analytics_task_facts')
