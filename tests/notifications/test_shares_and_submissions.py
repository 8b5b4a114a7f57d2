"""Supervisors are told when an intern shares an entry with them (once per entry), reviewers when an
intern submits a portfolio (every submission); the messages name only what the reader may still read."""

import pytest
from sqlalchemy import delete, select

from journal.extensions import db
from journal.models import Membership, Notification
from tests.conftest import log_in_as


@pytest.fixture
def w(make):
    """A cohort with an intern, a fellow intern, two supervisors and a reviewer; a private entry of the
    intern's; and a supervisor of another cohort."""
    cohort = make.cohort(name="Moshi spring")
    intern = make.member(cohort, "intern", name="Amira Haddad")
    return {
        "cohort": cohort,
        "intern": intern,
        "fellow": make.member(cohort, "intern"),
        "supervisors": [make.member(cohort, "supervisor") for _ in range(2)],
        "reviewer": make.member(cohort, "reviewer", name="Ms Ruiz"),
        "elsewhere": make.member(make.cohort(), "supervisor"),
        "entry": make.entry(intern, cohort, title="Night shift on the ward"),
    }


def told(query, kind):
    """(recipient, actor, entry, submission) of every notification of ``kind``, in order."""
    return query(
        lambda s: [
            (n.user_id, n.actor_id, n.entry_id, n.submission_id)
            for n in s.scalars(select(Notification).where(Notification.kind == kind).order_by(Notification.id))
        ]
    )


def share(client, entry, visibility):
    assert client.post(f"/entries/{entry.id}/visibility", data={"visibility": visibility}).status_code == 302


def test_sharing_tells_each_supervisor_once_per_entry(client, make, query, w):
    log_in_as(client, w["intern"])
    share(client, w["entry"], "supervisors")
    first = [(s.id, w["intern"].id, w["entry"].id, None) for s in w["supervisors"]]
    assert told(query, "entry_shared") == first

    share(client, w["entry"], "cohort")  # wider: the supervisors read it already
    share(client, w["entry"], "private")
    share(client, w["entry"], "supervisors")  # shared again: they were told about this entry
    client.post(
        f"/entries/{w['entry'].id}/edit",
        data={"title": "Night shift, again", "occurred_on": "2026-01-05", "body": "More", "base_version": "1"},
    )
    assert told(query, "entry_shared") == first

    newcomer = make.member(w["cohort"], "supervisor")
    share(client, w["entry"], "private")
    share(client, w["entry"], "cohort")  # only the supervisor who joined since is told
    assert told(query, "entry_shared") == [*first, (newcomer.id, w["intern"].id, w["entry"].id, None)]


def test_sharing_straight_with_the_cohort_tells_supervisors_not_interns(client, query, w):
    log_in_as(client, w["intern"])
    share(client, w["entry"], "cohort")
    assert {row[0] for row in told(query, "entry_shared")} == {s.id for s in w["supervisors"]}


def test_the_message_names_the_entry_while_the_supervisor_may_read_it(app, client, query, w):
    log_in_as(client, w["intern"])
    share(client, w["entry"], "supervisors")
    supervisor, reader = w["supervisors"][0], app.test_client()
    log_in_as(reader, supervisor)
    html = reader.get("/notifications/").get_data(as_text=True)
    assert "Amira Haddad shared “Night shift on the ward” with you" in html
    note = query(lambda s: s.scalar(select(Notification.id).where(Notification.user_id == supervisor.id)))
    assert reader.get(f"/notifications/{note}").headers["Location"] == f"/entries/{w['entry'].id}"

    share(client, w["entry"], "private")
    html = reader.get("/notifications/").get_data(as_text=True)
    assert "Night shift on the ward" not in html
    assert "Amira Haddad shared an entry that you can no longer see" in html
    assert reader.get(f"/notifications/{note}").headers["Location"] == "/notifications/"


def test_every_submission_tells_the_cohorts_reviewers(app, client, make, query, w):
    first = make.submission(w["intern"], w["cohort"], [w["entry"]])
    assert told(query, "portfolio_submitted") == [(w["reviewer"].id, w["intern"].id, None, first.id)]
    second = make.submission(w["intern"], w["cohort"], [w["entry"], make.entry(w["intern"], w["cohort"])])
    assert told(query, "portfolio_submitted")[1:] == [(w["reviewer"].id, w["intern"].id, None, second.id)]

    log_in_as(client, w["reviewer"])
    html = client.get("/notifications/").get_data(as_text=True)
    assert "Amira Haddad submitted their portfolio in Moshi spring" in html
    assert (
        "Amira Haddad submitted a new version of their portfolio in Moshi spring; it replaces the earlier one" in html
    )
    note = query(lambda s: s.scalar(select(Notification.id).where(Notification.submission_id == second.id)))
    assert client.get(f"/notifications/{note}").headers["Location"] == f"/submissions/{second.id}"

    with app.app_context():  # no longer a reviewer there: the message stays, the link goes
        db.session.execute(delete(Membership).where(Membership.user_id == w["reviewer"].id))
        db.session.commit()
    assert client.get(f"/notifications/{note}").headers["Location"] == "/notifications/"
