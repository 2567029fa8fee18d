"""calendar connections, and busy time that remembers the calendar event it came from

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 18:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'calendar_connections',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('user_id', sa.Uuid(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('secret', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_synced_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_connections_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_connections')),
    )
    with op.batch_alter_table('calendar_connections', schema=None) as batch_op:
        batch_op.create_index('ix_calendar_connections_user_created', ['user_id', 'created_at'], unique=False)
        batch_op.create_index('ix_calendar_connections_last_synced_at', ['last_synced_at'], unique=False)
    with op.batch_alter_table('busy_times', schema=None) as batch_op:
        batch_op.add_column(sa.Column('connection_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('external_id', sa.String(length=600), nullable=True))
        batch_op.create_index('uq_busy_times_user_connection_external', ['user_id', 'connection_id', 'external_id'],
                              unique=True)


def downgrade() -> None:
    with op.batch_alter_table('busy_times', schema=None) as batch_op:
        batch_op.drop_index('uq_busy_times_user_connection_external')
        batch_op.drop_column('external_id')
        batch_op.drop_column('connection_id')
    with op.batch_alter_table('calendar_connections', schema=None) as batch_op:
        batch_op.drop_index('ix_calendar_connections_last_synced_at')
        batch_op.drop_index('ix_calendar_connections_user_created')
    op.drop_table('calendar_connections')
