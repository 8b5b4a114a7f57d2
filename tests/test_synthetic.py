"""``flask seed-synthetic``: a cohort at scale that the real pages show, the same for the same seed,
written only into an empty database unless forced."""

import re

import pytest
from sqlalchemy import func, select, text

from journal.extensions import db
from journal.models import (
    AuditEvent,
    Cohort,
    Comment,
    Decision,
    Entry,
    EntryRevision,
    EntryTag,
    Evidence,
    Membership,
    Notification,
    SignOffRequest,
    User,
)
from journal.seed.synthetic import SYNTHETIC_PASSWORD, seed_synthetic
from journal.seed.synthetic_text import COMMON_WORD
from tests import factories
from tests.html import links

INTERNS, DAYS = 4, 45


def _seed(runner, *extra: str):
    result = runner.invoke(args=["seed-synthetic", "--interns", str(INTERNS), "--days", str(DAYS), *extra])
    return result


def _count(query, model) -> int:
    return query(lambda s: s.scalar(select(func.count()).select_from(model)))


def _search_rows(session) -> int:
    table = "entry_search_fts" if session.get_bind().dialect.name == "sqlite" else "entry_search"
    return session.scalar(text(f"SELECT count(*) FROM {table}"))  # noqa: S608 (a fixed table name)


@pytest.fixture
def seeded(runner, query):
    result = _seed(runner, "--seed", "7")
    assert result.exit_code == 0, result.output
    cohort = query(lambda s: s.scalar(select(Cohort)))
    return cohort, result.output


def test_the_cohort_has_every_role_and_one_to_three_entries_a_day(seeded, query):
    cohort, output = seeded
    assert "Synthetic cohort 1 ready" in output and SYNTHETIC_PASSWORD in output
    roles = dict(query(lambda s: s.execute(select(Membership.role, func.count()).group_by(Membership.role)).all()))
    assert roles == {"intern": INTERNS, "supervisor": 1, "reviewer": 1}
    assert _count(query, User) == INTERNS + 3  # and a coordinator without a membership
    per_day = query(
        lambda s: s.execute(
            select(Entry.author_id, Entry.occurred_on, func.count()).group_by(Entry.author_id, Entry.occurred_on)
        ).all()
    )
    assert {count for _, _, count in per_day} == {1, 2, 3}
    assert (cohort.end_date - cohort.start_date).days >= DAYS - 1
    days = query(lambda s: s.execute(select(func.min(Entry.occurred_on), func.max(Entry.occurred_on))).one())
    assert days[0] == cohort.start_date and (days[1] - days[0]).days == DAYS - 1


def test_entries_are_varied_and_complete(seeded, query):
    entries = query(lambda s: s.scalars(select(Entry)).all())
    assert {e.kind for e in entries} == {"clinical", "cultural", "ethics"}
    assert {e.visibility for e in entries} == {"private", "supervisors", "cohort"}
    lengths = sorted(len(e.body) for e in entries)
    assert lengths[0] < 400 and lengths[-1] > 1500  # quick notes and long entries
    assert len({e.body for e in entries}) > 0.95 * len(entries)  # generated, not copied
    clinical = [e for e in entries if e.kind == "clinical"]
    assert all(e.setting and e.involvement and e.hours is not None and e.theme is None for e in clinical)
    assert all(e.principles for e in entries if e.kind == "ethics")
    assert all(e.theme for e in entries if e.kind == "cultural")
    # Every version is kept: one revision per version of each entry.
    assert _count(query, EntryRevision) == sum(e.version for e in entries)
    assert _count(query, EntryTag) > len(entries) / 2
    assert query(_search_rows) == len(entries)
    shares = query(lambda s: s.scalar(select(func.count()).where(AuditEvent.action == "entry.shared")))
    assert shares == sum(e.visibility != "private" for e in entries)


def test_supervision_left_its_records(seeded, query):
    assert _count(query, Comment) > 0
    assert query(lambda s: s.scalar(select(func.count()).where(Comment.parent_id.is_not(None)))) > 0
    assert _count(query, Evidence) > 0
    assert query(lambda s: set(s.scalars(select(SignOffRequest.status)))) & {"pending", "approved"}
    assert _count(query, Decision) > 0
    assert query(lambda s: set(s.scalars(select(Notification.kind)))) >= {"comment", "signoff_requested"}
    # The privacy rule of sign-off requests holds: every piece of evidence of a request is shared.
    private_evidence = query(
        lambda s: s.scalar(
            select(func.count())
            .select_from(Evidence)
            .join(Entry, Entry.id == Evidence.entry_id)
            .join(
                SignOffRequest,
                (SignOffRequest.competency_id == Evidence.competency_id)
                & (SignOffRequest.intern_id == Entry.author_id),
            )
            .where(Entry.visibility == "private")
        )
    )
    assert private_evidence == 0


def test_the_pages_show_the_synthetic_cohort(seeded, client, auth, query):
    cohort, _ = seeded
    intern = query(lambda s: s.scalar(select(User).where(User.email.like("intern1.%"))))
    newest = query(
        lambda s: s.scalar(
            select(Entry)
            .where(Entry.author_id == intern.id, Entry.deleted_at.is_(None))
            .order_by(Entry.occurred_on.desc(), Entry.id.desc())
        )
    )
    assert auth.login(intern.email, SYNTHETIC_PASSWORD).status_code == 302
    journal = client.get(f"/journal/{cohort.id}/").get_data(as_text=True)
    assert newest.title in journal
    page = client.get(f"/entries/{newest.id}").get_data(as_text=True)
    assert newest.title in page
    found = client.get(f"/journal/{cohort.id}/search?q={COMMON_WORD}").get_data(as_text=True)
    assert len([link for link in links(found) if re.fullmatch(r"/entries/\d+", link)]) > 5
    # The accounts take new entries after the bulk-written ones (PostgreSQL's id sequences moved on).
    saved = client.post(
        f"/journal/{cohort.id}/new?kind=cultural",
        data={
            "title": "After the seed",
            "body": "Written by hand.",
            "theme": "other",
            "occurred_on": newest.occurred_on,
        },
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)[:500]
    auth.logout()
    supervisor = query(lambda s: s.scalar(select(User).where(User.email.like("supervisor1.%"))))
    auth.login(supervisor.email, SYNTHETIC_PASSWORD)
    dashboard = client.get(f"/review/{cohort.id}/").get_data(as_text=True)
    assert all(f"Intern {n} (c1)" in dashboard for n in range(1, INTERNS + 1))


def test_the_search_index_matches_the_text(seeded, app, query):
    from journal import search

    cohort, _ = seeded
    intern = query(lambda s: s.scalar(select(User).where(User.email.like("intern2.%"))))
    tagged = query(
        lambda s: set(
            s.scalars(
                select(Entry.id)
                .join(EntryTag)
                .where(Entry.author_id == intern.id, Entry.deleted_at.is_(None), EntryTag.name == "consent")
            )
        )
    )
    with app.app_context():
        hits = {hit.entry_id for hit in search.search_entries(intern.id, cohort.id, "consent", limit=1000)}
    assert tagged and tagged <= hits  # found by their tags, as index_entry would have indexed them


def _cohort_rows(session, cohort_id: int) -> list:
    """What the seed decided for one cohort, without ids and timestamps (which follow the clock)."""
    entries = session.execute(
        select(Entry.kind, Entry.title, Entry.body, Entry.occurred_on, Entry.visibility, Entry.version)
        .where(Entry.cohort_id == cohort_id)
        .order_by(Entry.id)
    ).all()
    tags = session.execute(
        select(EntryTag.name).join(Entry).where(Entry.cohort_id == cohort_id).order_by(EntryTag.entry_id, EntryTag.name)
    ).all()
    comments = session.execute(
        select(Comment.body).join(Entry).where(Entry.cohort_id == cohort_id).order_by(Comment.id)
    ).all()
    requests = session.execute(
        select(SignOffRequest.competency_id, SignOffRequest.level, SignOffRequest.status)
        .where(SignOffRequest.cohort_id == cohort_id)
        .order_by(SignOffRequest.id)
    ).all()
    return [entries, tags, comments, requests]


def test_the_same_seed_writes_the_same_cohort(app):
    """Three cohorts side by side (``force``): seeds 5, 5 and 6. The two of seed 5 are alike."""
    with app.app_context():
        cohorts = [
            seed_synthetic(3, 20, seed=seed, force=True, password_hash=factories.PASSWORD_HASH) for seed in (5, 5, 6)
        ]
        db.session.commit()
        first, again, other = (_cohort_rows(db.session, seeded.cohort_id) for seeded in cohorts)
    assert cohorts[0].counts == cohorts[1].counts
    assert first == again
    assert first[0] and first[1] and first[3]
    assert first[0] != other[0]


def test_it_refuses_a_database_with_accounts_unless_forced(runner, make, query):
    make.user(email="someone@example.org")
    refused = _seed(runner)
    assert refused.exit_code != 0
    assert "already holds accounts" in refused.output and "--force" in refused.output
    assert _count(query, Entry) == 0 and _count(query, User) == 1
    assert _seed(runner, "--force").exit_code == 0
    assert _seed(runner, "--force").exit_code == 0  # a second cohort, its accounts tagged apart
    names = query(lambda s: sorted(s.scalars(select(Cohort.name))))
    assert names == ["Synthetic cohort 1", "Synthetic cohort 2"]
    assert _count(query, User) == 1 + 2 * (INTERNS + 3)


def test_it_refuses_to_run_outside_development(app, runner, query):
    app.config["APP_ENV"] = "production"
    refused = _seed(runner)
    assert refused.exit_code != 0 and "APP_ENV=development" in refused.output
    assert _count(query, User) == 0


def _journal_of(session, email_prefix: str) -> list:
    intern = session.scalar(select(User).where(User.email.like(f"{email_prefix}@%")))
    return session.execute(
        select(Entry.kind, Entry.title, Entry.body, Entry.occurred_on, Entry.visibility)
        .where(Entry.author_id == intern.id)
        .order_by(Entry.id)
    ).all()


def test_an_intern_writes_the_same_journal_in_a_larger_cohort(app):
    """Each intern draws from a stream of their own: the benchmarks compare 36,000 and 360,000
    entries in which the first interns' journals are the same."""
    with app.app_context():
        for interns in (2, 5):
            seed_synthetic(interns, 12, seed=9, force=True, password_hash=factories.PASSWORD_HASH)
        db.session.commit()
        for n in (1, 2):
            small, large = (_journal_of(db.session, f"intern{n}.c{c}") for c in (1, 2))
            assert small and small == large
        assert _journal_of(db.session, "intern1.c2") != _journal_of(db.session, "intern3.c2")
