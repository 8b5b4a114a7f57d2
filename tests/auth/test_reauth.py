"""The password again within the last 10 minutes before downloading all of one's data or
submitting a portfolio (deleting the account is tested with its page)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from journal.models import AuditEvent, Submission, UserSession
from journal.models.types import utcnow
from tests.factories import PASSWORD


def _password_typed(query, minutes_ago):
    def age(session):
        session.execute(update(UserSession).values(password_confirmed_at=utcnow() - timedelta(minutes=minutes_ago)))
        session.commit()

    query(age)


@pytest.fixture
def intern(make, client, auth):
    cohort = make.cohort()
    person = make.member(cohort, "intern")
    make.entry(person, cohort, title="Ward round")
    auth.login(person.email)
    return person, cohort


def test_a_fresh_login_downloads_at_once(client, intern, query):
    person, cohort = intern
    response = client.get(f"/journal/{cohort.id}/export")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    event = query(lambda s: s.scalar(select(AuditEvent).where(AuditEvent.action == "data.downloaded")))
    assert (event.actor_id, event.object_id, event.cohort_id) == (person.id, person.id, cohort.id)


def test_after_ten_minutes_the_download_asks_for_the_password_first(client, intern, query):
    person, cohort = intern
    _password_typed(query, 9)
    assert client.get(f"/journal/{cohort.id}/export").status_code == 200
    _password_typed(query, 11)
    asked = client.get(f"/journal/{cohort.id}/export")
    assert asked.status_code == 302
    # Confirming leads to the page that says the download started (and starts it), not back to the form.
    assert asked.headers["Location"] == f"/confirm-password?next=/account/download/{cohort.id}"
    wrong = client.post(asked.headers["Location"], data={"password": "not the password at all"})
    assert wrong.status_code == 200 and "That password is not correct." in wrong.get_data(as_text=True)
    failed = query(lambda s: s.scalar(select(AuditEvent.details).where(AuditEvent.action == "login.failed")))
    assert failed == {"stage": "confirm"}
    right = client.post(asked.headers["Location"], data={"password": PASSWORD})
    assert right.headers["Location"] == f"/account/download/{cohort.id}"
    assert client.get(f"/journal/{cohort.id}/export").mimetype == "application/zip"


def test_someone_else_gets_404_not_a_password_prompt(client, make, auth, intern, query):
    _, cohort = intern
    auth.logout()
    other = make.member(make.cohort(), "intern")
    auth.login(other.email)
    _password_typed(query, 11)
    assert client.get(f"/journal/{cohort.id}/export").status_code == 404


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_the_confirmation_only_returns_to_this_site(client, intern, target):
    response = client.post(f"/confirm-password?next={target}", data={"password": PASSWORD})
    assert response.headers["Location"] == "/account"


def test_submitting_a_portfolio_asks_for_the_password_inline_and_keeps_the_choice(client, make, intern, query):
    person, cohort = intern
    entry = make.entry(person, cohort, title="Chosen entry")
    choice = f"{entry.id}:{entry.version}"
    preview = client.post(f"/portfolio/{cohort.id}/new", data={"entries": [choice]}).get_data(as_text=True)
    assert 'name="password"' not in preview  # typed at login a moment ago

    _password_typed(query, 11)
    preview = client.post(f"/portfolio/{cohort.id}/new", data={"entries": [choice]}).get_data(as_text=True)
    assert 'name="password"' in preview
    refused = client.post(f"/portfolio/{cohort.id}/submit", data={"entries": [choice], "confirm": "y"})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "That password is not correct." in body
    assert f'name="entries" value="{choice}"' in body
    assert query(lambda s: s.scalar(select(func.count()).select_from(Submission))) == 0

    done = client.post(
        f"/portfolio/{cohort.id}/submit", data={"entries": [choice], "confirm": "y", "password": PASSWORD}
    )
    assert done.status_code == 302
    assert query(lambda s: s.scalar(select(func.count()).select_from(Submission))) == 1
