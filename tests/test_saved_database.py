"""A saved database comes back whole: the tests that share a world (``tests/saved_database.py``) each
start from exactly the database that was built, on SQLite and on PostgreSQL."""

from sqlalchemy import inspect, text

from journal import search
from journal.extensions import db
from tests.conftest import Maker, _empty_tables, make_app
from tests.saved_database import SavedDatabase


def _everything(app) -> dict[str, list[tuple]]:
    """Every row of every table in the database (the search index and its shadow tables too), as text."""
    with app.app_context(), db.engine.connect() as connection:
        names = inspect(connection).get_table_names()
        return {
            name: sorted(
                tuple(str(value) for value in row)
                for row in connection.execute(text(f'SELECT * FROM "{name}"'))  # noqa: S608 (names from the database)
            )
            for name in names
        }


def test_a_saved_database_is_put_back_whole(app, make, database_url, sqlite_schema, tmp_path):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    entries = [make.entry(intern, cohort, title=f"Zebra crossing {n}", tags=("road",)) for n in range(3)]
    with app.app_context():
        for entry in entries:
            search.index_entry(db.session.merge(entry))
        db.session.commit()
    make.comment(entries[0], intern)
    make.signoff(intern, cohort, make.framework(cohort).competencies[0].id)
    with app.app_context():  # the last entry made is gone: the next id is not simply the largest plus one
        db.session.execute(text("DELETE FROM entries WHERE id = :id"), {"id": entries[-1].id})
        db.session.commit()
    built = _everything(app)
    assert built["entries"] and any(search.is_search_table(name) and rows for name, rows in built.items())

    saved = SavedDatabase.save(app, str(tmp_path / "saved.db"))
    next_id = make.entry(intern, cohort).id  # what the built database gives the next entry
    if database_url is None:
        copy = make_app(f"sqlite:///{tmp_path / 'copy.db'}")
        sqlite_schema.restore(copy)
    else:
        copy = app
        _empty_tables(copy)
    assert not [name for name, rows in _everything(copy).items() if rows and not search.is_search_table(name)]

    saved.restore(copy)

    assert _everything(copy) == built
    with copy.app_context():
        found = sorted(hit.entry_id for hit in search.search_entries(intern.id, cohort.id, "zebra"))
    assert found == [entry.id for entry in entries[:-1]]
    assert Maker(copy).entry(intern, cohort).id == next_id
    if copy is not app:
        with copy.app_context():
            db.engine.dispose()
