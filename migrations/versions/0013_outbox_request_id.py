"""outbox messages carry the id of the request that caused them

So one request id follows a change through the broker into every consumer (and the events those
raise), for logs and traces. Nullable: messages written by jobs have none, and older rows keep none.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 07:35:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_id', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('request_id')
