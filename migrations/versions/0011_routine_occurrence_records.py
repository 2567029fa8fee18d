"""routine occurrence records

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 18:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('routine_occurrences',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('occurrence', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'task_id', 'occurrence', name=op.f('pk_routine_occurrences'))
    )
    with op.batch_alter_table('routine_occurrences', schema=None) as batch_op:
        batch_op.create_index('ix_routine_occurrences_at', ['user_id', 'task_id', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('routine_occurrences', schema=None) as batch_op:
        batch_op.drop_index('ix_routine_occurrences_at')
    op.drop_table('routine_occurrences')
