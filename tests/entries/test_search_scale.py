"""Search reads only the author's own documents: its work does not grow when everyone else writes more.

The work is counted, not timed: on SQLite the virtual machine's steps for the search statement
(a progress handler called at every step), on PostgreSQL the rows of the search index the
statement read (``pg_stat_xact_user_tables``). Before the search was restricted to the owner's
documents, both grew with every other entry holding the common word.
"""

from sqlalchemy import select, text

from journal import search
from journal.extensions import db
from journal.models import Cohort, Entry, User
from journal.seed.synthetic import seed_synthetic
from journal.seed.synthetic_text import COMMON_WORD
from tests import factories


def _work(author_id: int, cohort_id: int, query: str) -> tuple[int, int]:
    """How much work one search takes, and how many results it gives (in an app context)."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        steps = [0]

        def step() -> int:
            steps[0] += 1
            return 0  # go on

        raw = connection.connection.dbapi_connection
        raw.set_progress_handler(step, 1)
        try:
            hits = search.search_entries(author_id, cohort_id, query)
        finally:
            raw.set_progress_handler(None, 1)
        return steps[0], len(hits)
    # Since PostgreSQL 15 a backend's counts reach the statistics at most once a second, and the
    # view shows what is still pending, earlier transactions' reads included: so count the
    # difference within this one transaction.
    counted = text(
        "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables"
        " WHERE relname = 'entry_search'"
    )
    before = db.session.scalar(counted)
    hits = search.search_entries(author_id, cohort_id, query)
    return db.session.scalar(counted) - before, len(hits)


def _seed(interns: int, days: int, seed: int) -> None:
    seed_synthetic(interns, days, seed=seed, force=True, password_hash=factories.PASSWORD_HASH)
    db.session.commit()


def test_the_work_of_a_search_does_not_grow_with_other_peoples_entries(app):
    with app.app_context():
        _seed(2, 15, seed=1)
        intern = db.session.scalar(select(User).where(User.email.like("intern1.c1@%")))
        cohort_id = db.session.scalar(select(Cohort.id).where(Cohort.name == "Synthetic cohort 1"))
        own = db.session.scalar(
            select(Entry.id).where(Entry.author_id == intern.id, Entry.body.contains(COMMON_WORD)).limit(1)
        )
        assert own is not None
        before, found_before = _work(intern.id, cohort_id, COMMON_WORD)
        db.session.rollback()  # a new transaction, so PostgreSQL counts afresh
        # Ten times as many entries by other interns, nearly all of them holding the common word.
        _seed(20, 15, seed=2)
        everyone = db.session.scalar(select(db.func.count(Entry.id)))
        after, found_after = _work(intern.id, cohort_id, COMMON_WORD)
    assert everyone > 10 * found_before
    assert found_after == found_before > 0
    # FTS5 looks each word up in every segment of its index (by SQL statements of its own, whose
    # steps are counted too), and segments grow in number with the logarithm of the index: a few
    # percent here, where reading everyone's documents would multiply the work several times over.
    assert after <= 1.2 * before, f"the search did {after} units of work instead of about {before}"


def test_the_author_entries_in_another_cohort_stay_out(app):
    """The owner is author and cohort: the same person's entries elsewhere are not found."""
    with app.app_context():
        _seed(1, 10, seed=3)
        intern = db.session.scalar(select(User).where(User.email.like("intern1.c1@%")))
        first = db.session.scalar(select(Cohort).where(Cohort.name == "Synthetic cohort 1"))
        elsewhere = factories.cohort(db.session, name="Elsewhere")
        factories.membership(db.session, intern, elsewhere, "intern")
        from journal.entries import services

        fields = {"title": "Elsewhere", "body": f"Many {COMMON_WORD} today.", "theme": "other"}
        other = services.create_entry(intern, elsewhere, "cultural", fields | {"occurred_on": first.start_date}, [])
        db.session.commit()
        other_id = other.id
        here = {hit.entry_id for hit in search.search_entries(intern.id, first.id, COMMON_WORD, limit=1000)}
        there = {hit.entry_id for hit in search.search_entries(intern.id, elsewhere.id, COMMON_WORD)}
    assert other_id not in here and len(here) > 1
    assert there == {other_id}
