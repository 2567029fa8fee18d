"""busy time

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 08:01:46.948733
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('busy_times',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end', sa.DateTime(timezone=True), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_busy_times_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_busy_times'))
    )
    with op.batch_alter_table('busy_times', schema=None) as batch_op:
        batch_op.create_index('ix_busy_times_user_start', ['user_id', 'start'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('busy_times', schema=None) as batch_op:
        batch_op.drop_index('ix_busy_times_user_start')

    op.drop_table('busy_times')
