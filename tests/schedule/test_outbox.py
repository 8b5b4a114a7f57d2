"""The outbox writes each email once and sends it once, through a real SMTP server, retrying when it is down."""

import socket
from datetime import UTC, date, datetime, time, timedelta
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from journal import schedule
from journal.emails import outbox
from journal.extensions import db
from journal.models import OutgoingEmail, User
from tests.emails.conftest import mail_settings
from tests.threads import at_the_same_moment

# Tomorrow at noon: after every row the test writes by the real clock (a fixed day would be passed by the clock).
NOON = datetime.combine(date.today() + timedelta(days=1), time(12, 0), tzinfo=UTC)
HTML_EMAIL = "{% extends 'emails/_layout.html' %}{% block body %}<p>Hello, {{ what }}.</p>{% endblock %}"


@pytest.fixture
def app_config(mail_server):
    return mail_settings(mail_server.port)


def write(app, user_id: int, key: str = "test:1", kind: str = "comment") -> int | None:
    """Write the test email (the footer's, with its unsubscribe link) to the user; its id, or None."""
    with app.app_context(), schedule.public_request():
        email = outbox.queue_email(
            db.session.get(User, user_id), kind, key, "test_email", lambda: "Something happened", {"what": "a test"}
        )
        db.session.commit()
        return email.id if email else None


@pytest.fixture(autouse=True)
def test_template(app):
    """A small email template of the test's own, in both forms."""
    from jinja2 import ChoiceLoader, DictLoader

    app.jinja_loader  # noqa: B018 (built before it is wrapped)
    app.jinja_env.loader = ChoiceLoader(
        [
            DictLoader(
                {
                    "emails/test_email.txt": "Hello, {{ what }}.\n{% include 'emails/_footer.txt' %}",
                    "emails/test_email.html": HTML_EMAIL,
                }
            ),
            app.jinja_env.loader,
        ]
    )


def statuses(app) -> list[tuple[str, int]]:
    with app.app_context():
        return [(e.status, e.attempts) for e in db.session.scalars(select(OutgoingEmail).order_by(OutgoingEmail.id))]


def test_an_email_is_written_once_and_sent_with_both_parts_and_unsubscribe_headers(app, make, mail_server):
    inbox = mail_server.inbox
    intern = make.user(email="ana@example.org", locale="es")
    assert write(app, intern.id) is not None
    assert write(app, intern.id) is None  # the same email again: not written twice
    with app.app_context():
        assert outbox.deliver_due(NOON + timedelta(days=400)) == {"sent": 1}
        assert outbox.deliver_due(NOON + timedelta(days=400)) == {}
    assert len(inbox.messages) == 1
    message = message_from_bytes(inbox.messages[0].content, policy=policy.default)
    assert inbox.messages[0].rcpt_tos == ["ana@example.org"]
    assert message["Subject"] == "Something happened"
    assert message["List-Unsubscribe"].startswith("<http://127.0.0.1:5000/email/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Hello, a test." in text and "<p>Hello, a test.</p>" in html
    assert "Para dejar de recibir estos correos" in text  # the footer in the recipient's language
    assert statuses(app) == [("sent", 1)]


def test_a_kind_the_person_turned_off_is_not_written(app, make):
    from journal.emails import preferences

    intern = make.user()
    with app.app_context():
        preferences.turn_off(db.session.get(User, intern.id), "comment")
        db.session.commit()
    assert write(app, intern.id) is None
    assert write(app, intern.id, "test:2", kind="reminder") is not None


def test_a_mail_server_that_is_down_is_retried_later_and_then_the_email_goes(app, make, mail_server):
    inbox = mail_server.inbox
    intern = make.user()
    write(app, intern.id)
    mail_server.stop()  # the mail server goes down
    with app.app_context():
        assert outbox.deliver_due(NOON) == {"retry": 1}
        assert outbox.deliver_due(NOON + timedelta(seconds=30)) == {}  # waits a minute before the next try
        assert outbox.deliver_due(NOON + timedelta(minutes=1)) == {"retry": 1}
        waiting = db.session.scalar(select(OutgoingEmail))
        assert waiting.next_attempt_at == NOON + timedelta(minutes=3)  # then two minutes
        assert waiting.last_error.startswith("ConnectionRefusedError")
    mail_server.start()  # and comes back
    with app.app_context():
        assert outbox.deliver_due(NOON + timedelta(minutes=3)) == {"sent": 1}
    assert len(inbox.messages) == 1 and statuses(app) == [("sent", 3)]


def test_an_email_that_never_goes_is_marked_failed_after_the_last_attempt(app, make, mail_server):
    intern = make.user()
    write(app, intern.id)
    mail_server.stop()
    now = NOON
    with app.app_context():
        for _ in range(outbox.MAX_ATTEMPTS):
            outbox.deliver_due(now)
            now += outbox.LONGEST_WAIT
    assert statuses(app) == [("failed", outbox.MAX_ATTEMPTS)]


def test_senders_at_the_same_moment_send_each_email_once(app, make, mail_server):
    inbox = mail_server.inbox
    intern = make.user()
    for number in range(6):
        write(app, intern.id, f"test:{number}")
    at_the_same_moment(app, [lambda: outbox.deliver_due(NOON + timedelta(days=400))] * 3)
    assert len(inbox.messages) == 6
    assert statuses(app) == [("sent", 1)] * 6


def test_an_email_whose_sender_died_is_given_back_after_the_claim_times_out(app, make, mail_server):
    inbox = mail_server.inbox
    intern = make.user()
    email_id = write(app, intern.id)
    with app.app_context():
        assert outbox._claim(email_id, NOON)  # a sender took it, then its process was killed
        assert outbox.deliver_due(NOON + timedelta(minutes=5)) == {}
        assert outbox.deliver_due(NOON + outbox.CLAIM_TIMEOUT + timedelta(seconds=1)) == {"sent": 1}
    assert len(inbox.messages) == 1


def test_without_a_mail_server_emails_are_marked_skipped(app, make):
    intern = make.user()
    write(app, intern.id)
    app.config["MAIL_SERVER"] = None
    with app.app_context():
        assert outbox.deliver_due(NOON) == {"skipped": 1}
    assert statuses(app) == [("skipped", 1)]


def test_an_email_holding_a_one_time_link_is_erased_from_the_outbox_once_sent(app, make, mail_server):
    intern = make.user()
    write(app, intern.id, "password_reset:1", kind="password_reset")
    with app.app_context():
        assert outbox.deliver_due(NOON + timedelta(days=400)) == {"sent": 1}
        email = db.session.scalar(select(OutgoingEmail))
        assert email.body_text == email.body_html == outbox.ERASED
    assert "Hello, a test." in mail_server.inbox.messages[0].content.decode()


def test_a_mail_server_that_never_answers_is_given_up_on_after_the_timeout(app, make):
    """It accepts the connection and says nothing: the attempt ends after MAIL_TIMEOUT, to be retried."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    app.extensions["mail"].port = silent.getsockname()[1]
    app.config["MAIL_TIMEOUT"] = 0.5
    intern = make.user()
    write(app, intern.id)
    try:
        with app.app_context():
            assert outbox.deliver_due(NOON + timedelta(days=400)) == {"retry": 1}
            assert "timed out" in db.session.scalar(select(OutgoingEmail.last_error))
    finally:
        silent.close()
