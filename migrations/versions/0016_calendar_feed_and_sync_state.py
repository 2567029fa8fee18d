"""the secret plan feed's token of each user, kept as a digest

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 07:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'calendar_feed_tokens',
        sa.Column('user_id', sa.Uuid(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feed_tokens_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_calendar_feed_tokens')),
        sa.UniqueConstraint('digest', name=op.f('uq_calendar_feed_tokens_digest')),
    )


def downgrade() -> None:
    op.drop_table('calendar_feed_tokens')
