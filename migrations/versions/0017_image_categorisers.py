"""each person's image categoriser (learned from their annotations), a JSON document per user

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 13:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'image_categorisers',
        sa.Column('user_id', sa.Uuid(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_image_categorisers')),
    )


def downgrade() -> None:
    op.drop_table('image_categorisers')
