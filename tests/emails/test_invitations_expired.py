"""Invitations that expired unused are marked once, and each coordinator is emailed about them once, with a
link to the cohort page where a new link is one click; the page shows them expired."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from journal import schedule
from journal.emails import preferences
from journal.extensions import db
from journal.models import Invitation, OutgoingEmail, User
from journal.models.types import utcnow
from tests.conftest import log_in_as
from tests.emails.conftest import mail_settings, received
from tests.threads import at_the_same_moment

# Later than every invitation's expiry in these tests (a week), and than the clock when an email is written.
LATER = utcnow() + timedelta(days=10)


@pytest.fixture
def app_config(smtp):
    controller, _ = smtp
    return mail_settings(controller.port)


def run(app, now, jobs=("expired_invitations", "deliver_emails")):
    """The scheduler's run at ``now`` (the expiry job and the sender); the runs it made."""
    with app.app_context():
        return [(r.job, r.details) for r in schedule.run_due_jobs(now, only=jobs)]


def expired_at(app, invitation_id: int):
    with app.app_context():
        return db.session.get(Invitation, invitation_id).expired_at


@pytest.fixture
def invitations(make):
    """Two cohorts' invitations: two expire in a week unused, one is accepted, one cancelled, one lasts."""
    ward, clinic = make.cohort(name="Ward Cohort"), make.cohort(name="Clinic Cohort")
    unused, _ = make.invitation(ward, email="late.intern@example.org", role="intern")
    other, _ = make.invitation(clinic, email="late.supervisor@example.org", role="supervisor")
    accepted, _ = make.invitation(ward, email="came@example.org")
    cancelled, _ = make.invitation(ward, email="cancelled@example.org")
    lasting, _ = make.invitation(clinic, email="later@example.org", expires_in=timedelta(days=30))
    with make.app.app_context():
        db.session.get(Invitation, accepted.id).accepted_at = utcnow()
        db.session.get(Invitation, cancelled.id).revoked_at = utcnow()
        db.session.commit()
    return {"ward": ward, "clinic": clinic, "unused": unused, "other": other, "accepted": accepted,
            "cancelled": cancelled, "lasting": lasting}  # fmt: skip


def test_expired_invitations_are_marked_and_every_coordinator_is_told_once(app, smtp, make, invitations):
    first, second = make.admin(name="Cora Coordinator"), make.admin()
    bystander = make.member(invitations["ward"], "supervisor")
    assert run(app, LATER)[0] == ("expired_invitations", "emails=2, invitations_expired=2")
    assert expired_at(app, invitations["unused"].id) == LATER
    assert expired_at(app, invitations["other"].id) == LATER
    for untouched in ("accepted", "cancelled", "lasting"):
        assert expired_at(app, invitations[untouched].id) is None
    [email] = received(smtp, first.email)
    assert email["subject"] == "2 invitations expired unused"
    assert "- late.intern@example.org (Intern), expired on " in email["text"]
    assert "- late.supervisor@example.org (Supervisor), expired on " in email["text"]
    for body in (email["text"], email["html"]):
        assert "late.intern@example.org" in body and "late.supervisor@example.org" in body
        assert "Ward Cohort" in body and "Clinic Cohort" in body
        assert f"http://127.0.0.1:5000/cohorts/{invitations['ward'].id}" in body
        assert f"http://127.0.0.1:5000/cohorts/{invitations['clinic'].id}" in body
        for other in ("came@example.org", "cancelled@example.org", "later@example.org"):
            assert other not in body
    assert len(received(smtp, second.email)) == 1
    assert received(smtp, bystander.email) == []

    assert run(app, LATER + timedelta(hours=1))[0] == ("expired_invitations", "emails=0, invitations_expired=0")
    assert expired_at(app, invitations["unused"].id) == LATER  # marked once
    assert len(received(smtp, first.email)) == 1


def test_the_expiry_date_is_in_the_coordinators_time_zone(app, smtp, make):
    cohort = make.cohort()
    invitation, _ = make.invitation(cohort, expires_in=timedelta(days=1))
    with app.app_context():
        found = db.session.get(Invitation, invitation.id)
        found.expires_at = found.expires_at.replace(hour=23, minute=30)  # 23:30 UTC: the next day in Manila
        expires = found.expires_at
        db.session.commit()
    coordinator = make.admin(timezone="Asia/Manila")
    run(app, LATER)
    [email] = received(smtp, coordinator.email)
    next_day = (expires + timedelta(days=1)).date()
    assert f"expired on {next_day.day} {next_day:%b %Y}" in email["text"]


def test_a_renewed_invitation_that_expires_again_is_told_again(app, smtp, make, invitations):
    coordinator = make.admin()
    run(app, LATER)
    with app.app_context():  # a coordinator sends a new link (journal/cohorts/services.py renew_invitation)
        db.session.get(Invitation, invitations["unused"].id).expires_at = LATER + timedelta(days=7)
        db.session.commit()
    assert run(app, LATER + timedelta(days=3))[0] == ("expired_invitations", "emails=0, invitations_expired=0")
    run(app, LATER + timedelta(days=8))
    assert expired_at(app, invitations["unused"].id) == LATER + timedelta(days=8)
    emails = received(smtp, coordinator.email)
    assert [email["subject"] for email in emails] == ["2 invitations expired unused", "1 invitation expired unused"]
    assert "late.intern@example.org" in emails[1]["text"] and "late.supervisor" not in emails[1]["text"]


def test_a_coordinator_who_turned_these_emails_off_gets_none_but_invitations_are_still_marked(
    app, smtp, make, invitations
):
    coordinator = make.admin()
    with app.app_context():
        preferences.turn_off(db.session.get(User, coordinator.id), "invitation_expired")
        db.session.commit()
    run(app, LATER)
    assert received(smtp, coordinator.email) == []
    assert expired_at(app, invitations["unused"].id) == LATER


def test_two_schedulers_at_once_mark_once_and_email_once(app, smtp, make, invitations):
    coordinator = make.admin()
    at_the_same_moment(app, [lambda: schedule.run_due_jobs(LATER, only=("expired_invitations",))] * 3)
    # Another slot's run at once (a second cron line a little late) finds them all marked.
    with app.app_context(), schedule.public_request():
        from journal.emails.invitations import mark_expired_invitations

        assert mark_expired_invitations(LATER + timedelta(minutes=1)) == {"invitations_expired": 0, "emails": 0}
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(OutgoingEmail)) == 1
    run(app, LATER + timedelta(hours=1))
    assert len(received(smtp, coordinator.email)) == 1


def test_the_cohort_page_shows_an_expired_invitation_as_expired(app, client, make):
    cohort = make.cohort()
    coordinator = make.admin()
    invitation, _ = make.invitation(cohort, email="gone@example.org", expires_in=timedelta(days=-2))
    run(app, utcnow() + timedelta(minutes=1), jobs=("expired_invitations",))
    assert expired_at(app, invitation.id) is not None
    log_in_as(client, coordinator)
    page = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    row = page[page.index("gone@example.org") :].split("</tr>")[0]
    assert "Expired" in row and "New link" in row
