"""A one-time code sent by six sessions at the same moment, through gunicorn with several worker
processes, logs exactly one of them in: a recovery code once, an authenticator code's time step once.

Each session logs in with the password first, to reach the code step; then six threads released
together by a barrier send the same code.
"""

import time

import pyotp
import pytest
from sqlalchemy import func, select, update

from journal.auth import two_factor
from journal.extensions import db
from journal.models import AuditEvent, RecoveryCode, User, UserSession
from journal.models.types import utcnow
from tests.factories import PASSWORD
from tests.resilience.client import Person, Reply, at_once

SESSIONS = 6
WORKERS = 4
WRONG_CODE = "That code is not right."


@pytest.fixture
def server(servers):
    """gunicorn with several workers on the test's database."""
    started = servers(workers=WORKERS)
    started.start()
    return started


@pytest.fixture
def enrolled(app, make) -> tuple[User, str, list[str]]:
    """A user with two-factor on: (user, the authenticator's secret, the recovery codes)."""
    user = make.user()
    secret = two_factor.new_secret()
    with app.test_request_context():
        db.session.execute(update(User).where(User.id == user.id).values(totp_secret=secret, totp_enabled_at=utcnow()))
        codes = two_factor.new_recovery_codes(db.session.get(User, user.id))
        db.session.commit()
    return user, secret, codes


def at_the_code_step(base_url: str, email: str) -> list[Person]:
    """Six sessions that have each typed the password and been asked for the code."""
    people = []
    for _ in range(SESSIONS):
        person = Person(base_url)
        assert person.log_in(email, PASSWORD).location.endswith("/login/code")
        assert person.get("/login/code").status == 200  # the code form, and its CSRF token
        people.append(person)
    return people


def send_together(people: list[Person], code: str) -> list[Reply]:
    """Each person POSTs ``code`` from a thread of their own, all released at the same moment."""
    return at_once([lambda person=person: person.post("/login/code", {"code": code}) for person in people])


def assert_one_logged_in(app, server, user: User, replies: list[Reply]) -> None:
    """One reply is the redirect of a login, the other five refuse the code; the database agrees."""
    assert len(replies) == SESSIONS, server.log()[-3000:]
    logged_in = [reply for reply in replies if reply.status == 302]
    refused = [reply for reply in replies if reply.status == 200 and WRONG_CODE in reply.text]
    assert (len(logged_in), len(refused)) == (1, SESSIONS - 1), [reply.status for reply in replies]
    with app.app_context():
        sessions = db.session.scalar(select(func.count(UserSession.id)).where(UserSession.user_id == user.id))
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_type == "user", AuditEvent.object_id == user.id)
        ).all()
    assert sessions == 1
    assert (actions.count("login.succeeded"), actions.count("login.failed")) == (1, SESSIONS - 1)


def test_a_recovery_code_sent_by_six_sessions_at_once_logs_in_one(app, server, enrolled):
    user, _, codes = enrolled
    people = at_the_code_step(server.url, user.email)
    replies = send_together(people, codes[0])
    assert_one_logged_in(app, server, user, replies)
    with app.app_context():
        used = db.session.scalar(select(func.count(RecoveryCode.id)).where(RecoveryCode.used_at.is_not(None)))
    assert used == 1


def test_an_authenticator_code_sent_by_six_sessions_at_once_logs_in_one(app, server, enrolled):
    user, secret, _ = enrolled
    people = at_the_code_step(server.url, user.email)
    code = pyotp.TOTP(secret).at(time.time())
    replies = send_together(people, code)
    assert_one_logged_in(app, server, user, replies)
