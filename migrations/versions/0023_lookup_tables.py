"""lookup tables for the two unique keys without the user's id: e-mail -> user, feed digest -> user

A table sharded by user_id keeps only unique keys that contain user_id, so ``users.email`` (sign-in) and
``calendar_feed_tokens.digest`` (the plan feed) move to tables keyed by the looked-up value, written in
the transaction that writes the user's row (deploy/README.md, "Sharding"). Both are filled from the rows
there are; the unique keys on users and calendar_feed_tokens stay on a single database.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 03:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def _lookup(table: str, key: str, length: int) -> None:
    op.create_table(
        table,
        sa.Column(key, sa.String(length=length), nullable=False),
        sa.Column('user_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f(f'fk_{table}_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint(key, name=op.f(f'pk_{table}')),
    )
    op.create_index(op.f(f'ix_{table}_user_id'), table, ['user_id'])


def upgrade() -> None:
    _lookup('user_emails', 'email', 254)
    _lookup('calendar_feed_digests', 'digest', 64)
    op.execute('INSERT INTO user_emails (email, user_id) SELECT email, id FROM users')
    op.execute('INSERT INTO calendar_feed_digests (digest, user_id) SELECT digest, user_id FROM calendar_feed_tokens')


def downgrade() -> None:
    op.drop_table('calendar_feed_digests')
    op.drop_table('user_emails')
