"""The cohort dashboard and the intern page: figures aggregated in SQL, never private text."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from journal.extensions import db
from journal.i18n import format_date
from journal.models import Cohort, Decision, EntryReview, SignOffRequest
from journal.models.types import utcnow
from journal.review.dashboard import dashboard_for
from journal.timezones import local_today, week_start
from tests import factories
from tests.html import links, one, rows, text_of
from tests.review.helpers import dashboard_rows, row_for

SECRET = "SECRET-PRIVATE-TEXT"
COMMENT = "COMMENT-TEXT-NEVER-ON-THE-DASHBOARD"


@pytest.fixture
def cohort_world(make, query):
    """A cohort (in a time zone far from UTC) with three interns whose figures are known."""
    cohort = make.cohort(timezone="Pacific/Kiritimati", start=local_today("Pacific/Kiritimati") - timedelta(days=20))
    today = local_today(cohort.timezone)
    this_week, last_week = week_start(today), week_start(today) - timedelta(days=7)
    supervisor = make.member(cohort, "supervisor", name="Dr Mwangi")
    amira = make.member(cohort, "intern", name="Amira Haddad")
    bruno = make.member(cohort, "intern", name="Bruno Costa")
    chen = make.member(cohort, "intern", name="Chen Wei")
    two_days_ago, five_days_ago = utcnow() - timedelta(days=2), utcnow() - timedelta(days=5)

    def entry(author, **fields):
        fields.setdefault("created_at", two_days_ago)
        return make.entry(author, cohort, **fields)

    private = entry(amira, occurred_on=this_week, hours=Decimal("2.5"), title=f"{SECRET} title", body=SECRET)
    awaiting = entry(amira, kind="cultural", visibility="supervisors", occurred_on=this_week, title="Waiting one")
    commented = entry(amira, kind="ethics", visibility="cohort", occurred_on=this_week, title="Commented one")
    reviewed = entry(amira, visibility="supervisors", occurred_on=last_week, hours=Decimal(4), title="Reviewed one")
    entry(amira, visibility="supervisors", occurred_on=this_week, hours=Decimal(8), deleted=True, title="Binned one")
    fellow_only = entry(amira, kind="cultural", visibility="cohort", occurred_on=last_week, title="Fellow one")
    chen_entry = entry(chen, occurred_on=today - timedelta(days=5), created_at=five_days_ago)
    make.comment(commented, supervisor, body=COMMENT)
    make.comment(fellow_only, bruno, body=COMMENT)
    query(lambda s: (s.add(EntryReview(entry_id=reviewed.id, reviewer_id=supervisor.id)), s.commit()))

    c1, c2, c3, c4 = make.framework(cohort, competencies=4, required_level=3).competencies
    make.signoff(amira, cohort, c1.id, level=3, status="approved", supervisor=supervisor)
    make.signoff(amira, cohort, c1.id, level=4, status="approved", supervisor=supervisor)
    make.signoff(amira, cohort, c2.id, level=2, status="approved", supervisor=supervisor)
    pending = make.signoff(amira, cohort, c3.id, level=3)
    make.signoff(amira, cohort, c4.id, level=3, status="revoked", supervisor=supervisor)

    other = make.cohort()
    stranger = make.member(other, "intern", name="Someone Else")
    make.entry(stranger, other, hours=Decimal(7))
    live = [private, awaiting, commented, reviewed, fellow_only, chen_entry]
    return {
        "cohort": cohort,
        "supervisor": supervisor,
        "amira": amira,
        "bruno": bruno,
        "chen": chen,
        "pending": pending,
        "live": live,
        "shared": {"Waiting one": awaiting, "Commented one": commented, "Reviewed one": reviewed, "Fellow one": None},
    }


def test_figures_per_intern(cohort_world, query):
    dash = query(lambda s: dashboard_for(s.get(Cohort, cohort_world["cohort"].id)))
    rows = {row.name: row for row in dash.rows}
    assert set(rows) == {"Amira Haddad", "Bruno Costa", "Chen Wei"}
    amira, bruno, chen = rows["Amira Haddad"], rows["Bruno Costa"], rows["Chen Wei"]
    assert amira.this_week == {"clinical": 1, "cultural": 1, "ethics": 1}  # the binned entry does not count
    assert amira.hours == Decimal("6.5")
    assert (amira.days_since, amira.inactive) == (2, False)
    assert (amira.signed_off, amira.pending, amira.awaiting) == (1, 1, 2)
    assert (bruno.days_since, bruno.inactive, bruno.hours, bruno.signed_off) == (None, True, 0, 0)
    assert (chen.days_since, chen.inactive) == (5, True)
    assert dash.competency_count == 4
    totals = dash.totals
    assert (totals.interns, totals.hours, totals.signed_off, totals.pending, totals.awaiting, totals.inactive) == (
        3,
        Decimal("6.5"),
        1,
        1,
        2,
        2,
    )
    assert totals.this_week == amira.week_total + chen.week_total


def test_entries_per_week_cover_the_placement(cohort_world, query):
    cohort = cohort_world["cohort"]
    dash = query(lambda s: dashboard_for(s.get(Cohort, cohort.id)))
    expected = {}
    for entry in cohort_world["live"]:
        week = max(week_start(entry.occurred_on), cohort.start_date)
        expected.setdefault(week, {"clinical": 0, "cultural": 0, "ethics": 0})[entry.kind] += 1
    assert {week: counts for week, counts in dash.weeks if any(counts.values())} == expected
    assert dash.weeks[0][0] == cohort.start_date
    assert dash.weeks[-1][0] == week_start(local_today(cohort.timezone))


def test_the_page_shows_rows_totals_and_chart(client, auth, cohort_world):
    auth.login(cohort_world["supervisor"].email)
    page = client.get(f"/review/{cohort_world['cohort'].id}/").get_data(as_text=True)
    amira = row_for(page, "Amira Haddad")
    assert amira[1] == "2 days"
    assert amira[2:9] == ["1", "1", "1", "6.5", "1 of 4 1 of 4", "1", "2"]
    assert row_for(page, "Bruno Costa")[1] == "No entries yet ⚠ Inactive"
    assert row_for(page, "Chen Wei")[1] == "5 days ⚠ Inactive"
    assert '<tr class="inactive">' in page
    totals = text_of(page, 'ul[aria-label="Cohort totals"]')
    assert "3 interns" in totals and "6.5 hours logged" in totals and "⚠ 2 inactive interns" in totals
    assert "1 competency signed off of 12" in totals and "2 shared entries awaiting feedback" in totals
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="weekly-chart"' in page
    assert "Entries per week as a table" in page
    assert page.count("<h1") == 1
    assert f'href="/review/{cohort_world["cohort"].id}/interns/{cohort_world["amira"].id}"' in page


def test_private_text_and_comments_never_appear(client, auth, cohort_world):
    auth.login(cohort_world["supervisor"].email)
    cohort = cohort_world["cohort"]
    dashboard = client.get(f"/review/{cohort.id}/").get_data(as_text=True)
    intern_page = client.get(f"/review/{cohort.id}/interns/{cohort_world['amira'].id}").get_data(as_text=True)
    for page in (dashboard, intern_page):
        assert SECRET not in page
        assert COMMENT not in page
    assert "Binned one" not in intern_page


@pytest.mark.parametrize(
    ("sort", "direction", "names"),
    [
        ("name", "asc", ["Amira Haddad", "Bruno Costa", "Chen Wei"]),
        ("name", "desc", ["Chen Wei", "Bruno Costa", "Amira Haddad"]),
        ("hours", "desc", ["Amira Haddad", "Bruno Costa", "Chen Wei"]),
        ("hours", "asc", ["Bruno Costa", "Chen Wei", "Amira Haddad"]),
        ("days", "desc", ["Bruno Costa", "Chen Wei", "Amira Haddad"]),
        ("awaiting", "desc", ["Amira Haddad", "Bruno Costa", "Chen Wei"]),
        ("nonsense", "sideways", ["Amira Haddad", "Bruno Costa", "Chen Wei"]),
    ],
)
def test_sorting_by_each_column(client, auth, cohort_world, sort, direction, names):
    auth.login(cohort_world["supervisor"].email)
    cohort_id = cohort_world["cohort"].id
    page = client.get(f"/review/{cohort_id}/?sort={sort}&dir={direction}").get_data(as_text=True)
    assert [row[0] for row in dashboard_rows(page)] == names
    shown = sort if sort != "nonsense" else "name"
    shown_dir = "descending" if direction == "desc" else "ascending"
    header = page[: page.index(f"sort={shown}&amp;dir=")]
    assert header[header.rindex("<th") :].count(f'aria-sort="{shown_dir}"') == 1
    assert page.count("aria-sort=") == 1


def _add_interns(app, cohort_id, competency_ids, count):
    """``count`` interns with entries, hours and requests, built in one transaction."""
    with app.app_context():
        cohort = db.session.get(Cohort, cohort_id)
        for _ in range(count):
            intern = factories.member(db.session, cohort, "intern")
            factories.entry(db.session, intern, cohort, visibility="supervisors", hours=Decimal(3))
            factories.entry(db.session, intern, cohort, kind="ethics")
            factories.signoff(db.session, intern, cohort, competency_ids[0], status="approved")
            factories.signoff(db.session, intern, cohort, competency_ids[1])
        db.session.commit()


def test_the_query_count_does_not_grow_with_interns(app, client, auth, make, count_queries):
    cohort = make.cohort()
    supervisor = make.member(cohort, "supervisor")
    competencies = [c.id for c in make.framework(cohort).competencies]
    _add_interns(app, cohort.id, competencies, 5)
    auth.login(supervisor.email)
    url = f"/review/{cohort.id}/?sort=hours&dir=desc"
    five = count_queries(lambda: client.get(url))
    assert len(dashboard_rows(client.get(url).get_data(as_text=True))) == 5
    _add_interns(app, cohort.id, competencies, 45)
    fifty = count_queries(lambda: client.get(url))
    assert len(dashboard_rows(client.get(url).get_data(as_text=True))) == 50
    assert five == fifty
    print(f"dashboard queries: {five} for 5 interns, {fifty} for 50")


def test_who_may_see_the_dashboard(client, auth, make, cohort_world):
    cohort_id = cohort_world["cohort"].id
    allowed = {"supervisor": cohort_world["supervisor"], "coordinator": make.admin()}
    other = make.cohort()
    refused = {
        "intern": cohort_world["amira"],
        "reviewer": make.member(cohort_world["cohort"], "reviewer"),
        "other supervisor": make.member(other, "supervisor"),
        "outsider": make.user(),
    }
    for person in allowed.values():
        auth.login(person.email)
        assert client.get(f"/review/{cohort_id}/").status_code == 200
        auth.logout()
    for who, person in refused.items():
        auth.login(person.email)
        assert client.get(f"/review/{cohort_id}/").status_code == 404, who
        assert client.get(f"/review/{cohort_id}/interns/{cohort_world['amira'].id}").status_code == 404, who
        auth.logout()
    auth.login(cohort_world["supervisor"].email)
    assert client.get("/review/999999/").status_code == 404


def test_coordinators_see_figures_but_no_entries(client, auth, make, cohort_world):
    auth.login(make.admin().email)
    cohort = cohort_world["cohort"]
    dashboard = client.get(f"/review/{cohort.id}/").get_data(as_text=True)
    assert row_for(dashboard, "Amira Haddad")[5] == "6.5"
    assert f"/review/{cohort.id}/queue" not in dashboard
    page = client.get(f"/review/{cohort.id}/interns/{cohort_world['amira'].id}").get_data(as_text=True)
    assert "Coordinators see figures, not entries" in page
    for title in cohort_world["shared"]:
        assert title not in page
    assert "/signoffs/" not in page
    assert 'class="heatmap"' in page


def test_the_intern_page(client, auth, cohort_world, query):
    auth.login(cohort_world["supervisor"].email)
    cohort, amira = cohort_world["cohort"], cohort_world["amira"]
    response = client.get(f"/review/{cohort.id}/interns/{amira.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and page.count("<h1") == 1
    assert "<h1>Amira Haddad</h1>" in page
    assert 'class="heatmap"' in page
    for title in cohort_world["shared"]:
        assert title in page
    waiting = text_of(one(page, "li", containing="Waiting one"))
    assert "Awaiting feedback" in waiting
    given = text_of(one(page, "li", containing="Commented one"))
    assert "1 comment" in given and "Feedback given" in given
    assert f'href="/signoffs/{cohort_world["pending"].id}"' in page
    assert "3 Acts with indirect supervision" in text_of(page)
    assert "1 of 4 competencies signed off" in text_of(page)


def test_the_history_is_newest_first(client, auth, make, query):
    cohort = make.cohort()
    supervisor = make.member(cohort, "supervisor", name="Dr Mwangi")
    intern = make.member(cohort, "intern")
    competency = make.framework(cohort).competencies[0]
    request = make.signoff(intern, cohort, competency.id, level=4, status="revoked", supervisor=supervisor)
    now = utcnow()

    def spread(s):
        s.execute(update(SignOffRequest).values(created_at=now - timedelta(days=3)))
        for n, decision in enumerate(s.scalars(select(Decision).order_by(Decision.id)).all()):
            decision.created_at = now - timedelta(days=2 - n)
        s.commit()

    query(spread)
    auth.login(supervisor.email)
    page = client.get(f"/review/{cohort.id}/interns/{intern.id}").get_data(as_text=True)
    history = text_of(page, 'section[aria-labelledby="history-title"]')
    assert history.index("Revoked") < history.index("Approved") < history.index("Asked for sign-off")
    assert "Dr Mwangi Approved C1 Competency 1 4 Acts unsupervised" in history
    assert f'href="/signoffs/{request.id}"' in page


def test_the_intern_page_is_only_for_interns_of_the_cohort(client, auth, make, cohort_world):
    auth.login(cohort_world["supervisor"].email)
    cohort_id = cohort_world["cohort"].id
    elsewhere = make.member(make.cohort(), "intern")
    for user_id in (cohort_world["supervisor"].id, elsewhere.id, 999999):
        assert client.get(f"/review/{cohort_id}/interns/{user_id}").status_code == 404


def test_a_cohort_not_yet_started_and_without_interns(client, auth, make):
    cohort = make.cohort(start=local_today("UTC") + timedelta(days=10))
    supervisor = make.member(cohort, "supervisor")
    auth.login(supervisor.email)
    page = client.get(f"/review/{cohort.id}/").get_data(as_text=True)
    assert "No interns have joined this cohort yet." in page
    assert "weekly figures begin then" in page and "<svg" not in page
    intern = make.member(cohort, "intern", name="Early Bird")
    page = client.get(f"/review/{cohort.id}/").get_data(as_text=True)
    assert row_for(page, "Early Bird")[1] == "No entries yet"  # not flagged before the placement starts
    assert row_for(page, "Early Bird")[6] == "No framework"
    intern_page = client.get(f"/review/{cohort.id}/interns/{intern.id}").get_data(as_text=True)
    assert "This cohort has no competency framework yet." in intern_page
    assert "Early Bird has not shared any entries yet." in intern_page
    assert "No sign-off requests yet." in intern_page


def test_requests_waiting_for_a_decision_are_one_click_from_the_dashboard(client, auth, make):
    cohort = make.cohort()
    supervisor = make.member(cohort, "supervisor")
    intern = make.member(cohort, "intern", name="Amira Haddad")
    first, second, third = make.framework(cohort).competencies
    waiting = make.signoff(intern, cohort, first.id, level=2)
    make.signoff(intern, cohort, second.id, status="approved")
    make.signoff(intern, cohort, third.id, status="returned")
    auth.login(supervisor.email)
    page = client.get(f"/review/{cohort.id}/").get_data(as_text=True)
    assert rows(page, "table.waiting-table") == [
        [
            "Amira Haddad",
            "C1 Competency 1",
            "2 Acts with direct supervision",
            format_date(utcnow().date()),
            "Decide on C1 for Amira Haddad",
        ]
    ]
    assert f"/signoffs/{waiting.id}" in links(one(page, "table.waiting-table"))
    auth.logout()
    auth.login(make.admin().email)
    assert "waiting-table" not in client.get(f"/review/{cohort.id}/").get_data(as_text=True)
