"""An entry's comment thread as a page shows it: the entry page merges it into its context, and so
does the page that gives a refused comment back.

Those pages are only rendered for someone who may read the entry, so the thread is
shown to exactly those people: the author, and the cohort's supervisors (and fellow
interns, for cohort entries) while the entry is shared.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from journal import access
from journal.extensions import db
from journal.feedback.forms import CommentForm
from journal.models import Comment, Entry, EntryReview, Membership, User
from journal.models.cohorts import ROLE_LABELS


@dataclass
class Thread:
    """An entry's comments, oldest first, each top-level comment with its replies."""

    comments: list[tuple[Comment, list[Comment]]]
    count: int
    roles: dict[int, str]  # author id -> their role in the cohort, in words (deleted users have none)
    reviews: list[EntryReview]
    shared: bool  # others take part only while the entry is shared
    can_comment: bool
    can_mark_reviewed: bool  # a supervisor who has not marked it yet


def _roles(entry: Entry, user_ids: set[int]) -> dict[int, str]:
    """Each commenter's role in the entry's cohort, in words (one query)."""
    roles = dict(
        db.session.execute(
            select(Membership.user_id, Membership.role).where(
                Membership.cohort_id == entry.cohort_id, Membership.user_id.in_(user_ids)
            )
        ).all()
    )
    words = {uid: ROLE_LABELS[roles[uid]] if uid in roles else _("No longer in the cohort") for uid in user_ids}
    if entry.author_id in words:
        words[entry.author_id] = _("%(role)s · author", role=words[entry.author_id])
    return words


def comment_thread(entry: Entry, viewer: User, refused: CommentForm | None = None) -> dict:
    """What a page shows of the entry's comments: ``thread`` (None when there is nothing to show),
    the new-comment form and, when ``refused`` (a comment or reply sent with errors) is given,
    that form again with its errors and what was typed."""
    comments = db.session.scalars(
        select(Comment)
        .options(joinedload(Comment.author))
        .where(Comment.entry_id == entry.id)
        .order_by(Comment.created_at, Comment.id)
    ).all()
    shared = entry.is_shared
    if not comments and not shared:
        return {"thread": None}
    replies: dict[int, list[Comment]] = {c.id: [] for c in comments if c.parent_id is None}
    for comment in comments:
        if comment.parent_id in replies:
            replies[comment.parent_id].append(comment)
    reviews = db.session.scalars(
        select(EntryReview).options(joinedload(EntryReview.reviewer)).where(EntryReview.entry_id == entry.id)
    ).all()
    thread = Thread(
        comments=[(c, replies[c.id]) for c in comments if c.parent_id is None],
        count=len(comments),
        roles=_roles(entry, {c.author_id for c in comments if c.author_id is not None}),
        reviews=list(reviews),
        shared=shared,
        can_comment=shared and access.can(viewer, "comment_entry", entry),
        can_mark_reviewed=access.can(viewer, "mark_reviewed", entry)
        and all(r.reviewer_id != viewer.id for r in reviews),
    )
    reply_to = refused.parent_id.data if refused is not None else None
    return {
        "thread": thread,
        "comment_form": refused if refused is not None and reply_to is None else CommentForm(formdata=None),
        "reply_form": refused if reply_to is not None else None,
        "reply_to": reply_to,
    }
