"""Two-factor authentication: turning it on with a QR code, logging in with a code or a
recovery code, no replays, turning it off, and a cohort that requires it."""

import re
import time
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select, update

from journal.models import AuditEvent, RecoveryCode, User, UserSession
from journal.models.types import utcnow
from tests.factories import PASSWORD
from tests.html import texts


def _user(query, user):
    return query(lambda s: s.get(User, user.id))


def _code(secret, steps_ahead=0):
    totp = pyotp.TOTP(secret)
    return totp.at(time.time() + steps_ahead * totp.interval)


def _turn_on(client, query, user):
    """Set up two-factor through the pages; return the secret and the recovery codes shown."""
    client.post("/account/two-factor/start")
    page = client.get("/account/two-factor").get_data(as_text=True)
    assert "<svg" in page and 'aria-label="QR code for your authenticator app"' in page
    secret = _user(query, user).totp_secret
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page
    done = client.post("/account/two-factor", data={"code": _code(secret)})
    assert done.status_code == 200
    codes = texts(done.get_data(as_text=True), "ul.recovery-codes code")
    assert codes and all(re.fullmatch(r"[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}", code) for code in codes), codes
    return secret, codes


@pytest.fixture
def enrolled(client, make, auth, query):
    """A user with two-factor on, logged out again."""
    user = make.user()
    auth.login(user.email)
    secret, codes = _turn_on(client, query, user)
    auth.logout()
    return user, secret, codes


def test_turning_on_shows_ten_recovery_codes_once_and_stores_only_hashes(client, make, auth, query):
    user = make.user()
    auth.login(user.email)
    secret, codes = _turn_on(client, query, user)
    assert len(codes) == len(set(codes)) == 10
    stored = query(lambda s: s.scalars(select(RecoveryCode.code_hash)).all())
    assert len(stored) == 10 and not set(codes) & set(stored)
    assert _user(query, user).has_two_factor
    assert query(lambda s: s.scalar(select(AuditEvent.action).where(AuditEvent.action == "two_factor.enabled")))
    page = client.get("/account/security").get_data(as_text=True)
    assert "10 unused recovery codes left." in page
    assert "Turned on two-factor authentication" in page  # in the account's recent activity


def test_a_wrong_first_code_leaves_two_factor_off(client, make, auth, query):
    user = make.user()
    auth.login(user.email)
    client.post("/account/two-factor/start")
    response = client.post("/account/two-factor", data={"code": "000000"})
    assert "That code does not match" in response.get_data(as_text=True)
    assert not _user(query, user).has_two_factor
    assert query(lambda s: s.scalar(select(RecoveryCode))) is None


def test_login_asks_for_the_code_after_the_password(client, enrolled, auth, query):
    user, secret, _ = enrolled
    response = auth.login(user.email)
    assert response.headers["Location"] == "/login/code"
    assert client.get("/account").status_code == 302  # not logged in with the password alone
    wrong = client.post("/login/code", data={"code": "123456"})
    assert "That code is not right" in wrong.get_data(as_text=True)
    right = client.post("/login/code", data={"code": _code(secret, 1)})
    assert right.status_code == 302 and client.get("/account").status_code == 200
    events = query(lambda s: s.execute(select(AuditEvent.action, AuditEvent.details).order_by(AuditEvent.id)).all())
    assert ("login.failed", {"stage": "code"}) in events
    assert events[-1] == ("login.succeeded", {"two_factor": True})


def test_a_code_cannot_be_used_twice(client, enrolled, auth):
    user, secret, _ = enrolled
    code = _code(secret, 1)
    auth.login(user.email)
    assert client.post("/login/code", data={"code": code}).status_code == 302
    auth.logout()
    auth.login(user.email)
    replay = client.post("/login/code", data={"code": code})
    assert replay.status_code == 200 and "That code is not right" in replay.get_data(as_text=True)


def test_a_recovery_code_works_once(client, enrolled, auth):
    user, _, codes = enrolled
    auth.login(user.email)
    assert client.post("/login/code", data={"code": codes[0].upper().replace("-", " ")}).status_code == 302
    auth.logout()
    auth.login(user.email)
    assert client.post("/login/code", data={"code": codes[0]}).status_code == 200
    assert client.post("/login/code", data={"code": codes[1]}).status_code == 302


def test_the_code_step_expires_and_cannot_be_reached_directly(client, enrolled, auth):
    user, secret, _ = enrolled
    assert client.get("/login/code").headers["Location"] == "/login"
    auth.login(user.email)
    with client.session_transaction() as session:
        pending = session["pending_login"]
        pending["at"] -= 301
        session["pending_login"] = pending
    response = client.post("/login/code", data={"code": _code(secret, 1)})
    assert response.headers["Location"] == "/login"
    assert client.get("/account").status_code == 302


def test_the_code_step_keeps_next(client, enrolled):
    user, secret, _ = enrolled
    client.post("/login?next=/account/security", data={"email": user.email, "password": PASSWORD})
    assert client.post("/login/code", data={"code": _code(secret, 1)}).headers["Location"] == "/account/security"


def test_turning_off_needs_the_password_and_a_code(client, enrolled, auth, query):
    user, secret, codes = enrolled
    auth.login(user.email)
    client.post("/login/code", data={"code": codes[0]})
    refused = client.post("/account/two-factor/disable", data={"password": "wrong password!!", "code": codes[1]})
    assert refused.status_code == 422 and "That password is not correct." in refused.get_data(as_text=True)
    assert _user(query, user).has_two_factor
    done = client.post("/account/two-factor/disable", data={"password": PASSWORD, "code": codes[1]})
    assert done.headers["Location"] == "/account/security"
    assert not _user(query, user).has_two_factor
    assert query(lambda s: s.scalar(select(RecoveryCode))) is None


@pytest.fixture
def strict_cohort(make):
    return make.cohort(requires_two_factor=True)


def test_a_cohort_can_require_it_of_supervisors_and_coordinators_only(client, make, auth, strict_cohort):
    supervisor = make.member(strict_cohort, "supervisor")
    intern = make.member(strict_cohort, "intern")
    coordinator = make.admin()
    for person in (supervisor, coordinator):
        auth.login(person.email)
        response = client.get("/")
        assert response.headers["Location"] == "/account/security"
        page = client.get("/account/security").get_data(as_text=True)
        assert "Your programme requires two-factor authentication" in page
        auth.logout()
    auth.login(intern.email)
    assert client.get(f"/home/{strict_cohort.id}").status_code == 200


def test_once_set_up_the_required_user_gets_in_and_cannot_turn_it_off(client, make, auth, query, strict_cohort):
    supervisor = make.member(strict_cohort, "supervisor")
    auth.login(supervisor.email)
    secret, codes = _turn_on(client, query, supervisor)
    assert client.get(f"/home/{strict_cohort.id}").status_code == 200
    client.post("/account/two-factor/disable", data={"password": PASSWORD, "code": codes[0]})
    assert _user(query, supervisor).has_two_factor


def test_a_coordinator_can_require_it_from_the_cohort_form(client, make, auth, query):
    coordinator, cohort = make.admin(), make.cohort()
    auth.login(coordinator.email)
    form = client.get(f"/cohorts/{cohort.id}/edit").get_data(as_text=True)
    assert "Require two-factor authentication" in form
    data = {
        "name": cohort.name,
        "host_site": cohort.host_site,
        "country": cohort.country,
        "start_date": cohort.start_date.isoformat(),
        "end_date": cohort.end_date.isoformat(),
        "timezone": cohort.timezone,
        "inactivity_threshold_days": 3,
        "requires_two_factor": "y",
    }
    assert client.post(f"/cohorts/{cohort.id}/edit", data=data).status_code == 302
    # From the next page on, the coordinator must set it up too.
    assert client.get("/cohorts/").headers["Location"] == "/account/security"


def test_new_recovery_codes_need_a_recent_password(client, enrolled, auth, query):
    user, secret, codes = enrolled
    auth.login(user.email)
    client.post("/login/code", data={"code": codes[0]})
    renewed = client.post("/account/two-factor/recovery-codes")
    new_codes = texts(renewed.get_data(as_text=True), "ul.recovery-codes code")
    assert all(re.fullmatch(r"[0-9a-f-]{14}", code) for code in new_codes), new_codes
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    auth.logout()
    auth.login(user.email)
    assert client.post("/login/code", data={"code": codes[1]}).status_code == 200  # old codes are void


def test_new_recovery_codes_after_the_password_went_stale_come_back_to_the_security_page(client, enrolled, auth, query):
    """The button is a POST to an address that cannot be opened: confirming leads back to its page."""
    user, _, codes = enrolled
    auth.login(user.email)
    client.post("/login/code", data={"code": codes[0]})
    query(
        lambda s: (
            s.execute(update(UserSession).values(password_confirmed_at=utcnow() - timedelta(minutes=30))),
            s.commit(),
        )
    )
    asked = client.post("/account/two-factor/recovery-codes", headers={"Referer": "http://localhost/account/security"})
    assert asked.status_code == 302 and asked.headers["Location"] == "/confirm-password?next=/account/security"
    back = client.post(asked.headers["Location"], data={"password": PASSWORD})
    assert back.status_code == 302 and back.headers["Location"] == "/account/security"
    assert client.get(back.headers["Location"]).status_code == 200
