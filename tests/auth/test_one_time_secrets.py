"""What is used once stays used once when two requests race for it: each is claimed by a
conditional UPDATE, so a request that read the account before the other one wrote loses.

Two application contexts, each with its own database session, stand for two requests: one reads
the account, the other (a context pushed inside it) uses the secret and commits, then the first
goes on with what it read.
"""

import threading
import time

import pyotp
from sqlalchemy import create_engine, func, select, update

from journal.auth import two_factor
from journal.auth.services import AccountError
from journal.extensions import db
from journal.models import RecoveryCode, User
from journal.models.types import utcnow
from tests.locks import another_connection_waits_for_a_lock


def _enrolled(app, make) -> tuple[User, str]:
    """A user with two-factor on (and no time step used yet), and the authenticator's secret."""
    user = make.user()
    secret = two_factor.new_secret()
    with app.test_request_context():
        db.session.execute(update(User).where(User.id == user.id).values(totp_secret=secret, totp_enabled_at=utcnow()))
        two_factor.new_recovery_codes(db.session.get(User, user.id))
        db.session.commit()
    return user, secret


def _step_now(secret: str) -> tuple[int, str]:
    totp = pyotp.TOTP(secret)
    step = int(time.time()) // totp.interval
    return step, totp.generate_otp(step)


def test_an_authenticator_code_accepted_meanwhile_by_another_request_is_refused(app, make):
    user, secret = _enrolled(app, make)
    step, code = _step_now(secret)
    with app.test_request_context():
        read_first = db.session.get(User, user.id)  # no step used yet, as this request sees it
        with app.app_context():  # the other request, with a session of its own
            other = db.session.get(User, user.id)
            assert other is not read_first
            assert two_factor.check_code(other, code) is True
            db.session.commit()
        assert two_factor.check_code(read_first, code) is False
        db.session.commit()
        assert db.session.get(User, user.id).totp_last_step == step


def test_a_setup_confirmed_twice_at_once_turns_on_once_and_keeps_the_codes_shown(app, make):
    user = make.user()
    with app.app_context():
        db.session.execute(update(User).where(User.id == user.id).values(totp_secret=two_factor.new_secret()))
        db.session.commit()
    with app.test_request_context():
        read_first = db.session.get(User, user.id)  # a second click: not on yet, as it sees it
        secret = read_first.totp_secret
        _, code = _step_now(secret)
        with app.app_context():  # the other request, with a session of its own
            shown = two_factor.enable(db.session.get(User, user.id), secret, code)
            db.session.commit()
        try:
            two_factor.enable(read_first, secret, code)
        except AccountError:
            db.session.rollback()
        else:
            raise AssertionError("the setup was turned on twice")
    with app.app_context():
        stored = set(db.session.scalars(select(RecoveryCode.code_hash)))
    # The codes the first confirmation showed are the account's, and no others.
    assert stored == {two_factor._hash(code) for code in shown}


def test_starting_the_setup_again_never_replaces_a_secret_confirmed_meanwhile(app, make):
    user = make.user()
    with app.test_request_context():
        two_factor.start_setup(db.session.get(User, user.id))
        db.session.commit()
    with app.test_request_context():
        read_first = db.session.get(User, user.id)  # another tab's "Turn on": not on yet, as it sees it
        secret = read_first.totp_secret
        with app.app_context():  # the other request, with a session of its own
            two_factor.enable(db.session.get(User, user.id), secret, _step_now(secret)[1])
            db.session.commit()
        assert two_factor.start_setup(read_first) is False
        db.session.commit()
    with app.app_context():
        assert db.session.get(User, user.id).totp_secret == secret  # the phone's secret still works


def test_recovery_codes_renewed_twice_at_once_leave_only_the_set_shown_last(app, make):
    """The first renewal has replaced the codes but not committed when the second begins (a double
    click): the second must wait, then replace the first's codes too, so ten codes stay valid.

    On PostgreSQL the second one is seen waiting for a lock before the first commits. (SQLite's
    writers take turns for whole transactions, so there the second one runs after the first anyway.)
    """
    user, _ = _enrolled(app, make)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    second: list[list[str]] = []
    failed: list[BaseException] = []

    def renew_second() -> None:
        try:
            with app.app_context():
                second.append(two_factor.new_recovery_codes(db.session.get(User, user.id)))
                db.session.commit()
        except BaseException as error:  # seen by the test, not lost in the thread
            failed.append(error)
            raise

    with app.test_request_context():
        two_factor.new_recovery_codes(db.session.get(User, user.id))  # flushed: its writes hold the locks
        renewing = threading.Thread(target=renew_second)
        renewing.start()
        if url.startswith("postgresql"):
            engine = create_engine(url)
            try:
                waited = another_connection_waits_for_a_lock(engine, deadline_seconds=60)
            finally:
                engine.dispose()
            assert waited, f"the second renewal never waited for the first: {failed or 'no error'}"
        db.session.commit()
    renewing.join(timeout=60)
    assert not renewing.is_alive()
    assert not failed
    with app.app_context():
        stored = set(db.session.scalars(select(RecoveryCode.code_hash)))
        assert db.session.scalar(select(func.count(RecoveryCode.id))) == 10
    assert stored == {two_factor._hash(code) for code in second[0]}
