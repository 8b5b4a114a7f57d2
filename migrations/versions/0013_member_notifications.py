"""member notifications: a cohort's interns are told of a new supervisor or reviewer

Two notification kinds join the check constraint: ``supervisor_added`` and ``reviewer_added``
(the notification's actor is the person who now holds the role).

Revision ID: 0013_member_notifications
Revises: 0012_trust
Create Date: 2026-12-04

"""

from alembic import op

revision = "0013_member_notifications"
down_revision = "0012_trust"
branch_labels = None
depends_on = None

KINDS = ("comment", "signoff_requested", "signoff_decided")
NEW_KINDS = ("supervisor_added", "reviewer_added")


def _kinds(kinds) -> str:
    return "kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"


def upgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_notifications_kind_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_notifications_kind_known"), _kinds(KINDS + NEW_KINDS))


def downgrade():
    op.execute(f"DELETE FROM notifications WHERE kind IN ({', '.join(repr(k) for k in NEW_KINDS)})")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_notifications_kind_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_notifications_kind_known"), _kinds(KINDS))
