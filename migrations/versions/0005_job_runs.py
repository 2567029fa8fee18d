"""scheduled job runs

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 06:55:35.959089
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('job_runs',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('last_run_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('locked_by', sa.String(length=128), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_job_runs'))
    )
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index('ix_tasks_due', ['due'], unique=False)

    with op.batch_alter_table('time_blocks', schema=None) as batch_op:
        batch_op.create_index('ix_time_blocks_end', ['end'], unique=False)
        batch_op.create_index('ix_time_blocks_start', ['start'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('time_blocks', schema=None) as batch_op:
        batch_op.drop_index('ix_time_blocks_start')
        batch_op.drop_index('ix_time_blocks_end')

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_due')

    op.drop_table('job_runs')
