"""credentials: the Open Badges and CLRs issued, and the signed revocation list

New tables: ``issued_credentials`` (one row per signed credential: the intern's badge per approving sign-off
decision, a badge per decision and submission for that submission's CLR, a CLR per submission, each with its
signed JSON exactly as served; badges hold a unique, randomly chosen place in the status list) and
``credential_status_lists`` (the signed Bitstring Status List credential last built, with the hash of its
bits and when it stops being valid, so that it is re-signed only when needed).

Revision ID: 0019_credentials
Revises: 0018_case_identifiers
Create Date: 2026-12-07

"""

import sqlalchemy as sa
from alembic import op

revision = "0019_credentials"
down_revision = "0018_case_identifiers"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "issued_credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("for_submission_id", sa.Integer(), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("intern_id", sa.Integer(), nullable=True),
        sa.Column("status_index", sa.Integer(), nullable=True),
        sa.Column("key_id", sa.String(length=300), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'badge') = (status_index IS NOT NULL)",
            name=op.f("ck_issued_credentials_badge_has_status_index"),
        ),
        sa.CheckConstraint("kind IN ('badge', 'clr')", name=op.f("ck_issued_credentials_kind_known")),
        sa.CheckConstraint(
            "kind = 'badge' OR for_submission_id IS NULL",
            name=op.f("ck_issued_credentials_only_badges_for_submissions"),
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["signoff_decisions.id"],
            name=op.f("fk_issued_credentials_decision_id_signoff_decisions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["for_submission_id"],
            ["submissions.id"],
            name=op.f("fk_issued_credentials_for_submission_id_submissions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["intern_id"], ["users.id"], name=op.f("fk_issued_credentials_intern_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_issued_credentials_submission_id_submissions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_credentials")),
        sa.UniqueConstraint("status_index", name=op.f("uq_issued_credentials_status_index")),
        sa.UniqueConstraint("submission_id", name=op.f("uq_issued_credentials_submission_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_issued_credentials_uuid")),
    )
    with op.batch_alter_table("issued_credentials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_issued_credentials_intern_id"), ["intern_id"], unique=False)
        batch_op.create_index(
            "uq_issued_credentials_intern_badge",
            ["decision_id"],
            unique=True,
            sqlite_where=sa.text("for_submission_id IS NULL"),
            postgresql_where=sa.text("for_submission_id IS NULL"),
        )
        batch_op.create_index(
            "uq_issued_credentials_submission_badge",
            ["decision_id", "for_submission_id"],
            unique=True,
            sqlite_where=sa.text("for_submission_id IS NOT NULL"),
            postgresql_where=sa.text("for_submission_id IS NOT NULL"),
        )
    op.create_table(
        "credential_status_lists",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("bits_sha256", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("valid_until", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credential_status_lists")),
    )


def downgrade():
    op.drop_table("credential_status_lists")
    with op.batch_alter_table("issued_credentials", schema=None) as batch_op:
        batch_op.drop_index("uq_issued_credentials_submission_badge")
        batch_op.drop_index("uq_issued_credentials_intern_badge")
        batch_op.drop_index(batch_op.f("ix_issued_credentials_intern_id"))
    op.drop_table("issued_credentials")
