"""chosen language: an account's language is empty until the person chooses one

``users.locale`` was "en" for every account, though nobody could choose a language before 0015: it
becomes nullable and empty, so that each person gets their browser's language (or the one they pick on
the login page) until they choose one on the account page or with the switcher.

Revision ID: 0016_chosen_language
Revises: 0015_submission_language
Create Date: 2026-12-05

"""

import sqlalchemy as sa
from alembic import op

revision = "0016_chosen_language"
down_revision = "0015_submission_language"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("locale", existing_type=sa.String(length=16), nullable=True)
    op.execute("UPDATE users SET locale = NULL")


def downgrade():
    op.execute("UPDATE users SET locale = 'en' WHERE locale IS NULL")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("locale", existing_type=sa.String(length=16), nullable=False)
