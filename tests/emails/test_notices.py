"""Notification emails: a comment on an intern's entry and a decision on an intern's sign-off go to the
intern, a submitted portfolio to the cohort's reviewers; each to the right person only, once, with what
happened, when and a link, never the text of an entry, a comment or a decision."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from journal import schedule
from journal.emails import preferences
from journal.emails.notices import STALE_AFTER
from journal.extensions import db
from journal.models import Membership, Notification, OutgoingEmail, User
from tests.conftest import log_in_as

NOW = datetime(2026, 12, 5, 12, 0, 30, tzinfo=UTC)
HAPPENED = datetime(2026, 12, 5, 11, 58, tzinfo=UTC)  # 14:58 in Nairobi, 08:58 in Lima
# Words that appear only in what people wrote: never in an email.
ENTRY_SECRET = "Zanzibarite"
COMMENT_SECRET = "Quillowby"
FEEDBACK_SECRET = "Marrowfen"


def write_emails(app, now=NOW):
    """Run the notification-email job once, as the scheduler does at ``now``; every notification is
    dated ``HAPPENED`` first, so that the emails' times do not depend on the day the tests run."""
    with app.app_context():
        db.session.execute(update(Notification).values(created_at=HAPPENED))
        db.session.commit()
        runs = schedule.run_due_jobs(now, only=("notification_emails",))
        assert [run.outcome for run in runs] == ["done"], [run.details for run in runs]


def outbox(query) -> list[OutgoingEmail]:
    """Every email written, oldest first (detached)."""

    def read(session):
        found = list(session.scalars(select(OutgoingEmail).order_by(OutgoingEmail.id)))
        session.expunge_all()
        return found

    return query(read)


def unlooked(query) -> int:
    """How many notifications the email job has not looked at."""
    return len(query(lambda s: s.scalars(select(Notification.id).where(Notification.emailed_at.is_(None))).all()))


def assert_no_text(email: OutgoingEmail) -> None:
    """Neither part of the email holds a word of what anyone wrote."""
    for part in (email.subject, email.body_text, email.body_html):
        for secret in (ENTRY_SECRET, COMMENT_SECRET, FEEDBACK_SECRET):
            assert secret not in part


@pytest.fixture
def w(make):
    """A cohort with an intern (in Nairobi), a fellow intern, a supervisor and two reviewers, an entry the
    intern shared with the cohort, and a framework of competencies."""
    cohort = make.cohort(name="Moshi spring")
    intern = make.member(cohort, "intern", name="Amira Haddad", timezone="Africa/Nairobi")
    fellow = make.member(cohort, "intern", name="Lukas Becker")
    supervisor = make.member(cohort, "supervisor", name="Dr Mwangi")
    reviewers = [make.member(cohort, "reviewer", name=name, timezone="America/Lima") for name in ("Ms Ruiz", "Mr Paz")]
    entry = make.entry(
        intern, cohort, visibility="cohort", title="Night shift on the ward", body=f"The {ENTRY_SECRET} protocol."
    )
    competencies = make.framework(cohort).competencies
    return {
        "cohort": cohort,
        "intern": intern,
        "fellow": fellow,
        "supervisor": supervisor,
        "reviewers": reviewers,
        "entry": entry,
        "competencies": competencies,
    }


def comment(client, entry, author, body=f"Well seen, {COMMENT_SECRET}.", parent_id=""):
    log_in_as(client, author)
    response = client.post(f"/entries/{entry.id}/comments", data={"body": body, "parent_id": parent_id})
    assert response.status_code == 302


# -- comments --


def test_a_comment_emails_the_entrys_author_only(app, client, query, w):
    comment(client, w["entry"], w["supervisor"])
    write_emails(app)
    [email] = outbox(query)
    assert (email.user_id, email.recipient, email.kind) == (w["intern"].id, w["intern"].email, "comment")
    assert email.subject == "New comment on “Night shift on the ward”"
    for body in (email.body_text, email.body_html):
        assert "Hello Amira Haddad," in body
        assert "Dr Mwangi commented on your entry “Night shift on the ward”." in body
        assert "5 Dec 2026, 14:58 (Africa/Nairobi)" in body  # when, in the intern's time zone, named
        assert f"/entries/{w['entry'].id}#comments" in body
    assert_no_text(email)
    assert email.unsubscribe_url and email.unsubscribe_url in email.body_text
    assert unlooked(query) == 0


def test_replies_in_the_thread_email_nobody_but_the_author(app, client, query, w):
    """A fellow intern's comment is emailed to the author; the author's reply tells the fellow and the
    supervisor in the app only (supervisors hear of it in their digest), never by email, and never the actor."""
    comment(client, w["entry"], w["supervisor"])
    comment(client, w["entry"], w["fellow"])
    comment(client, w["entry"], w["intern"], body="Thank you both.")
    write_emails(app)
    emails = outbox(query)
    assert [(email.user_id, email.kind) for email in emails] == [(w["intern"].id, "comment")] * 2
    assert "Lukas Becker commented on your entry" in emails[1].body_text
    told = query(lambda s: set(s.scalars(select(Notification.user_id)).all()))
    assert told == {w["intern"].id, w["supervisor"].id, w["fellow"].id}  # all of them in the app
    assert unlooked(query) == 0


def test_an_entry_made_private_before_the_email_still_names_it_to_its_author_only(app, client, query, w):
    comment(client, w["entry"], w["supervisor"])
    log_in_as(client, w["intern"])
    client.post(f"/entries/{w['entry'].id}/visibility", data={"visibility": "private"})
    write_emails(app)
    [email] = outbox(query)
    assert email.user_id == w["intern"].id and "Night shift on the ward" in email.subject


def test_a_kind_turned_off_writes_no_email_but_the_notification_stays(app, client, query, w):
    with app.app_context():
        preferences.turn_off(db.session.get(User, w["intern"].id), "comment")
        db.session.commit()
    comment(client, w["entry"], w["supervisor"])
    write_emails(app)
    assert outbox(query) == []
    assert unlooked(query) == 0  # looked at once: turning it back on later sends no backlog
    log_in_as(client, w["intern"])
    assert "Dr Mwangi commented on “Night shift on the ward”" in client.get("/notifications/").get_data(as_text=True)


def test_a_notification_too_old_to_email_is_marked_looked_at_without_an_email(app, client, query, w):
    """The scheduler's first run (or its first with a mail server) finds old notifications: news of a
    comment from 16 days ago is not emailed; one from just before the cut-off still is."""
    comment(client, w["entry"], w["supervisor"])
    comment(client, w["entry"], w["fellow"])
    to_intern = select(Notification.id).where(Notification.user_id == w["intern"].id).order_by(Notification.id)
    old, fresh = query(lambda s: s.scalars(to_intern).all())
    with app.app_context():
        for note_id, when in ((old, NOW - timedelta(days=16)), (fresh, NOW - STALE_AFTER + timedelta(minutes=1))):
            db.session.execute(update(Notification).where(Notification.id == note_id).values(created_at=when))
        db.session.commit()
        [run] = schedule.run_due_jobs(NOW, only=("notification_emails",))
        details = run.details
    assert details == "looked_at=2, stale=1, written=1"  # the fellow's comment also tells the supervisor
    [email] = outbox(query)
    assert "Lukas Becker commented on your entry" in email.body_text
    assert email.dedupe_key == f"notification:{fresh}"
    assert query(lambda s: s.get(Notification, old).emailed_at) is not None and unlooked(query) == 0


# -- sign-off decisions --


def decide(client, make, w, action, data, status="pending"):
    """A sign-off request of the intern, decided by the supervisor through the page's form."""
    request = make.signoff(w["intern"], w["cohort"], w["competencies"][0].id, status=status, supervisor=w["supervisor"])
    log_in_as(client, w["supervisor"])
    assert client.post(f"/signoffs/{request.id}/{action}", data=data).status_code == 302
    return request


def test_an_approval_emails_the_intern_with_the_level(app, client, make, query, w):
    request = decide(client, make, w, "approve", {"approve-level": "4", "approve-note": f"Great {FEEDBACK_SECRET}"})
    write_emails(app)
    [email] = outbox(query)
    assert (email.user_id, email.kind) == (w["intern"].id, "signoff_decided")
    assert email.subject == "Sign-off request approved: C1 Competency 1"
    for body in (email.body_text, email.body_html):
        assert "Dr Mwangi approved your sign-off request for C1 Competency 1 at level 4 · Acts unsupervised." in body
        assert f"/signoffs/{request.id}" in body
    assert_no_text(email)


def test_a_return_emails_the_intern_to_see_the_feedback_without_it(app, client, make, query, w):
    decide(client, make, w, "return", {"return-note": f"Add an entry, {FEEDBACK_SECRET}."})
    write_emails(app)
    [email] = outbox(query)
    assert email.subject == "Sign-off request returned with feedback: C1 Competency 1"
    for body in (email.body_text, email.body_html):
        assert "Dr Mwangi returned your sign-off request for C1 Competency 1 with feedback." in body
    assert "See the feedback on the request's page." in email.body_text
    assert_no_text(email)


def test_a_revocation_emails_the_intern(app, client, make, query, w):
    data = {"revoke-reason": f"Seen again, {FEEDBACK_SECRET}", "revoke-confirm": "y"}
    decide(client, make, w, "revoke", data, status="approved")
    write_emails(app)
    [email] = outbox(query)
    assert email.subject == "Sign-off revoked: C1 Competency 1"
    assert "Dr Mwangi revoked your sign-off of C1 Competency 1." in email.body_text
    assert_no_text(email)


def test_a_sign_off_request_is_left_to_the_digest(app, client, make, query, w):
    log_in_as(client, w["intern"])
    make.evidence(w["entry"], w["competencies"][1].id)
    client.post(f"/competencies/{w['cohort'].id}/{w['competencies'][1].id}/request", data={"level": "3", "note": ""})
    assert query(lambda s: s.scalar(select(Notification.kind))) == "signoff_requested"
    write_emails(app)
    assert outbox(query) == [] and unlooked(query) == 0


# -- portfolio submissions --


def test_a_submission_emails_each_reviewer_and_a_new_version_says_so(app, make, query, w):
    make.submission(w["intern"], w["cohort"], [w["entry"]])
    write_emails(app)
    first = outbox(query)
    assert sorted((email.user_id, email.kind) for email in first) == sorted(
        (reviewer.id, "submission") for reviewer in w["reviewers"]
    )
    email = first[0]
    assert email.subject == "Portfolio submitted: Amira Haddad, Moshi spring"
    for body in (email.body_text, email.body_html):
        assert "Amira Haddad submitted their portfolio in Moshi spring." in body
        assert "It holds 1 entry." in body
        assert "5 Dec 2026, 06:58" in body  # the reviewer's time zone
        assert "/submissions/" in body
        assert "Night shift on the ward" not in body  # a reviewer reads the portfolio, not entries
    assert_no_text(email)

    another = make.entry(w["intern"], w["cohort"], visibility="private")
    make.submission(w["intern"], w["cohort"], [w["entry"], another])  # other entries: not a double click
    write_emails(app, NOW.replace(minute=1))
    later = outbox(query)[len(first) :]
    assert len(later) == 2
    assert (
        "submitted a new version of their portfolio in Moshi spring. It replaces the earlier one" in later[0].body_text
    )


def test_a_reviewer_removed_before_the_email_is_not_emailed(app, make, query, w):
    make.submission(w["intern"], w["cohort"], [w["entry"]])
    gone = w["reviewers"][0]
    with app.app_context():
        db.session.execute(Membership.__table__.delete().where(Membership.user_id == gone.id))
        db.session.commit()
    write_emails(app)
    assert [email.user_id for email in outbox(query)] == [w["reviewers"][1].id]
    assert unlooked(query) == 0


# -- once, whoever runs the job --


def test_each_notification_is_emailed_once_however_often_the_job_runs(app, client, query, w):
    comment(client, w["entry"], w["supervisor"])
    write_emails(app)
    with app.app_context():
        db.session.execute(update(Notification).values(emailed_at=None))  # as if a run had died halfway
        db.session.commit()
    write_emails(app, NOW.replace(minute=1))
    assert len(outbox(query)) == 1


def test_emails_are_written_in_the_recipients_language(app, client, query, w):
    with app.app_context():
        db.session.get(User, w["intern"].id).locale = "es"
        db.session.commit()
    comment(client, w["entry"], w["supervisor"])
    write_emails(app)
    [email] = outbox(query)
    assert "Hello" not in email.body_text and "dic 2026" in email.body_text
