"""The journal list: the intern's own entries, filtered and paginated in SQL."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from journal import access
from journal.entries.forms import FilterForm
from journal.extensions import db
from journal.models import Entry, EntryTag, User

PER_PAGE = 20


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
