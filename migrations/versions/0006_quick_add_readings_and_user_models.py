"""quick-add readings and user models

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 07:02:17.074995
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ai_models',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_ai_models'))
    )
    op.create_table('quick_adds',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('draft', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('corrected', sa.JSON(), nullable=True),
    sa.Column('corrected_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_quick_adds_task_id_tasks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_quick_adds_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quick_adds'))
    )
    with op.batch_alter_table('quick_adds', schema=None) as batch_op:
        batch_op.create_index('ix_quick_adds_user_created', ['user_id', 'created_at'], unique=False)
        batch_op.create_index('ix_quick_adds_user_task', ['user_id', 'task_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('quick_adds', schema=None) as batch_op:
        batch_op.drop_index('ix_quick_adds_user_task')
        batch_op.drop_index('ix_quick_adds_user_created')

    op.drop_table('quick_adds')
    op.drop_table('ai_models')
