"""Concepts said once: which entries are an author's own (``access``), which entries and hours a
cohort's figures count (``credit.figures``, shared by credit and the dashboard), and which week a
day belongs to (``timezones.week_start``)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from journal import access
from journal.credit.figures import entry_totals, figures_for
from journal.extensions import db
from journal.models import Entry
from journal.review.dashboard import intern_rows
from journal.timezones import local_today, week_start


@pytest.fixture
def journals(make):
    """Amira writes in two cohorts (one entry of hers in the trash), Bruno beside her in the first."""
    cohort, other = make.cohort(), make.cohort()
    amira, bruno = make.member(cohort, "intern"), make.member(cohort, "intern")
    make.membership(amira, other, "intern")
    entries = {
        "private": make.entry(amira, cohort, hours=Decimal("2.5")),
        "shared": make.entry(amira, cohort, kind="ethics", visibility="cohort"),
        "trashed": make.entry(amira, cohort, visibility="supervisors", hours=Decimal(8), deleted=True),
        "bruno's": make.entry(bruno, cohort, hours=Decimal(1)),
        "elsewhere": make.entry(amira, other, hours=Decimal(3)),
    }
    return cohort, amira, bruno, {name: entry.id for name, entry in entries.items()}


def _ids(statement) -> set[int]:
    return set(db.session.scalars(statement.with_only_columns(Entry.id)))


def test_own_live_entries_are_the_authors_live_ones_in_the_cohort_private_included(app, journals):
    cohort, amira, _, ids = journals
    with app.app_context():
        assert _ids(access.own_live_entries(amira, cohort.id)) == {ids["private"], ids["shared"]}
        assert _ids(select(Entry).where(access.live_entries_of(amira.id, cohort.id))) == {ids["private"], ids["shared"]}


def test_entries_of_is_the_whole_journal_in_the_cohort_trash_included(app, journals):
    cohort, amira, _, ids = journals
    with app.app_context():
        assert _ids(select(Entry).where(access.entries_of(amira.id, cohort.id))) == {
            ids["private"],
            ids["shared"],
            ids["trashed"],
        }


def test_a_member_without_entries_owns_none(app, make, journals):
    cohort, *_ = journals
    supervisor = make.member(cohort, "supervisor")
    with app.app_context():
        assert _ids(access.own_live_entries(supervisor, cohort.id)) == set()
        assert db.session.scalar(select(func.count()).where(access.entries_of(supervisor.id, cohort.id))) == 0


def test_entry_totals_count_live_entries_per_kind_and_clinical_hours_per_author(app, journals):
    cohort, amira, bruno, _ = journals
    with app.app_context():
        found = db.session.execute(entry_totals(cohort.id))
        rows = {row.author_id: (row.clinical, row.cultural, row.ethics, row.clinical_hours) for row in found}
    # The trashed entry and the one in the other cohort are not counted; the private one is.
    assert rows == {amira.id: (1, 0, 1, Decimal("2.5")), bruno.id: (1, 0, 0, Decimal(1))}


def test_the_dashboard_and_credit_count_the_same_entries_and_hours(app, journals):
    cohort, amira, bruno, _ = journals
    with app.app_context():
        rows = {row.user_id: row for row in intern_rows(cohort, local_today(cohort.timezone))}
        figures = figures_for(cohort, [amira.id, bruno.id])
    for intern in (amira, bruno):
        assert rows[intern.id].totals == figures[intern.id].entries
        assert rows[intern.id].clinical_hours == figures[intern.id].hours
    assert figures[amira.id].entries == {"clinical": 1, "cultural": 0, "ethics": 1}
    assert figures[amira.id].hours == Decimal("2.5")


# A week across the turn of a year: Monday 30 December 2024 to Sunday 5 January 2025.
@pytest.mark.parametrize("day", [date(2024, 12, 30) + timedelta(days=n) for n in range(7)])
def test_week_start_is_the_monday_of_the_days_week(day):
    assert week_start(day) == date(2024, 12, 30)


def test_week_start_of_a_monday_is_that_monday_and_the_next_week_starts_seven_days_later():
    assert week_start(date(2025, 1, 6)) == date(2025, 1, 6)
    assert week_start(date(2025, 1, 5)) == date(2025, 1, 6) - timedelta(days=7)
