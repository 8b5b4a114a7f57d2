"""A sign-off request shows as "New" in the supervisors' notifications only until it is decided (or
withdrawn): once nothing about it waits for them, it is no longer new, nor counted as unread."""

import pytest
from sqlalchemy import select

from journal.competencies import services
from journal.extensions import db
from journal.models import Competency, Notification, User
from tests.conftest import log_in_as
from tests.html import texts


@pytest.fixture
def world(app, make):
    """Two supervisors told of two requests by the intern (asked through the service, as the page asks)."""
    cohort = make.cohort()
    intern = make.member(cohort, "intern", name="Amina Intern")
    first = make.member(cohort, "supervisor", name="Dr Okafor")
    second = make.member(cohort, "supervisor", name="Dr Silva")
    c1, c2, _ = make.framework(cohort, competencies=3).competencies
    for competency in (c1, c2):
        make.evidence(make.entry(intern, cohort, visibility="supervisors"), competency.id)
    with app.test_request_context():
        asker = db.session.get(User, intern.id)
        requests = [
            services.request_signoff(asker, asker.memberships[0].cohort, db.session.get(Competency, c.id), 3, "")
            for c in (c1, c2)
        ]
        db.session.commit()
        ids = [request.id for request in requests]
    return {"intern": intern, "supervisors": (first, second), "requests": ids}


def new_lines(client) -> list[str]:
    """The notifications marked "New" on the person's notifications page."""
    return texts(client.get("/notifications/").get_data(as_text=True), ".notification-list li:has(.unread-badge)")


def test_a_decided_request_is_no_longer_new_for_any_supervisor(client, world, query):
    first, second = world["supervisors"]
    decided, waiting = world["requests"]
    log_in_as(client, first)
    assert len(new_lines(client)) == 2
    response = client.post(f"/signoffs/{decided}/approve", data={"approve-level": "3", "approve-note": ""})
    assert response.status_code == 302
    for supervisor in (first, second):
        log_in_as(client, supervisor)
        still_new = new_lines(client)
        assert len(still_new) == 1 and "C2" in still_new[0]
    unread = query(
        lambda s: s.scalars(
            select(Notification.request_id).where(
                Notification.kind == "signoff_requested", Notification.read_at.is_(None)
            )
        ).all()
    )
    assert sorted(unread) == [waiting, waiting]


def test_returning_or_withdrawing_settles_it_too(client, world):
    first, _ = world["supervisors"]
    returned, withdrawn = world["requests"]
    log_in_as(client, first)
    client.post(f"/signoffs/{returned}/return", data={"return-note": "Add a clinical entry."})
    log_in_as(client, world["intern"])
    assert client.post(f"/signoffs/{withdrawn}/withdraw").status_code == 302
    log_in_as(client, first)
    assert new_lines(client) == []


def test_the_decision_itself_is_new_for_the_intern(client, world):
    first, _ = world["supervisors"]
    decided, _ = world["requests"]
    log_in_as(client, first)
    client.post(f"/signoffs/{decided}/approve", data={"approve-level": "3", "approve-note": ""})
    log_in_as(client, world["intern"])
    assert [line for line in new_lines(client) if "approved your sign-off request for C1" in line]
