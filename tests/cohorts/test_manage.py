"""Coordinators create and edit cohorts, invite people and remove memberships."""

from datetime import date

import pytest
from sqlalchemy import func, select

from journal.models import Cohort, Invitation, Membership, User
from tests.html import one

COHORT = {
    "name": "Kathmandu autumn 2026",
    "host_site": "Patan Hospital",
    "country": "Nepal",
    "start_date": "2026-09-01",
    "end_date": "2026-10-26",
    "timezone": "Asia/Kathmandu",
    "inactivity_threshold_days": "4",
}


@pytest.fixture
def admin(make, auth):
    found = make.admin()
    auth.login(found.email)
    return found


def test_index_empty_state(client, admin):
    body = client.get("/cohorts/").get_data(as_text=True)
    assert "No cohorts yet" in body


def test_create_cohort(client, admin, query):
    response = client.post("/cohorts/new", data=COHORT)
    assert response.status_code == 302
    cohort = query(lambda s: s.scalar(select(Cohort)))
    assert response.headers["Location"] == f"/cohorts/{cohort.id}"
    assert (cohort.name, cohort.timezone, cohort.inactivity_threshold_days) == (
        "Kathmandu autumn 2026",
        "Asia/Kathmandu",
        4,
    )
    assert cohort.start_date == date(2026, 9, 1)
    assert "Kathmandu autumn 2026" in client.get("/cohorts/").get_data(as_text=True)


def test_end_before_start_is_refused_and_input_kept(client, admin, query):
    response = client.post("/cohorts/new", data={**COHORT, "end_date": "2026-08-01"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The last day must be on or after the first day." in body
    assert 'value="Patan Hospital"' in body
    assert query(lambda s: s.scalar(select(func.count(Cohort.id)))) == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("inactivity_threshold_days", "0", "Choose a number of days from 1 to 90."),
        ("inactivity_threshold_days", "abc", "Not a valid integer value."),
        ("start_date", "31/02/2026", "Not a valid date value."),
        ("timezone", "Nowhere/City", "Not a valid choice."),
        ("name", "x" * 121, "Field cannot be longer than 120 characters."),
    ],
)
def test_invalid_cohort_fields(client, admin, field, value, message):
    response = client.post("/cohorts/new", data={**COHORT, field: value})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_duplicate_name_is_refused(client, admin, make):
    make.cohort(name="Kathmandu autumn 2026")
    body = client.post("/cohorts/new", data=COHORT).get_data(as_text=True)
    assert "Another cohort already has this name." in body


def test_edit_cohort(client, admin, make, query):
    cohort = make.cohort(name="Before")
    assert 'value="Before"' in client.get(f"/cohorts/{cohort.id}/edit").get_data(as_text=True)
    response = client.post(f"/cohorts/{cohort.id}/edit", data={**COHORT, "name": "After"})
    assert response.status_code == 302
    assert query(lambda s: s.get(Cohort, cohort.id).name) == "After"


def test_edit_keeps_its_own_name(client, admin, make):
    cohort = make.cohort(name="Same")
    assert client.post(f"/cohorts/{cohort.id}/edit", data={**COHORT, "name": "Same"}).status_code == 302


def test_detail_lists_members_with_roles(client, admin, make):
    cohort = make.cohort()
    make.member(cohort, "intern", name="Amira Haddad")
    make.member(cohort, "supervisor", name="Dr Mwangi")
    body = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Amira Haddad" in body and "Dr Mwangi" in body
    assert "Supervisor" in body and "Intern" in body


def test_invite_new_person_shows_link(client, admin, make, query):
    cohort = make.cohort()
    response = client.post(
        f"/cohorts/{cohort.id}/invite", data={"email": "New.Person@Example.org", "role": "supervisor"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "http://localhost/invitations/" in body
    invitation = query(lambda s: s.scalar(select(Invitation)))
    assert (invitation.email, invitation.role, invitation.invited_by_id) == (
        "new.person@example.org",
        "supervisor",
        admin.id,
    )
    token = one(body, "ul.invite-links input.copy-source")["value"].split("http://localhost/invitations/")[1]
    assert token not in invitation.token_hash


def test_invite_existing_user_adds_membership(client, admin, make, query):
    cohort = make.cohort()
    person = make.user(email="known@example.org")
    body = client.post(
        f"/cohorts/{cohort.id}/invite", data={"email": "known@example.org", "role": "reviewer"}
    ).get_data(as_text=True)
    assert "Added to the cohort" in body
    role = query(lambda s: s.scalar(select(Membership.role).where(Membership.user_id == person.id)))
    assert role == "reviewer"
    assert query(lambda s: s.scalar(select(func.count(Invitation.id)))) == 0


def test_invite_existing_member_is_refused(client, admin, make):
    cohort = make.cohort()
    person = make.member(cohort, "intern")
    response = client.post(f"/cohorts/{cohort.id}/invite", data={"email": person.email, "role": "supervisor"})
    assert response.status_code == 422
    assert "already a member of this cohort as intern" in response.get_data(as_text=True)


def test_invite_twice_is_refused(client, admin, make):
    cohort = make.cohort()
    client.post(f"/cohorts/{cohort.id}/invite", data={"email": "twice@example.org", "role": "intern"})
    response = client.post(f"/cohorts/{cohort.id}/invite", data={"email": "twice@example.org", "role": "intern"})
    assert "already has a pending invitation" in response.get_data(as_text=True)


def test_invite_bad_email_keeps_input(client, admin, make):
    cohort = make.cohort()
    response = client.post(
        f"/cohorts/{cohort.id}/invite", data={"email": "not-an-email", "display_name": "Kept", "role": "intern"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Enter an email address" in body
    assert 'value="Kept"' in body


def test_renew_invitation_replaces_the_link(client, admin, make):
    cohort = make.cohort()
    invitation, old_token = make.invitation(cohort)
    body = client.post(f"/cohorts/{cohort.id}/invitations/{invitation.id}/renew").get_data(as_text=True)
    new_token = one(body, "ul.invite-links input.copy-source")["value"].split("http://localhost/invitations/")[1]
    assert new_token != old_token
    assert client.get(f"/invitations/{old_token}").status_code == 404
    assert client.get(f"/invitations/{new_token}").status_code == 200


def test_revoke_invitation(client, admin, make):
    cohort = make.cohort()
    invitation, token = make.invitation(cohort)
    assert client.post(f"/cohorts/{cohort.id}/invitations/{invitation.id}/revoke").status_code == 302
    assert client.get(f"/invitations/{token}").status_code == 404


def test_invitation_of_another_cohort_is_404(client, admin, make):
    cohort, other = make.cohort(), make.cohort()
    invitation, _ = make.invitation(other)
    assert client.post(f"/cohorts/{cohort.id}/invitations/{invitation.id}/revoke").status_code == 404


def test_remove_member_asks_first(client, admin, make, query):
    cohort = make.cohort()
    person = make.member(cohort, "intern", name="Leaving Soon")
    membership_id = query(lambda s: s.scalar(select(Membership.id).where(Membership.user_id == person.id)))
    page = client.get(f"/cohorts/{cohort.id}/members/{membership_id}/remove").get_data(as_text=True)
    assert "Remove Leaving Soon from" in page
    assert query(lambda s: s.get(Membership, membership_id)) is not None
    response = client.post(f"/cohorts/{cohort.id}/members/{membership_id}/remove")
    assert response.status_code == 302
    assert query(lambda s: s.get(Membership, membership_id)) is None
    assert query(lambda s: s.get(User, person.id)) is not None


def test_remove_member_of_another_cohort_is_404(client, admin, make, query):
    cohort, other = make.cohort(), make.cohort()
    person = make.member(other, "intern")
    membership_id = query(lambda s: s.scalar(select(Membership.id).where(Membership.user_id == person.id)))
    assert client.post(f"/cohorts/{cohort.id}/members/{membership_id}/remove").status_code == 404
    assert query(lambda s: s.get(Membership, membership_id)) is not None


def test_missing_cohort_is_404(client, admin):
    assert client.get("/cohorts/999").status_code == 404


def test_reinviting_after_expiry_replaces_the_old_invitation(client, admin, make, query):
    from datetime import timedelta

    cohort = make.cohort()
    old, old_token = make.invitation(cohort, email="late@example.org", expires_in=timedelta(seconds=-1))
    response = client.post(f"/cohorts/{cohort.id}/invite", data={"email": "late@example.org", "role": "intern"})
    assert response.status_code == 200
    assert query(lambda s: s.get(Invitation, old.id).revoked_at) is not None
    assert query(lambda s: s.scalar(select(func.count(Invitation.id)))) == 2


def test_only_one_open_invitation_per_person_even_in_a_race(app, make):
    """The database itself refuses a second open invitation (two coordinators at the same moment)."""
    from sqlalchemy.exc import IntegrityError

    cohort = make.cohort()
    make.invitation(cohort, email="twice@example.org")
    with pytest.raises(IntegrityError):
        make.invitation(cohort, email="twice@example.org")
