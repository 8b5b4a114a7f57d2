"""account deletion: comments outlive their author without text; submissions may outlive their intern

Revision ID: a0b2c4d6e8f1
Revises: 9a1c3e5f7b20
Create Date: 2026-12-02 09:40:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a0b2c4d6e8f1"
down_revision = "9a1c3e5f7b20"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.alter_column("author_id", existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint("fk_comments_author_id_users", type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_comments_author_id_users"), "users", ["author_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_comments_no_text_without_author"), "author_id IS NOT NULL OR body = ''"
        )

    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("former_intern_key", sa.String(length=32), nullable=True))
        batch_op.alter_column("intern_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_check_constraint(
            batch_op.f("ck_submissions_owner_known"), "intern_id IS NOT NULL OR former_intern_key IS NOT NULL"
        )


def downgrade():
    # The older schema has no place for what deleted accounts left behind: their emptied comments
    # (with the replies under them) and the portfolios they left with a cohort go.
    op.execute("DELETE FROM comments WHERE parent_id IN (SELECT id FROM comments WHERE author_id IS NULL)")
    op.execute("DELETE FROM comments WHERE author_id IS NULL")
    op.execute("DELETE FROM submissions WHERE intern_id IS NULL")

    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_submissions_owner_known"), type_="check")
        batch_op.alter_column("intern_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("former_intern_key")

    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_comments_no_text_without_author"), type_="check")
        batch_op.drop_constraint("fk_comments_author_id_users", type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_comments_author_id_users"), "users", ["author_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.alter_column("author_id", existing_type=sa.Integer(), nullable=False)
