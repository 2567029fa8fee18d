"""the upserts of calendar connections and images name (user_id, id), a key a sharded table can keep

A table distributed by user_id (Citus) or hash-partitioned by it keeps only unique keys that contain
user_id, so ``INSERT .. ON CONFLICT (id)`` has no arbiter there. These unique indexes give the upserts
one on the unsharded schema today (deploy/README.md, "Sharding").

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 00:10:00
"""
from __future__ import annotations

from alembic import op


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('uq_calendar_connections_user_id', 'calendar_connections', ['user_id', 'id'], unique=True)
    op.create_index('uq_images_user_id', 'images', ['user_id', 'id'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_images_user_id', table_name='images')
    op.drop_index('uq_calendar_connections_user_id', table_name='calendar_connections')
