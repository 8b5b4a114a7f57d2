"""case identifiers: the CASE 1.1 identifiers of imported frameworks, domains and competencies

``frameworks``, ``domains`` and ``competencies`` get a nullable ``case_identifier`` (a lowercase UUID, 36
characters): the identifier the object had in the CASE package it was imported from, so that exporting it
again gives the same identifiers. Objects not imported from CASE keep NULL; their identifiers are computed
on export.

Revision ID: 0018_case_identifiers
Revises: 0017_email_and_schedule
Create Date: 2026-12-06

"""

import sqlalchemy as sa
from alembic import op

revision = "0018_case_identifiers"
down_revision = "0017_email_and_schedule"
branch_labels = None
depends_on = None

TABLES = ("frameworks", "domains", "competencies")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("case_identifier", sa.String(length=36), nullable=True))


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("case_identifier")
