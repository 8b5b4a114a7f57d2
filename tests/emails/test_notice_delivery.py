"""Notification emails reach a real SMTP server through the scheduler, with their unsubscribe headers;
a mail server that is down delays them and loses nothing; two schedulers at once write each email once."""

import email
import email.policy
from datetime import UTC, date, datetime, time, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from journal import schedule
from journal.extensions import db
from journal.models import EmailOptOut, Notification, OutgoingEmail, User
from journal.notifications.services import notify
from tests.emails.conftest import Inbox, free_port, mail_settings
from tests.threads import at_the_same_moment

# Tomorrow at noon: after every row the test writes by the real clock (a fixed day would be passed by the clock).
NOW = datetime.combine(date.today() + timedelta(days=1), time(12, 0, 30), tzinfo=UTC)
JOBS = ("notification_emails", "deliver_emails")
MINUTE = timedelta(minutes=1)


@pytest.fixture
def port():
    """A loopback port for the test's SMTP server, which each test starts (or leaves down) itself."""
    return free_port()


@pytest.fixture
def app_config(port):
    return mail_settings(port)


@pytest.fixture
def smtp_server(port):
    """Start an SMTP server on the test's port when called; it is stopped at the end."""
    started = []

    def start() -> Inbox:
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        return inbox

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def commented(app, make):
    """A comment notification to an intern about their entry, as the comment form writes it."""
    cohort = make.cohort(name="Moshi spring")
    intern = make.member(cohort, "intern", name="Amira Haddad")
    supervisor = make.member(cohort, "supervisor", name="Dr Mwangi")
    entry = make.entry(intern, cohort, visibility="supervisors", title="Night shift", body="Zanzibarite")
    with app.app_context():
        notify(
            [intern.id], "comment", actor=db.session.get(User, supervisor.id), cohort_id=cohort.id, entry_id=entry.id
        )
        db.session.commit()
    return intern, entry


def date_fresh(session) -> None:
    """Date the notifications not looked at yet a minute before NOW (they were made by the clock), so that
    the job does not pass them over as too old to email, whatever day the tests run."""
    session.execute(update(Notification).where(Notification.emailed_at.is_(None)).values(created_at=NOW - MINUTE))


def run(app, now=NOW):
    with app.app_context():
        date_fresh(db.session)
        db.session.commit()
        return {r.job: (r.outcome, r.details) for r in schedule.run_due_jobs(now, only=JOBS)}


def stored(app) -> OutgoingEmail:
    with app.app_context():
        found = db.session.scalar(select(OutgoingEmail))
        db.session.expunge(found)
        return found


def test_the_email_goes_out_by_smtp_with_both_parts_and_one_click_unsubscribe(app, client, smtp_server, commented):
    intern, entry = commented
    inbox = smtp_server()
    assert run(app)["deliver_emails"] == ("done", "sent=1")
    [envelope] = inbox.messages
    assert envelope.rcpt_tos == [intern.email]
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert message["Subject"] == "New comment on “Night shift”"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    assert "Dr Mwangi commented on your entry “Night shift”." in text and "Zanzibarite" not in text
    assert "Dr Mwangi commented on your entry “Night shift”." in html and "Zanzibarite" not in html
    unsubscribe = stored(app).unsubscribe_url
    assert message["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text and unsubscribe in html

    # The mail provider's one-click button: a POST with no cookie and no CSRF token, CSRF protection on.
    app.config["WTF_CSRF_ENABLED"] = True
    path = unsubscribe.split("://", 1)[1].split("/", 1)[1]
    answer = client.post(
        f"/{path}", data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    with app.app_context():
        assert db.session.scalars(select(EmailOptOut.kind).where(EmailOptOut.user_id == intern.id)).all() == ["comment"]


def test_a_mail_server_that_is_down_delays_the_email_and_loses_nothing(app, client, smtp_server, commented):
    intern, _ = commented
    assert run(app)["deliver_emails"] == ("done", "retry=1")
    waiting = stored(app)
    assert (waiting.status, waiting.attempts) == ("pending", 1)
    assert waiting.next_attempt_at > NOW and "ConnectionRefusedError" in waiting.last_error
    with app.app_context():  # the in-app notification does not wait for the email
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 1

    assert run(app, NOW + timedelta(seconds=40))["deliver_emails"] == ("done", "")  # not due yet: not tried
    inbox = smtp_server()
    assert run(app, waiting.next_attempt_at + timedelta(minutes=1))["deliver_emails"] == ("done", "sent=1")
    assert [m.rcpt_tos for m in inbox.messages] == [[intern.email]]
    sent = stored(app)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 2, None)


def test_two_schedulers_at_once_write_and_send_each_email_once(app, make, smtp_server):
    """Two schedulers (two threads, each with its own database session) run the email jobs at the same
    moment, for two different minutes, so both really run them over the same notifications."""
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    supervisor = make.member(cohort, "supervisor")
    entries = [make.entry(intern, cohort, visibility="supervisors") for _ in range(12)]
    with app.app_context():
        actor = db.session.get(User, supervisor.id)
        for entry in entries:
            notify([intern.id], "comment", actor=actor, cohort_id=cohort.id, entry_id=entry.id)
        date_fresh(db.session)
        db.session.commit()
    inbox = smtp_server()
    at_the_same_moment(
        app, [lambda n=n: schedule.run_due_jobs(NOW + timedelta(minutes=n), only=JOBS) for n in range(2)]
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutgoingEmail)) == 12
        assert db.session.scalar(select(func.count()).where(Notification.emailed_at.is_(None))) == 0
    assert len(inbox.messages) == 12
