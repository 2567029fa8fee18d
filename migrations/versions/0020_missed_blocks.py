"""missed blocks in insights: a re-plan counts the blocks whose time passed with their task still open

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 17:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('analytics_plan_changes') as batch:
        batch.add_column(sa.Column('missed_blocks', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('analytics_plan_changes') as batch:
        batch.drop_column('missed_blocks')
