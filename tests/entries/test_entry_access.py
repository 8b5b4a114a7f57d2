"""The privacy truth table: reader × visibility × action, for the query scope and the per-object check."""

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from journal import access
from journal.models import Entry, User

READERS = [
    "author",
    "intern_same_cohort",
    "intern_other_cohort",
    "supervisor",
    "supervisor_other_cohort",
    "reviewer",
    "coordinator",
    "anonymous",
]
VISIBILITIES = ["private", "supervisors", "cohort"]

# Who may read an entry of each visibility. Everything else is the author's alone.
MAY_READ = {
    "private": {"author"},
    "supervisors": {"author", "supervisor"},
    "cohort": {"author", "supervisor", "intern_same_cohort"},
}
AUTHOR_ONLY = ["edit_entry", "delete_entry", "share_entry", "view_history", "view_drafts", "restore_entry"]


@pytest.fixture
def people(make):
    cohort, other = make.cohort(), make.cohort()
    found = {
        "author": make.member(cohort, "intern"),
        "intern_same_cohort": make.member(cohort, "intern"),
        "intern_other_cohort": make.member(other, "intern"),
        "supervisor": make.member(cohort, "supervisor"),
        "supervisor_other_cohort": make.member(other, "supervisor"),
        "reviewer": make.member(cohort, "reviewer"),
        "coordinator": make.admin(),
    }
    return cohort, found


def _reader(session, people, name):
    return AnonymousUserMixin() if name == "anonymous" else session.get(User, people[name].id)


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("reader", READERS)
def test_reading(app, make, people, reader, visibility):
    cohort, found = people
    entry = make.entry(found["author"], cohort, visibility=visibility)
    with app.app_context():
        from journal.extensions import db

        user = _reader(db.session, found, reader)
        in_scope = db.session.scalar(access.visible_entries(user).where(Entry.id == entry.id)) is not None
        allowed = access.can(user, "view_entry", db.session.get(Entry, entry.id))
    expected = reader in MAY_READ[visibility]
    assert in_scope is expected, f"visible_entries for {reader} on a {visibility} entry"
    assert allowed is expected, f"can(view_entry) for {reader} on a {visibility} entry"


@pytest.mark.parametrize("action", AUTHOR_ONLY)
@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("reader", READERS)
def test_author_only_actions(app, make, people, reader, visibility, action):
    cohort, found = people
    entry = make.entry(found["author"], cohort, visibility=visibility)
    with app.app_context():
        from journal.extensions import db

        allowed = access.can(_reader(db.session, found, reader), action, db.session.get(Entry, entry.id))
    assert allowed is (reader == "author")


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_deleted_entries_leave_every_scope_but_the_authors_trash(app, make, people, visibility):
    cohort, found = people
    entry = make.entry(found["author"], cohort, visibility=visibility, deleted=True)
    with app.app_context():
        from journal.extensions import db

        stored = db.session.get(Entry, entry.id)
        for reader in READERS:
            user = _reader(db.session, found, reader)
            assert db.session.scalar(access.visible_entries(user).where(Entry.id == entry.id)) is None
            assert access.can(user, "view_entry", stored) is (reader == "author")


def test_scope_returns_exactly_the_readable_entries(app, make, people):
    cohort, found = people
    ids = {v: make.entry(found["author"], cohort, visibility=v).id for v in VISIBILITIES}
    make.entry(found["intern_other_cohort"], make.cohort(), visibility="cohort")
    with app.app_context():
        from journal.extensions import db

        supervisor = db.session.get(User, found["supervisor"].id)
        seen = set(
            db.session.scalars(
                select(Entry.id).where(Entry.id.in_(access.visible_entries(supervisor).with_only_columns(Entry.id)))
            )
        )
    assert seen == {ids["supervisors"], ids["cohort"]}
