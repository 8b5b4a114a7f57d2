"""comment intents: a comment sent again (its answer lost, a double click) is posted once

``comments.idempotency_key`` holds the random key of the form a comment came from, unique per
author (journal.intents).

Revision ID: 0014_comment_intents
Revises: 0013_member_notifications
Create Date: 2026-12-04

"""

import sqlalchemy as sa
from alembic import op

revision = "0014_comment_intents"
down_revision = "0013_member_notifications"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idempotency_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint("uq_comments_author_idempotency_key", ["author_id", "idempotency_key"])


def downgrade():
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_constraint("uq_comments_author_idempotency_key", type_="unique")
        batch_op.drop_column("idempotency_key")
