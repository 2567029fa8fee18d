"""whether a done task's actual minutes were reported by the person (else its blocks' minutes)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 13:15:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tasks') as batch:
        batch.add_column(sa.Column('actual_reported', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('tasks') as batch:
        batch.drop_column('actual_reported')
