"""email and schedule: notification emails, digests, reminders, password reset and scheduled upkeep

New tables: ``email_opt_outs`` (kinds of email a person turned off), ``outgoing_emails`` (the outbox, one
row per email, unique by what it is about), ``password_reset_tokens`` and ``scheduled_runs`` (one row per
job and time slot, so that many schedulers run each job once). ``users.digest_cadence`` (daily or
weekly), ``invitations.expired_at`` (marked by the upkeep), ``notifications.emailed_at`` and
``notifications.submission_id``; two notification kinds: ``entry_shared`` and ``portfolio_submitted``.
Notifications, and invitations expired unused, that exist already count as emailed, so that upgrading does
not send a backlog. An index lets the scheduler find the notifications it has not looked at.

Revision ID: 0017_email_and_schedule
Revises: 0016_chosen_language
Create Date: 2026-12-05

"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op


revision = "0017_email_and_schedule"
down_revision = "0016_chosen_language"
branch_labels = None
depends_on = None

KINDS = ("comment", "signoff_requested", "signoff_decided", "supervisor_added", "reviewer_added")
NEW_KINDS = ("entry_shared", "portfolio_submitted")


def _kinds(kinds) -> str:
    return "kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"


def upgrade():
    op.create_table(
        "email_opt_outs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_email_opt_outs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_opt_outs")),
        sa.UniqueConstraint("user_id", "kind", name=op.f("uq_email_opt_outs_user_id")),
    )
    op.create_table(
        "outgoing_emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("dedupe_key", sa.String(length=200), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("unsubscribe_url", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'skipped')",
            name=op.f("ck_outgoing_emails_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_outgoing_emails_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_emails")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_outgoing_emails_dedupe_key")),
    )
    op.create_index("ix_outgoing_emails_due", "outgoing_emails", ["status", "next_attempt_at"], unique=False)
    op.create_index("ix_outgoing_emails_user_kind", "outgoing_emails", ["user_id", "kind", "created_at"], unique=False)
    op.create_table(
        "password_reset_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_password_reset_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_password_reset_tokens_token_hash")),
    )
    op.create_index(op.f("ix_password_reset_tokens_user_id"), "password_reset_tokens", ["user_id"], unique=False)
    op.create_table(
        "scheduled_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=64), nullable=False),
        sa.Column("slot", sa.String(length=32), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("details", sa.String(length=500), nullable=False),
        sa.CheckConstraint("outcome IN ('running', 'done', 'failed')", name=op.f("ck_scheduled_runs_outcome_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_runs")),
        sa.UniqueConstraint("job", "slot", name=op.f("uq_scheduled_runs_job")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("digest_cadence", sa.String(length=8), server_default="daily", nullable=False))
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expired_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("emailed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("submission_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_notifications_submission_id_submissions"),
            "submissions",
            ["submission_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.drop_constraint(op.f("ck_notifications_kind_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_notifications_kind_known"), _kinds(KINDS + NEW_KINDS))
    op.create_index("ix_notifications_to_email", "notifications", ["emailed_at", "created_at"], unique=False)
    op.execute("UPDATE notifications SET emailed_at = created_at")
    # Invitations that expired before this release count as told: coordinators are emailed about new ones only.
    op.get_bind().execute(
        sa.text(
            "UPDATE invitations SET expired_at = expires_at"
            " WHERE accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= :now"
        ),
        {"now": datetime.now(UTC).replace(tzinfo=None)},
    )


def downgrade():
    op.drop_index("ix_notifications_to_email", table_name="notifications")
    op.execute(f"DELETE FROM notifications WHERE kind IN ({', '.join(repr(k) for k in NEW_KINDS)})")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_notifications_kind_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_notifications_kind_known"), _kinds(KINDS))
        batch_op.drop_constraint(op.f("fk_notifications_submission_id_submissions"), type_="foreignkey")
        batch_op.drop_column("submission_id")
        batch_op.drop_column("emailed_at")
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_column("expired_at")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("digest_cadence")
    op.drop_table("scheduled_runs")
    op.drop_index(op.f("ix_password_reset_tokens_user_id"), table_name="password_reset_tokens")
    op.drop_table("password_reset_tokens")
    op.drop_index("ix_outgoing_emails_user_kind", table_name="outgoing_emails")
    op.drop_index("ix_outgoing_emails_due", table_name="outgoing_emails")
    op.drop_table("outgoing_emails")
    op.drop_table("email_opt_outs")
