"""calendar connections remember when the periodic sync asked a worker to read them

The ``calendar_sync`` job no longer reads calendars itself: it marks each due connection requested
(``sync_requested_at``) and sends a ``CalendarSyncDue`` event for it through the outbox; a sync clears the
mark. A connection requested within the last sync period is not requested again.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 12:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('calendar_connections') as batch:
        batch.add_column(sa.Column('sync_requested_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('calendar_connections') as batch:
        batch.drop_column('sync_requested_at')
