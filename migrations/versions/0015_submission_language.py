"""submission language: the language a portfolio's PDF is written in

``submissions.language`` holds the code the intern chose when submitting (``en``, ``es``, ``fr``,
``pt``); submissions made before it existed have none and their PDF is written in English.

Revision ID: 0015_submission_language
Revises: 0014_comment_intents
Create Date: 2026-12-11

"""

import sqlalchemy as sa
from alembic import op

revision = "0015_submission_language"
down_revision = "0014_comment_intents"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("language")
