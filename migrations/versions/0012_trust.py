"""trust: one entry and one submission per intent (idempotency keys); a device key per account

A create or a portfolio submission sent again after its answer was lost carries the key of
the form it came from; the unique constraints make the second one find the first instead of
adding a copy. ``users.device_key`` encrypts what an account's pages keep in a browser.

Revision ID: 0012_trust
Revises: 0011_performance_indexes
Create Date: 2026-12-04

"""

import sqlalchemy as sa
from alembic import op

revision = "0012_trust"
down_revision = "0011_performance_indexes"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idempotency_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint("uq_entries_author_idempotency_key", ["author_id", "idempotency_key"])
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idempotency_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint("uq_submissions_intern_idempotency_key", ["intern_id", "idempotency_key"])
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_key", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("device_key")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_constraint("uq_submissions_intern_idempotency_key", type_="unique")
        batch_op.drop_column("idempotency_key")
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_constraint("uq_entries_author_idempotency_key", type_="unique")
        batch_op.drop_column("idempotency_key")
