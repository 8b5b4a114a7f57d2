"""The journal list: the intern's own entries, filtered and paginated in SQL, with their comments counted."""

import hashlib

from flask import url_for
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from journal import access
from journal.entries.forms import FilterForm
from journal.extensions import db
from journal.models import Comment, Entry, EntryTag, User
from journal.models.entries import KINDS

PER_PAGE = 20
KEPT_OFFLINE = 50  # the author's entries a device keeps, most recently changed first


def filtered_entries(author: User, cohort_id: int, filters: FilterForm) -> Pagination:
    """A page of the author's live entries in the cohort, newest first, with the valid filters applied."""
    filters.validate()
    query = access.own_live_entries(author, cohort_id).options(selectinload(Entry.tags))
    if filters.kind.data and not filters.kind.errors:
        query = query.where(Entry.kind == filters.kind.data)
    if filters.visibility.data and not filters.visibility.errors:
        query = query.where(Entry.visibility == filters.visibility.data)
    if filters.tag.data and not filters.tag.errors:
        tag = filters.tag.data.strip().lstrip("#").lower()
        query = query.where(Entry.id.in_(select(EntryTag.entry_id).where(EntryTag.name == tag)))
    if filters.start.data and not filters.start.errors:
        query = query.where(Entry.occurred_on >= filters.start.data)
    if filters.end.data and not filters.end.errors:
        query = query.where(Entry.occurred_on <= filters.end.data)
    query = query.order_by(Entry.occurred_on.desc(), Entry.id.desc())
    page = filters.page.data if filters.page.data and not filters.page.errors else 1
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False, count=True)


def comment_counts(author: User, entries: list[Entry]) -> dict[int, int]:
    """How many comments each of ``entries`` has (an entry without any is left out), counted in SQL in one
    query, however many entries there are. Counts the comments the author may read: on their own
    entries, every one, those kept from when a now private entry was shared included."""
    if not entries:
        return {}
    rows = db.session.execute(
        access.visible_comments(author)
        .with_only_columns(Comment.entry_id, func.count(Comment.id))
        .where(Comment.entry_id.in_([entry.id for entry in entries]))
        .group_by(Comment.entry_id)
    )
    return {entry_id: count for entry_id, count in rows}


def offline_pages(author: User, cohort_id: int) -> list[dict]:
    """The pages of the author's journal a device keeps for writing offline, as {url, version}:
    the app's start address and the journal, the new-entry forms, and the most recently changed
    entries (each read and edit page). A version tells the device when its copy is out of date: an
    entry's changes with its text, who can read it and its number of comments; the journal's (and
    the start address's, which opens it) with any of those entries, or one more or fewer of them.
    One query."""
    comments = select(func.count(Comment.id)).where(Comment.entry_id == Entry.id).scalar_subquery()
    recent = access.own_live_entries(author, cohort_id).with_only_columns(
        Entry.id, Entry.version, Entry.visibility, comments
    )
    entries = [
        (entry_id, f"{version}.{visibility}.{comment_count}")
        for entry_id, version, visibility, comment_count in db.session.execute(
            recent.order_by(Entry.updated_at.desc()).limit(KEPT_OFFLINE)
        )
    ]
    journal_stamp = hashlib.sha256(repr(entries).encode()).hexdigest()[:16]
    pages = [
        {"url": url_for("offline.start"), "version": journal_stamp},
        {"url": url_for("entries.journal", cohort_id=cohort_id), "version": journal_stamp},
        {"url": url_for("entries.new", cohort_id=cohort_id), "version": ""},
    ]
    pages += [{"url": url_for("entries.new", cohort_id=cohort_id, kind=kind), "version": ""} for kind in KINDS]
    for entry_id, stamp in entries:
        for endpoint in ("entries.view", "entries.edit"):
            pages.append({"url": url_for(endpoint, entry_id=entry_id), "version": stamp})
    return pages
