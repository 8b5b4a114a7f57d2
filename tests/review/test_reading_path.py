"""A supervisor reading a shared entry can go back to the queue, to the intern, or on to the next entry."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, event

from journal.extensions import db
from journal.models import EntryReview, Membership, User
from journal.models.types import utcnow
from journal.review.reading import reading_path
from tests.html import attributes, one, page, text_of
from tests.review.test_queue import shared_audit


@pytest.fixture
def queue(make, query, team):
    """Three shared entries waiting, in queue order: first, second, third (by when they were shared)."""
    cohort, now = team["cohort"], utcnow()
    third = make.entry(team["intern"], cohort, visibility="supervisors", title="Third", created_at=now - timedelta(9))
    first = make.entry(team["fellow"], cohort, visibility="cohort", title="First", created_at=now - timedelta(5))
    second = make.entry(team["intern"], cohort, visibility="supervisors", title="Second", created_at=now - timedelta(3))
    shared_audit(query, third, now - timedelta(days=1))  # written first, shared last
    return [first, second, third]


def _nav(client, entry) -> str:
    """The reading path at the top of the entry's page (AssertionError when it is not there)."""
    return str(one(client.get(f"/entries/{entry.id}").text, "nav.reading-path:not(.reading-path-end)"))


def _next_href(nav: str) -> str | None:
    found = attributes(nav, "a[rel=next]", "href")
    return found[0] if found else None


def test_the_supervisor_goes_back_to_the_queue_and_the_intern_and_on_to_the_next(client, auth, team, queue):
    first, second, third = queue
    cohort = team["cohort"]
    auth.login(team["supervisor"].email)
    nav = _nav(client, first)
    assert f'href="/review/{cohort.id}/queue"' in nav and "3 waiting" in text_of(nav)
    assert f'href="/review/{cohort.id}/interns/{team["fellow"].id}"' in nav
    assert "Intern page: Bruno Costa" in text_of(nav)
    assert _next_href(nav) == f"/entries/{second.id}"
    assert text_of(nav, "a[rel=next]") == "Next in queue : Second →"  # the title for screen readers
    assert _next_href(_nav(client, second)) == f"/entries/{third.id}"
    # The last one leads back to the start of the queue: what still waits.
    assert _next_href(_nav(client, third)) == f"/entries/{first.id}"
    # The bottom of the page offers the same next entry, after the comments.
    bottom = one(client.get(f"/entries/{first.id}").text, "nav.reading-path-end")
    assert attributes(bottom, "a[rel=next]", "href") == [f"/entries/{second.id}"]
    assert text_of(bottom, "a[rel=next]") == "Next in queue → Second by Amira Haddad"


def test_next_skips_what_has_feedback_and_what_the_supervisor_may_not_read(client, auth, make, query, team):
    cohort = team["cohort"]
    reading = make.entry(team["intern"], cohort, visibility="supervisors", title="Reading")
    make.entry(team["intern"], cohort, title="Private")
    make.entry(team["intern"], cohort, visibility="supervisors", title="Binned", deleted=True)
    commented = make.entry(team["fellow"], cohort, visibility="supervisors", title="Commented")
    make.comment(commented, team["other_supervisor"])
    reviewed = make.entry(team["fellow"], cohort, visibility="cohort", title="Reviewed")
    query(lambda s: (s.add(EntryReview(entry_id=reviewed.id, reviewer_id=team["other_supervisor"].id)), s.commit()))
    elsewhere = make.cohort()
    make.entry(make.member(elsewhere, "intern"), elsewhere, visibility="supervisors", title="Another cohort")
    auth.login(team["supervisor"].email)
    nav = _nav(client, reading)
    assert _next_href(nav) is None
    assert "This is the last entry in the queue." in text_of(nav)
    assert "1 waiting" in text_of(nav)


def test_an_empty_queue_says_so(client, auth, make, query, team):
    entry = make.entry(team["intern"], team["cohort"], visibility="supervisors", title="Already reviewed")
    query(lambda s: (s.add(EntryReview(entry_id=entry.id, reviewer_id=team["other_supervisor"].id)), s.commit()))
    auth.login(team["supervisor"].email)
    nav = _nav(client, entry)
    assert _next_href(nav) is None
    assert "Queue is empty." in text_of(nav) and "0 waiting" in text_of(nav)
    bottom = text_of(one(client.get(f"/entries/{entry.id}").text, "nav.reading-path-end"))
    assert bottom == "Queue is empty. No shared entry waits for feedback. Back to the review queue"


def test_marking_reviewed_moves_the_next_entry_on(client, auth, team, queue):
    first, second, _third = queue
    auth.login(team["supervisor"].email)
    assert _next_href(_nav(client, first)) == f"/entries/{second.id}"
    client.post(f"/entries/{second.id}/reviewed")
    assert "2 waiting" in text_of(_nav(client, first))
    assert _next_href(_nav(client, first)) == f"/entries/{queue[2].id}"


@pytest.mark.parametrize("reader", ["author", "fellow"])
def test_only_supervisors_get_the_reading_path(client, auth, team, queue, reader):
    entry = queue[0]  # Bruno's, shared with the cohort
    person = team["fellow"] if reader == "author" else team["intern"]
    auth.login(person.email)
    shown = client.get(f"/entries/{entry.id}")
    assert shown.status_code == 200
    assert page(shown.text).select("nav.reading-path") == []
    assert "Next in queue" not in shown.text


def test_a_former_intern_has_no_intern_page_link(client, auth, make, query, team):
    entry = make.entry(team["intern"], team["cohort"], visibility="supervisors", title="Left behind")
    gone = delete(Membership).where(Membership.user_id == team["intern"].id, Membership.cohort_id == team["cohort"].id)
    query(lambda s: (s.execute(gone), s.commit()))
    auth.login(team["supervisor"].email)
    nav = _nav(client, entry)
    assert "/interns/" not in nav
    assert f'href="/review/{team["cohort"].id}/queue"' in nav


def test_the_reading_path_costs_one_query_whatever_the_queue(app, make, team, queue):
    for n in range(25):
        make.entry(team["intern"], team["cohort"], visibility="supervisors", title=f"More {n}")
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    with app.test_request_context():
        viewer = db.session.get(User, team["supervisor"].id)
        entry = db.session.merge(queue[0])
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            path = reading_path(entry, viewer)
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
    assert path is not None and path.waiting == 28 and path.next.title == "Second"
    assert len(statements) == 1
