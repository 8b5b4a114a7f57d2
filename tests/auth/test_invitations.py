"""Redeeming an invitation: once, within 7 days, with a good password."""

from datetime import timedelta

from sqlalchemy import select

from journal.models import Invitation, Membership, User
from journal.models.types import utcnow


def _accept(client, token, name="New Person", password="a long enough password", confirm=None):
    return client.post(
        f"/invitations/{token}",
        data={"display_name": name, "password": password, "confirm": confirm or password},
    )


def test_invitation_page_shows_cohort_and_role(client, make):
    cohort = make.cohort(name="Moshi spring")
    invitation, token = make.invitation(cohort, role="supervisor")
    body = client.get(f"/invitations/{token}").get_data(as_text=True)
    assert "Join Moshi spring" in body
    assert "supervisor" in body
    assert invitation.email in body


def test_accepting_creates_account_membership_and_logs_in(client, make, query):
    cohort = make.cohort()
    invitation, token = make.invitation(cohort, email="new.intern@example.org", role="intern")
    response = _accept(client, token, name="Nadia Rahman")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/home/{cohort.id}"
    assert "Welcome, Nadia Rahman" in client.get(f"/home/{cohort.id}").get_data(as_text=True)

    def check(session):
        user = session.scalar(select(User).where(User.email == "new.intern@example.org"))
        membership = session.scalar(select(Membership).where(Membership.user_id == user.id))
        stored = session.get(Invitation, invitation.id)
        return user.display_name, membership.role, membership.cohort_id, stored.accepted_at is not None

    assert query(check) == ("Nadia Rahman", "intern", cohort.id, True)


def test_invitation_works_only_once(client, make, auth):
    cohort = make.cohort()
    _, token = make.invitation(cohort)
    assert _accept(client, token).status_code == 302
    auth.logout()
    again = _accept(client, token, password="another long password")
    assert again.status_code == 404
    assert "This invitation link does not work" in again.get_data(as_text=True)
    assert client.get(f"/invitations/{token}").status_code == 404


def test_expired_invitation_is_refused(client, make, query):
    cohort = make.cohort()
    _, token = make.invitation(cohort, expires_in=timedelta(seconds=-1))
    assert client.get(f"/invitations/{token}").status_code == 404
    assert _accept(client, token).status_code == 404
    assert query(lambda s: s.scalar(select(User.id))) is None


def test_invitation_expires_after_seven_days(app, client, make, auth, query):
    admin = make.admin()
    cohort = make.cohort()
    auth.login(admin.email)
    client.post(f"/cohorts/{cohort.id}/invite", data={"email": "later@example.org", "role": "intern"})
    expires = query(lambda s: s.scalar(select(Invitation.expires_at)))
    assert timedelta(days=6, hours=23) < expires - utcnow() <= timedelta(days=7)


def test_unknown_token_is_404(client):
    assert client.get("/invitations/not-a-real-token").status_code == 404


def test_short_password_is_refused_and_name_kept(client, make, query):
    cohort = make.cohort()
    _, token = make.invitation(cohort)
    response = _accept(client, token, name="Kept Name", password="short")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Use at least 12 characters" in body
    assert 'value="Kept Name"' in body
    assert query(lambda s: s.scalar(select(User.id))) is None


def test_mismatched_passwords_are_refused(client, make):
    cohort = make.cohort()
    _, token = make.invitation(cohort)
    body = _accept(client, token, password="a long enough password", confirm="a different password").get_data(
        as_text=True
    )
    assert "The two passwords are not the same." in body


def test_existing_account_joins_with_its_own_password(client, make, query):
    cohort = make.cohort()
    existing = make.user(email="already@example.org")
    invitation, token = make.invitation(cohort, email="already@example.org", role="reviewer")
    assert "There is already an account" in client.get(f"/invitations/{token}").get_data(as_text=True)
    response = client.post(f"/invitations/{token}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    role = query(
        lambda s: s.scalar(
            select(Membership.role).where(Membership.user_id == existing.id, Membership.cohort_id == cohort.id)
        )
    )
    assert role == "reviewer"
    assert query(lambda s: s.get(Invitation, invitation.id).accepted_at) is not None


def test_new_account_starts_in_the_cohorts_time_zone(client, make, query):
    cohort = make.cohort(timezone="America/Lima")
    _, token = make.invitation(cohort, email="lima@example.org")
    _accept(client, token)
    assert query(lambda s: s.scalar(select(User.timezone).where(User.email == "lima@example.org"))) == "America/Lima"


def test_an_invitation_cannot_be_claimed_twice(app, make):
    """Two submissions racing on one link: the second one's claim finds it already used."""
    import pytest

    from journal.auth.services import AccountError, accept_invitation

    cohort = make.cohort()
    _, token = make.invitation(cohort)
    with app.app_context():
        accept_invitation(token, "First", "a long enough password")
        with pytest.raises(AccountError, match="already been used"):
            accept_invitation(token, "Second", "a long enough password")
