"""The models themselves: relationships typed for what they hold, shared entries found the same way in
Python and in SQL, and collections that grow without end (revisions, a cohort's members) that are
never loaded whole and go with their owner."""

import re
import typing
from datetime import date

import pytest
from sqlalchemy import event, func, not_, select
from sqlalchemy.orm import Mapped, WriteOnlyMapped

from journal.entries import services
from journal.extensions import db
from journal.models import Cohort, Entry, EntryRevision, Membership
from journal.models.entries import VISIBILITIES
from tests import factories


def _relationships():
    """Every relationship of every model, as (model, relationship)."""
    for mapper in sorted(db.Model.registry.mappers, key=lambda m: m.class_.__name__):
        for relationship in mapper.relationships:
            yield mapper.class_, relationship


def _words(annotation) -> str:
    """What an annotation's argument says, ``"User | None"`` or ``"list[EntryTag]"``."""
    if isinstance(annotation, str):
        return annotation
    if isinstance(annotation, typing.ForwardRef):
        return annotation.__forward_arg__
    if typing.get_origin(annotation) is list:
        return "list[" + _words(typing.get_args(annotation)[0]) + "]"
    return getattr(annotation, "__name__", None) or repr(annotation)


def test_every_relationship_is_typed_for_what_it_holds():
    """``Mapped[list[X]]`` or ``WriteOnlyMapped[X]`` for a collection, ``Mapped[X | None]`` exactly where
    the foreign key may be empty, ``Mapped[X]`` where it may not."""
    wrong = []
    relationships = list(_relationships())
    for model, relationship in relationships:
        annotation = model.__annotations__.get(relationship.key)
        name = f"{model.__name__}.{relationship.key}"
        if typing.get_origin(annotation) not in (Mapped, WriteOnlyMapped):
            wrong.append(f"{name} is not typed")
            continue
        words = _words(typing.get_args(annotation)[0])
        target = relationship.mapper.class_.__name__
        if relationship.uselist:
            expected = target if typing.get_origin(annotation) is WriteOnlyMapped else f"list[{target}]"
        else:
            optional = any(column.nullable for column in relationship.local_columns)
            expected = f"{target} | None" if optional else target
        if words != expected:
            wrong.append(f"{name} says {words!r}, holds {expected!r}")
    assert len(relationships) >= 35
    assert wrong == []


def test_revisions_and_a_cohorts_members_are_write_only():
    assert Entry.revisions.property.lazy == Cohort.memberships.property.lazy == "write_only"


def _shared_entries(session, visibility_test) -> set[str]:
    return set(session.scalars(select(Entry.visibility).where(visibility_test)))


def test_is_shared_is_one_test_on_an_entry_and_in_sql(app):
    with app.app_context():
        cohort = factories.cohort(db.session)
        intern = factories.member(db.session, cohort, "intern")
        made = {shown: factories.entry(db.session, intern, cohort, visibility=shown) for shown in VISIBILITIES}

        assert {shown: entry.is_shared for shown, entry in made.items()} == {
            "private": False,
            "supervisors": True,
            "cohort": True,
        }
        assert _shared_entries(db.session, Entry.is_shared) == {"supervisors", "cohort"}
        assert _shared_entries(db.session, not_(Entry.is_shared)) == {"private"}


def _saved_three_times(cohort: Cohort) -> Entry:
    """An intern's entry saved three times: versions 1 to 3, each with its own title."""
    intern = factories.member(db.session, cohort, "intern")
    fields = {"title": "Version 1", "body": "First.", "occurred_on": date(2026, 1, 5), "setting": "ward"}
    entry = services.create_entry(intern, cohort, "clinical", fields, ["ward"])
    for version in (2, 3):
        services.save_entry(entry, {**fields, "title": f"Version {version}"}, ["ward"], entry.version)
    return entry


def test_revisions_are_selected_newest_first_never_loaded_whole(app):
    with app.app_context():
        entry = _saved_three_times(factories.cohort(db.session))

        assert [(r.version, r.title) for r in services.revisions_of(entry)] == [
            (3, "Version 3"),
            (2, "Version 2"),
            (1, "Version 1"),
        ]
        assert services.revision(entry, 2).title == "Version 2"
        assert services.revision(entry, 4) is None
        with pytest.raises(TypeError):
            list(entry.revisions)


class _Statements:
    """The SQL sent while the block runs."""

    def __enter__(self):
        self.sent = []
        event.listen(db.engine, "before_cursor_execute", self._record)
        return self

    def _record(self, conn, cursor, statement, *args):
        self.sent.append(statement)

    def __exit__(self, *exc):
        event.remove(db.engine, "before_cursor_execute", self._record)

    def reading(self, table: str) -> list[str]:
        return [s for s in self.sent if s.lstrip().upper().startswith("SELECT") and re.search(rf"\b{table}\b", s)]


def test_an_entry_deleted_takes_its_revisions_without_reading_them(app):
    with app.app_context():
        entry = _saved_three_times(factories.cohort(db.session))
        entry_id = entry.id
        db.session.commit()
        other = _saved_three_times(entry.cohort)
        db.session.commit()

        with _Statements() as statements:
            db.session.delete(db.session.get(Entry, entry_id))
            db.session.commit()

        assert statements.reading("entry_revisions") == []
        left = db.session.execute(select(EntryRevision.entry_id, func.count()).group_by(EntryRevision.entry_id)).all()
        assert left == [(other.id, 3)]


def test_a_cohort_deleted_takes_its_memberships_without_reading_them(app):
    with app.app_context():
        cohort, kept = factories.cohort(db.session), factories.cohort(db.session)
        for role in ("intern", "intern", "supervisor"):
            factories.member(db.session, cohort, role)
        factories.member(db.session, kept, "intern")
        cohort_id, kept_id = cohort.id, kept.id
        db.session.commit()
        db.session.expunge_all()

        with _Statements() as statements:
            db.session.delete(db.session.get(Cohort, cohort_id))
            db.session.commit()

        assert statements.reading("memberships") == []
        assert db.session.scalars(select(Membership.cohort_id)).all() == [kept_id]
