"""Password reset by email: the same answer for every address, a link that works once within the hour,
every session ended, throttles, audit, two-factor kept, and no key in any log.

Emails go through the outbox and a background job to a real SMTP server on loopback (``smtp``).
"""

import email
import logging
import re
from datetime import timedelta
from email.policy import default as default_policy
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from journal import jobs, logs
from journal.auth import reset, throttle
from journal.auth.passwords import verify_password
from journal.extensions import db
from journal.models import AuditEvent, OutgoingEmail, PasswordResetToken, User, UserSession
from journal.models.types import utcnow
from journal.schedule import run_due_jobs
from tests import factories
from tests.conftest import Auth, log_in_as, without_csrf_tokens
from tests.emails.conftest import mail_settings, smtp  # noqa: F401 (smtp is a fixture, used by name)
from tests.resilience.client import Person, at_once

NEW_PASSWORD = "a brand new passphrase 42"
SENT = "If an account uses"
LINK = re.compile(r"http://localhost/password/reset/([A-Za-z0-9_-]+)")


@pytest.fixture
def app_config(smtp, request):  # noqa: F811 (the fixture imported above)
    """Emails to the SMTP server on loopback, and the settings a test asks for (``indirect`` parameters)."""
    controller, _ = smtp
    return {**mail_settings(controller.port), **getattr(request, "param", {})}


def ask(client, address: str):
    """Ask for a reset link for ``address`` through the form, and let the sending job finish."""
    response = client.post("/password/forgot", data={"email": address})
    assert jobs.wait_for_jobs(timeout=30)
    return response


def use_link(client, token: str, password: str = NEW_PASSWORD):
    """Send the reset link's form with ``password`` typed twice."""
    return client.post(f"/password/reset/{token}", data={"password": password, "confirm": password})


def messages_to(inbox, address: str) -> list:
    """The emails the SMTP server received for ``address``, parsed."""
    return [
        email.message_from_bytes(envelope.content, policy=default_policy)
        for envelope in inbox.messages
        if envelope.rcpt_tos == [address]
    ]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def emailed_token(inbox, address: str) -> str:
    """The token of the newest reset link sent to ``address``."""
    found = messages_to(inbox, address)
    assert found, f"no email to {address}"
    return LINK.search(text_of(found[-1])).group(1)


def password_hash_of(query, user) -> str:
    return query(lambda s: s.scalar(select(User.password_hash).where(User.id == user.id)))


def actions_on(query, user) -> list[tuple[str, int | None, dict]]:
    return query(
        lambda s: [
            (e.action, e.actor_id, e.details)
            for e in s.scalars(
                select(AuditEvent)
                .where(AuditEvent.object_type == "user", AuditEvent.object_id == user.id)
                .order_by(AuditEvent.id)
            )
        ]
    )


# -- asking --


def test_the_login_page_links_to_the_forgotten_password_form(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'href="/password/forgot"' in page
    assert "Forgot your password?" in page
    assert client.get("/password/forgot").status_code == 200


def test_known_and_unknown_addresses_get_the_same_answer(client, make, query, smtp):  # noqa: F811
    _, inbox = smtp
    user = make.user(email="known@example.org")
    known = ask(client, "known@example.org")
    unknown = ask(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    same_known = without_csrf_tokens(known.get_data(as_text=True)).replace("known@", "ADDRESS@")
    same_unknown = without_csrf_tokens(unknown.get_data(as_text=True)).replace("nobody@", "ADDRESS@")
    assert same_known == same_unknown
    assert SENT in same_known
    # Only the known account got a link and an email.
    assert [m["To"] for m in messages_to(inbox, "known@example.org")] == ["known@example.org"]
    assert messages_to(inbox, "nobody@example.org") == []
    links = query(lambda s: s.execute(select(PasswordResetToken.user_id)).scalars().all())
    assert links == [user.id]


def test_the_email_has_the_link_its_hour_in_the_persons_time_and_no_unsubscribe(client, make, query, smtp):  # noqa: F811
    _, inbox = smtp
    user = make.user(email="kolkata@example.org", timezone="Asia/Kolkata")
    ask(client, "kolkata@example.org")
    (message,) = messages_to(inbox, user.email)
    text = text_of(message)
    html = message.get_body(preferencelist=("html",)).get_content()
    token = LINK.search(text).group(1)
    assert LINK.search(html).group(1) == token
    assert message["Subject"] == "Reset your Intern Journal password"
    assert "List-Unsubscribe" not in message  # one asks for this email: there is nothing to turn off
    expires = query(lambda s: s.scalar(select(PasswordResetToken.expires_at)))
    local = expires.astimezone(ZoneInfo("Asia/Kolkata")).strftime("%H:%M")
    assert f"{local}, Asia/Kolkata time" in text
    assert "once, for one hour" in text
    assert "If you did not ask, ignore this email: your password is unchanged" in text
    # The database keeps only the token's hash.
    stored = query(lambda s: s.scalar(select(PasswordResetToken.token_hash)))
    assert stored != token and token not in stored


def test_an_address_is_matched_whatever_its_case_and_spaces(client, make, smtp):  # noqa: F811
    _, inbox = smtp
    make.user(email="mixed@example.org")
    assert SENT in ask(client, "  Mixed@Example.ORG ").get_data(as_text=True)
    assert len(messages_to(inbox, "mixed@example.org")) == 1


def test_an_empty_address_is_asked_again(client, make):
    response = client.post("/password/forgot", data={"email": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)


# -- using the link --


def test_the_emailed_link_sets_the_new_password_once(client, make, query, smtp, auth):  # noqa: F811
    _, inbox = smtp
    user = make.user()
    ask(client, user.email)
    token = emailed_token(inbox, user.email)
    # Opening the link (twice: a mail scanner, then the person) uses nothing up.
    assert client.get(f"/password/reset/{token}").status_code == 200
    form = client.get(f"/password/reset/{token}")
    assert form.status_code == 200 and "Choose a new password" in form.get_data(as_text=True)
    done = use_link(client, token)
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    assert "Log in with your new password" in client.get("/login").get_data(as_text=True)
    assert verify_password(password_hash_of(query, user), NEW_PASSWORD)
    assert auth.login(user.email, factories.PASSWORD).status_code == 200  # the old one no longer works
    assert auth.login(user.email, NEW_PASSWORD).status_code == 302
    auth.logout()
    # The second use of the link is refused, on GET and on POST, and the password stays.
    again = use_link(client, token, "yet another passphrase")
    assert again.status_code == 404
    page = again.get_data(as_text=True)
    assert "This password-reset link does not work" in page and 'href="/password/forgot"' in page
    assert client.get(f"/password/reset/{token}").status_code == 404
    assert verify_password(password_hash_of(query, user), NEW_PASSWORD)


def test_an_unknown_link_is_a_clear_page_not_an_error(client):
    response = client.get("/password/reset/no-such-token")
    assert response.status_code == 404
    assert "Ask for a new link" in response.get_data(as_text=True)


def test_a_weak_or_mistyped_password_keeps_the_link_open(client, make, query):
    user = make.user()
    _, token = make.password_reset_link(user)
    short = client.post(f"/password/reset/{token}", data={"password": "short", "confirm": "short"})
    assert short.status_code == 200 and "Use at least 12 characters" in short.get_data(as_text=True)
    mistyped = client.post(f"/password/reset/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "!"})
    assert mistyped.status_code == 200 and "The two passwords are not the same." in mistyped.get_data(as_text=True)
    assert query(lambda s: s.scalar(select(PasswordResetToken.used_at))) is None
    assert client.get(f"/password/reset/{token}").status_code == 200


def test_a_link_expires_after_one_hour(app, client, make, query):
    user = make.user()
    link, token = make.password_reset_link(user)
    with app.app_context():
        assert reset.open_link(token, now=utcnow() + timedelta(minutes=59)) is not None
        assert reset.open_link(token, now=utcnow() + timedelta(minutes=61)) is None
        with pytest.raises(reset.ResetLinkError):
            reset.reset_password(token, NEW_PASSWORD, now=utcnow() + timedelta(minutes=61))
        db.session.rollback()
    query(
        lambda s: (
            s.execute(
                update(PasswordResetToken)
                .values(expires_at=utcnow() - timedelta(seconds=1))
                .where(PasswordResetToken.id == link.id)
            ),
            s.commit(),
        )
    )
    assert client.get(f"/password/reset/{token}").status_code == 404
    refused = use_link(client, token)
    assert refused.status_code == 404
    assert password_hash_of(query, user) == factories.PASSWORD_HASH


def test_a_new_link_closes_the_older_one(client, make, query, smtp):  # noqa: F811
    _, inbox = smtp
    user = make.user()
    ask(client, user.email)
    first = emailed_token(inbox, user.email)
    ask(client, user.email)
    second = emailed_token(inbox, user.email)
    assert first != second
    assert client.get(f"/password/reset/{first}").status_code == 404
    assert use_link(client, first).status_code == 404
    assert use_link(client, second).status_code == 302


def test_changing_the_password_closes_open_links(client, make, auth):
    """A link asked for before the owner changed their password (they remembered it) no longer works."""
    user = make.user()
    _, token = make.password_reset_link(user)
    auth.login(user.email)
    changed = client.post(
        "/account/password",
        data={"current_password": factories.PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    auth.logout()
    assert use_link(client, token, "yet another long passphrase").status_code == 404


# -- what a reset does to the account --


def test_a_reset_logs_out_every_session(app, client, make, query):
    user = make.user()
    phone, laptop = app.test_client(), app.test_client()
    log_in_as(phone, user)
    assert Auth(laptop).login(user.email).status_code == 302
    log_in_as(client, user)  # the browser that opens the link is logged in too
    assert phone.get("/account").status_code == laptop.get("/account").status_code == 200
    _, token = make.password_reset_link(user)
    done = use_link(client, token)
    assert done.status_code == 302
    for browser in (phone, laptop, client):
        assert browser.get("/account").headers["Location"].startswith("/login")
    assert query(lambda s: s.scalar(select(func.count(UserSession.id)).where(UserSession.user_id == user.id))) == 0
    events = actions_on(query, user)
    assert ("password.reset", user.id, {"sessions_ended": 3}) in events


@pytest.mark.parametrize("app_config", [{"ACCOUNT_FAILURE_LIMIT": 3}], indirect=True)
def test_a_reset_lifts_a_lockout(client, make, auth):
    user = make.user()
    for _ in range(3):
        auth.login(user.email, "wrong password")
    locked = auth.login(user.email, factories.PASSWORD)
    assert locked.status_code == 200 and "locked" in locked.get_data(as_text=True)
    _, token = make.password_reset_link(user)
    assert use_link(client, token).status_code == 302
    assert auth.login(user.email, NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize("app_config", [{"ACCOUNT_FAILURE_LIMIT": 3}], indirect=True)
def test_a_reset_does_not_forgive_wrong_two_factor_codes(app, client, make, auth):
    """Failed codes still count after a reset: whoever holds the mailbox gets no more guesses at the code."""
    user = make.user()
    with app.app_context():
        for _ in range(3):
            throttle.record_failure(db.session.get(User, user.id), "code")
        db.session.commit()
    _, token = make.password_reset_link(user)
    assert use_link(client, token).status_code == 302
    locked = auth.login(user.email, NEW_PASSWORD)
    assert locked.status_code == 200 and "locked" in locked.get_data(as_text=True)


def test_two_factor_is_still_asked_after_a_reset(app, client, make, auth):
    user = make.user()
    with app.app_context():
        db.session.execute(
            update(User).where(User.id == user.id).values(totp_secret="JBSWY3DPEHPK3PXP", totp_enabled_at=utcnow())
        )
        db.session.commit()
    _, token = make.password_reset_link(user)
    assert use_link(client, token).status_code == 302
    step = auth.login(user.email, NEW_PASSWORD)
    assert step.status_code == 302 and step.headers["Location"] == "/login/code"
    assert client.get("/account").headers["Location"].startswith("/login")  # not logged in before the code


def test_asking_and_resetting_are_audited_without_address_or_token(client, make, query, smtp):  # noqa: F811
    _, inbox = smtp
    user = make.user(email="audited@example.org")
    ask(client, "audited@example.org")
    ask(client, "stranger@example.org")
    token = emailed_token(inbox, user.email)
    use_link(client, token)
    events = actions_on(query, user)
    assert [action for action, _, _ in events] == ["password.reset_requested", "password.reset"]
    assert events[0][1] is None  # whoever asked is not known to be the person
    assert events[1][1] == user.id
    every = query(lambda s: [(e.details, e.object_id) for e in s.scalars(select(AuditEvent))])
    assert len(every) == 2  # nothing for the address without an account
    assert all("@" not in repr(details) and token not in repr(details) for details, _ in every)


# -- throttles --


@pytest.mark.parametrize("app_config", [{"PASSWORD_RESET_ADDRESS_LIMIT": "2 per hour"}], indirect=True)
def test_an_address_asking_too_often_gets_the_same_answer_and_no_more_links(client, make, query, smtp):  # noqa: F811
    _, inbox = smtp
    user = make.user(email="often@example.org")
    answers = [ask(client, address) for address in ("often@example.org", "Often@example.org", " often@example.org")]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert len({without_csrf_tokens(a.get_data(as_text=True)).lower() for a in answers}) <= 2  # the address as typed
    assert all(SENT in a.get_data(as_text=True) for a in answers)
    assert len(messages_to(inbox, user.email)) == 2
    assert query(lambda s: s.scalar(select(func.count(PasswordResetToken.id)))) == 2


@pytest.mark.parametrize("app_config", [{"PASSWORD_RESET_ADDRESS_LIMIT": "100 per hour"}], indirect=True)
def test_an_account_is_sent_three_links_an_hour(client, make, query, smtp):  # noqa: F811
    _, inbox = smtp
    user = make.user(email="account@example.org")
    for _ in range(5):
        assert SENT in ask(client, "account@example.org").get_data(as_text=True)
    assert query(lambda s: s.scalar(select(func.count(PasswordResetToken.id)))) == reset.LINKS_PER_ACCOUNT
    assert query(lambda s: s.scalar(select(func.count(OutgoingEmail.id)))) == reset.LINKS_PER_ACCOUNT
    assert [action for action, _, _ in actions_on(query, user)] == ["password.reset_requested"] * 3


@pytest.mark.parametrize("app_config", [{"PASSWORD_RESET_LIMIT": "2 per minute"}], indirect=True)
def test_a_client_asking_too_often_is_told_to_wait(client, make):
    assert client.post("/password/forgot", data={"email": "a@example.org"}).status_code == 200
    assert client.post("/password/forgot", data={"email": "b@example.org"}).status_code == 200
    assert client.post("/password/forgot", data={"email": "c@example.org"}).status_code == 429
    assert client.get("/password/forgot").status_code == 200  # reading the form is not counted


# -- delivery --


@pytest.mark.parametrize("app_config", [{"JOB_QUEUE": "rq", "REDIS_URL": "redis://127.0.0.1:1/0"}], indirect=True)
def test_when_the_job_queue_is_down_the_scheduler_sends_the_email(app, client, make, query, smtp):  # noqa: F811
    _, inbox = smtp
    user = make.user()
    assert SENT in client.post("/password/forgot", data={"email": user.email}).get_data(as_text=True)
    assert messages_to(inbox, user.email) == []
    with app.app_context():
        run_due_jobs(only=("deliver_emails",))
    assert LINK.search(text_of(messages_to(inbox, user.email)[0]))
    assert query(lambda s: s.scalar(select(OutgoingEmail.status))) == "sent"


def test_no_token_or_password_reaches_the_logs(client, make, smtp, caplog):  # noqa: F811
    _, inbox = smtp
    caplog.set_level(logging.DEBUG)
    user = make.user()
    ask(client, user.email)
    token = emailed_token(inbox, user.email)
    client.get(f"/password/reset/{token}")
    use_link(client, token)
    use_link(client, token)
    # aiosmtpd ("mail.log") is the test's mail server, the recipient's side: it prints what it receives.
    logged = "\n".join(record.getMessage() for record in caplog.records if not record.name.startswith("mail.log"))
    assert token not in logged
    assert NEW_PASSWORD not in logged
    assert logs.redact_address(f"/password/reset/{token}") == "/password/reset/[hidden]"
    assert token not in logs.redact_request_line(f'"POST /password/reset/{token} HTTP/1.1" 302')


# -- through gunicorn, as in production --

AT_ONCE = 6


def test_one_link_sent_by_six_browsers_at_once_resets_the_password_once(app, make, query, servers):
    """Six sessions POST the same link at the same moment to gunicorn's worker processes: exactly one
    sets its password, the others are told the link does not work; the server's log shows neither token
    nor password."""
    server = servers(workers=4)
    server.start()
    user = make.user()
    _, token = make.password_reset_link(user)
    people = [Person(server.url) for _ in range(AT_ONCE)]
    for person in people:
        assert person.get(f"/password/reset/{token}").status == 200  # the form, and its CSRF token
    passwords = [f"{NEW_PASSWORD} number {n}" for n in range(AT_ONCE)]
    replies = at_once(
        [
            lambda person=person, password=password: person.post(
                f"/password/reset/{token}", {"password": password, "confirm": password}
            )
            for person, password in zip(people, passwords, strict=True)
        ]
    )
    statuses = sorted(reply.status for reply in replies)
    assert statuses == [302] + [404] * (AT_ONCE - 1), server.log()[-3000:]
    winner = passwords[[reply.status for reply in replies].index(302)]
    assert verify_password(password_hash_of(query, user), winner)
    assert [action for action, _, _ in actions_on(query, user)] == ["password.reset"]
    log = server.log()  # its error log (the access log's lines go through journal.logs, checked above)
    assert token not in log
    assert not any(password in log for password in passwords)
