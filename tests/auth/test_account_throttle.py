"""Failed logins counted per account from every address: audited, and locking the account
for the rest of the hour after 100."""

import threading
from datetime import timedelta

from sqlalchemy import func, insert, select, update

from journal.auth import services, throttle
from journal.extensions import db
from journal.models import AuditEvent
from journal.models.types import utcnow
from tests.factories import PASSWORD

# The message is lazy (said in the language of each refused request); these tests read it in English.
LOCKED_MESSAGE = str(throttle.LOCKED_MESSAGE)
LIMIT = 100


def _events(query, action):
    return query(lambda s: s.scalars(select(AuditEvent).where(AuditEvent.action == action)).all())


def _earlier_failures(query, user, count, *, ago=timedelta(minutes=5)):
    """Failures recorded as if they came from other addresses over the last hour."""

    def add(session):
        session.execute(
            insert(AuditEvent),
            [
                {
                    "actor_id": None,
                    "action": "login.failed",
                    "object_type": "user",
                    "object_id": user.id,
                    "details": {"stage": "password"},
                    "created_at": utcnow() - ago,
                }
                for _ in range(count)
            ],
        )
        session.commit()

    query(add)


def test_logins_and_failures_are_audited_without_the_password(client, make, auth, query):
    user = make.user()
    auth.login(user.email, "a wrong password typed here")
    auth.login(user.email)
    failed, succeeded = _events(query, "login.failed"), _events(query, "login.succeeded")
    assert [(e.actor_id, e.object_type, e.object_id, e.details) for e in failed] == [
        (None, "user", user.id, {"stage": "password"})
    ]
    assert [(e.actor_id, e.object_id, e.details) for e in succeeded] == [(user.id, user.id, {"two_factor": False})]
    assert "a wrong password" not in repr([e.details for e in failed + succeeded])


def test_a_failure_for_an_unknown_email_records_nothing(client, auth, query):
    auth.login("nobody@example.org", "a wrong password typed here")
    assert query(lambda s: s.scalar(select(func.count()).select_from(AuditEvent))) == 0


def test_the_hundredth_failure_locks_the_account_even_for_the_right_password(client, make, auth, query):
    user = make.user()
    _earlier_failures(query, user, LIMIT - 1)
    assert _events(query, "login.locked") == []
    body = auth.login(user.email, "one more wrong guess").get_data(as_text=True)
    assert "Email or password is incorrect." in body
    assert [e.object_id for e in _events(query, "login.locked")] == [user.id]

    refused = auth.login(user.email)
    assert refused.status_code == 200 and LOCKED_MESSAGE in refused.get_data(as_text=True)
    assert client.get("/account").status_code == 302
    # Refusals while locked do not extend the lock or log more lockouts.
    assert len(_events(query, "login.failed")) == LIMIT
    assert len(_events(query, "login.locked")) == 1


def test_ninety_nine_failures_do_not_lock(client, make, auth, query):
    user = make.user()
    _earlier_failures(query, user, LIMIT - 1)
    assert auth.login(user.email).status_code == 302


def test_the_lock_lifts_when_the_failures_are_over_an_hour_old(client, make, auth, query):
    user = make.user()
    _earlier_failures(query, user, LIMIT)
    assert LOCKED_MESSAGE in auth.login(user.email).get_data(as_text=True)

    def age(session):
        session.execute(update(AuditEvent).values(created_at=utcnow() - timedelta(minutes=61)))
        session.commit()

    query(age)
    assert auth.login(user.email).status_code == 302


def test_the_lock_is_per_account(client, make, auth, query):
    locked, other = make.user(), make.user()
    _earlier_failures(query, locked, LIMIT)
    assert auth.login(other.email).status_code == 302


def test_a_wrong_current_password_counts_and_the_lock_stops_password_changes(client, make, auth, query):
    user = make.user()
    auth.login(user.email)
    data = {"current_password": "not my password at all", "password": "x" * 20, "confirm": "x" * 20}
    assert client.post("/account/password", data=data).status_code == 200
    assert [e.details for e in _events(query, "login.failed")] == [{"stage": "password_change"}]
    _earlier_failures(query, user, LIMIT)
    data["current_password"] = PASSWORD
    body = client.post("/account/password", data=data).get_data(as_text=True)
    assert LOCKED_MESSAGE in body
    assert _events(query, "password.changed") == []


def test_guesses_sent_at_the_same_moment_are_counted_one_after_the_other(app, make, query):
    """Six wrong passwords and the right one, sent together by threads (as from seven addresses)
    when the account is one failure short of its limit: one more failure is counted, the lockout
    is recorded once, and no attempt past the limit is answered, not even the right password."""
    user = make.user()
    _earlier_failures(query, user, LIMIT - 1)
    guesses = [f"wrong guess number {n}" for n in range(6)] + [PASSWORD]
    barrier = threading.Barrier(len(guesses))
    answers: dict[str, str] = {}

    def attempt(password: str) -> None:
        with app.app_context():
            barrier.wait(timeout=30)
            try:
                services.check_login(user.email, password)
                answers[password] = "logged in"
            except services.AccountError as error:
                answers[password] = str(error)
            db.session.commit()

    threads = [threading.Thread(target=attempt, args=(guess,)) for guess in guesses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(answers) == len(guesses)
    assert len(_events(query, "login.failed")) == LIMIT
    assert len(_events(query, "login.locked")) == 1
    wrong = [answer for answer in answers.values() if answer == "Email or password is incorrect."]
    locked = [answer for answer in answers.values() if answer == LOCKED_MESSAGE]
    assert answers[PASSWORD] in ("logged in", LOCKED_MESSAGE)
    assert len(wrong) <= 1 and len(wrong) + len(locked) + (answers[PASSWORD] == "logged in") == len(guesses)
