"""A cohort's interns are told whenever someone becomes a supervisor or reviewer there: added with an
existing account, by a role change, or by accepting an invitation. Nobody else is told, and a new
intern is announced to nobody."""

import pytest
from sqlalchemy import select

from journal.models import Membership, Notification


@pytest.fixture
def cohort_of_two(make):
    """A cohort with two interns and a supervisor, and another cohort with an intern of its own."""
    cohort = make.cohort(name="Moshi spring")
    interns = [make.member(cohort, "intern", name=name) for name in ("Amira Haddad", "Lukas Becker")]
    supervisor = make.member(cohort, "supervisor", name="Dr Mwangi")
    elsewhere = make.member(make.cohort(), "intern")
    return cohort, interns, supervisor, elsewhere


@pytest.fixture
def coordinator(make, auth):
    found = make.admin(name="Cara Coordinator")
    auth.login(found.email)
    return found


def told(query):
    """(recipient, kind, the person announced, cohort) for every notification, by recipient."""
    return query(
        lambda s: [
            (n.user_id, n.kind, n.actor_id, n.cohort_id)
            for n in s.scalars(select(Notification).order_by(Notification.user_id, Notification.id))
        ]
    )


def test_adding_an_existing_account_as_supervisor_tells_each_intern(client, coordinator, make, query, cohort_of_two):
    cohort, interns, _, _ = cohort_of_two
    newcomer = make.user(email="lee@example.org", name="Dr Lee")
    client.post(f"/cohorts/{cohort.id}/invite", data={"email": "lee@example.org", "role": "supervisor"})
    assert told(query) == [(intern.id, "supervisor_added", newcomer.id, cohort.id) for intern in interns]


def test_a_coordinator_adding_themselves_is_announced_like_anyone(client, coordinator, query, cohort_of_two):
    cohort, interns, _, _ = cohort_of_two
    client.post(f"/cohorts/{cohort.id}/invite", data={"email": coordinator.email, "role": "supervisor"})
    assert told(query) == [(intern.id, "supervisor_added", coordinator.id, cohort.id) for intern in interns]


def test_the_message_names_the_new_supervisor_and_opens_the_journal(
    client, coordinator, make, query, auth, cohort_of_two
):
    cohort, interns, _, _ = cohort_of_two
    make.user(email="lee@example.org", name="Dr Lee")
    client.post(f"/cohorts/{cohort.id}/invite", data={"email": "lee@example.org", "role": "supervisor"})
    auth.logout()
    auth.login(interns[0].email)
    html = client.get("/notifications/").get_data(as_text=True)
    assert (
        "Dr Lee is now a supervisor of Moshi spring: they can read the entries you have shared, "
        "and will share, with supervisors or with the cohort"
    ) in html
    note = query(lambda s: s.scalar(select(Notification.id).where(Notification.user_id == interns[0].id)))
    opened = client.get(f"/notifications/{note}")
    assert opened.headers["Location"] == f"/journal/{cohort.id}/"


def test_a_new_reviewer_is_announced_as_receiving_portfolios(client, coordinator, make, auth, cohort_of_two):
    cohort, interns, _, _ = cohort_of_two
    make.user(email="registrar@example.org", name="Ms Registrar")
    client.post(f"/cohorts/{cohort.id}/invite", data={"email": "registrar@example.org", "role": "reviewer"})
    auth.logout()
    auth.login(interns[1].email)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "Ms Registrar is now a university reviewer of Moshi spring: they receive the portfolios you submit" in html


def test_a_new_intern_is_announced_to_nobody(client, coordinator, make, query, cohort_of_two):
    cohort, _, _, _ = cohort_of_two
    make.user(email="fellow@example.org")
    client.post(f"/cohorts/{cohort.id}/invite", data={"email": "fellow@example.org", "role": "intern"})
    assert told(query) == []


def test_a_role_change_to_supervisor_tells_the_interns(client, coordinator, make, query, cohort_of_two):
    cohort, interns, _, _ = cohort_of_two
    reviewer = make.member(cohort, "reviewer")
    membership = query(lambda s: s.scalar(select(Membership.id).where(Membership.user_id == reviewer.id)))
    client.post(f"/cohorts/{cohort.id}/members/{membership}/role", data={"role": "supervisor"})
    assert told(query) == [(intern.id, "supervisor_added", reviewer.id, cohort.id) for intern in interns]


def test_an_intern_made_supervisor_is_not_told_about_themselves(client, coordinator, query, cohort_of_two):
    cohort, interns, _, _ = cohort_of_two
    membership = query(lambda s: s.scalar(select(Membership.id).where(Membership.user_id == interns[1].id)))
    client.post(f"/cohorts/{cohort.id}/members/{membership}/role", data={"role": "supervisor"})
    assert told(query) == [(interns[0].id, "supervisor_added", interns[1].id, cohort.id)]


def test_accepting_an_invitation_as_supervisor_tells_the_interns(client, make, query, cohort_of_two):
    cohort, interns, _, _ = cohort_of_two
    _, token = make.invitation(cohort, email="nadia@example.org", role="supervisor")
    password = "a long enough password"
    client.post(f"/invitations/{token}", data={"display_name": "Nadia", "password": password, "confirm": password})
    nadia = query(
        lambda s: s.scalar(
            select(Membership.user_id)
            .where(Membership.cohort_id == cohort.id, Membership.role == "supervisor")
            .order_by(Membership.id.desc())
        )
    )
    assert told(query) == [(intern.id, "supervisor_added", nadia, cohort.id) for intern in interns]
