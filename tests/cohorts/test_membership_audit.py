"""Every change of who belongs to a cohort is an audit event of that cohort: who did it, to whom, in
which role; the coordinator's audit page shows and filters them; no event holds an invitation's secret.

The case behind issue #12: a coordinator who makes themselves a supervisor, reads what interns
shared with supervisors and leaves the cohort again is in the log, each step.
"""

import io
import json
import re

import pytest
from sqlalchemy import select

from journal.models import AuditEvent, Invitation, Membership
from tests.cohorts.test_audit_log import rows
from tests.html import one


@pytest.fixture
def coordinator(make, auth):
    found = make.admin(name="Cara Coordinator")
    auth.login(found.email)
    return found


def events(query, cohort_id=None):
    """The audit events (of the cohort, when given) as tuples, oldest first."""

    def read(session):
        stmt = select(AuditEvent).order_by(AuditEvent.id)
        if cohort_id is not None:
            stmt = stmt.where(AuditEvent.cohort_id == cohort_id)
        return [(e.action, e.actor_id, e.object_type, e.object_id, e.details) for e in session.scalars(stmt)]

    return query(read)


def link_token(html: str) -> str:
    """The token in the one invitation link the page shows to copy."""
    return one(html, "ul.invite-links input.copy-source")["value"].split("http://localhost/invitations/")[1]


def membership_of(query, user, cohort):
    return query(
        lambda s: s.scalar(select(Membership).where(Membership.user_id == user.id, Membership.cohort_id == cohort.id))
    )


def test_a_coordinator_making_themselves_a_supervisor_leaves_a_trace_at_every_step(client, coordinator, make, query):
    cohort = make.cohort(name="Moshi spring")
    intern = make.member(cohort, "intern", name="Amira Haddad")
    shared = make.entry(intern, cohort, visibility="supervisors", title="Shared with supervisors")
    private = make.entry(intern, cohort, visibility="private", title="Kept private")

    response = client.post(f"/cohorts/{cohort.id}/invite", data={"email": coordinator.email, "role": "supervisor"})
    assert response.status_code == 200
    assert client.get(f"/entries/{shared.id}").status_code == 200
    assert client.get(f"/entries/{private.id}").status_code == 404
    membership = membership_of(query, coordinator, cohort)
    assert client.post(f"/cohorts/{cohort.id}/members/{membership.id}/remove").status_code == 302

    assert events(query, cohort.id) == [
        ("member.added", coordinator.id, "user", coordinator.id, {"role": "supervisor", "source": "form"}),
        ("member.removed", coordinator.id, "user", coordinator.id, {"role": "supervisor"}),
    ]
    found = rows(client.get(f"/cohorts/{cohort.id}/audit").get_data(as_text=True))
    assert "Cara Coordinator Removed from the cohort Person: Cara Coordinator (themselves) Role Supervisor" in found[0]
    assert "Cara Coordinator Added to the cohort Person: Cara Coordinator (themselves)" in found[1]
    assert "Role Supervisor Through The invite form" in found[1]


def test_inviting_someone_without_an_account_is_recorded_without_the_link(client, coordinator, make, query):
    cohort = make.cohort()
    html = client.post(
        f"/cohorts/{cohort.id}/invite", data={"email": "New.Person@example.org", "role": "reviewer"}
    ).get_data(as_text=True)
    invitation = query(lambda s: s.scalar(select(Invitation)))
    assert events(query, cohort.id) == [
        ("member.invited", coordinator.id, "invitation", invitation.id, {"role": "reviewer", "source": "form"})
    ]
    stored = json.dumps(events(query))
    assert link_token(html) not in stored and invitation.token_hash not in stored
    found = rows(client.get(f"/cohorts/{cohort.id}/audit").get_data(as_text=True))
    assert found[0].endswith(
        "Cara Coordinator Invited to the cohort Invitation: new.person@example.org Role University reviewer "
        "Through The invite form"
    )


def test_accepting_an_invitation_is_recorded_as_the_new_member_joining(client, make, query, auth):
    cohort = make.cohort()
    invitation, token = make.invitation(cohort, email="nadia@example.org", role="supervisor")
    password = "a long enough password"
    response = client.post(
        f"/invitations/{token}", data={"display_name": "Nadia Rahman", "password": password, "confirm": password}
    )
    assert response.status_code == 302
    nadia = query(lambda s: s.scalar(select(Membership.user_id).where(Membership.cohort_id == cohort.id)))
    assert events(query, cohort.id) == [
        ("member.joined", nadia, "user", nadia, {"role": "supervisor", "invitation_id": invitation.id})
    ]
    auth.logout()
    auth.login(make.admin().email)
    found = rows(client.get(f"/cohorts/{cohort.id}/audit").get_data(as_text=True))
    assert (
        "Nadia Rahman Joined the cohort by invitation Person: Nadia Rahman (themselves) "
        f"Role Supervisor Invitation #{invitation.id}"
    ) in found[0]


def test_a_roster_import_records_each_person_and_the_import(client, coordinator, make, query):
    cohort = make.cohort()
    known = make.user(email="known@example.org", name="Dr Known")
    roster = "email,name,role\nknown@example.org,Dr Known,supervisor\nnew@example.org,New Intern,intern\n"
    response = client.post(
        f"/cohorts/{cohort.id}/roster",
        data={"roster": (io.BytesIO(roster.encode()), "roster.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    invitation = query(lambda s: s.scalar(select(Invitation)))
    assert events(query, cohort.id) == [
        ("member.added", coordinator.id, "user", known.id, {"role": "supervisor", "source": "roster"}),
        ("member.invited", coordinator.id, "invitation", invitation.id, {"role": "intern", "source": "roster"}),
        ("roster.imported", coordinator.id, "cohort", cohort.id, {"added": 1, "invited": 1}),
    ]
    assert link_token(response.get_data(as_text=True)) not in json.dumps(events(query))


def test_a_role_change_records_the_role_before_and_after(client, coordinator, make, query):
    cohort = make.cohort()
    person = make.member(cohort, "reviewer", name="Dr Lee")
    membership = membership_of(query, person, cohort)
    page = client.get(f"/cohorts/{cohort.id}/members/{membership.id}/role").get_data(as_text=True)
    assert "<h1>Change the role of Dr Lee</h1>" in page
    assert "is a <strong>university reviewer</strong> in this cohort." in page
    assert "they can read submitted portfolios only." not in page
    assert "they can read the entries interns share with supervisors or with the cohort" in page
    response = client.post(f"/cohorts/{cohort.id}/members/{membership.id}/role", data={"role": "supervisor"})
    assert response.status_code == 302
    assert membership_of(query, person, cohort).role == "supervisor"
    assert events(query, cohort.id) == [
        (
            "member.role_changed",
            coordinator.id,
            "user",
            person.id,
            {"previous_role": "reviewer", "role": "supervisor"},
        )
    ]
    found = rows(client.get(f"/cohorts/{cohort.id}/audit").get_data(as_text=True))
    assert "Role in the cohort changed Person: Dr Lee From University reviewer To Supervisor" in found[0]


def test_choosing_the_same_role_changes_and_records_nothing(client, coordinator, make, query):
    cohort = make.cohort()
    person = make.member(cohort, "supervisor")
    membership = membership_of(query, person, cohort)
    response = client.post(f"/cohorts/{cohort.id}/members/{membership.id}/role", data={"role": "supervisor"})
    assert response.status_code == 302
    assert events(query, cohort.id) == []


def test_an_intern_who_keeps_a_journal_stays_an_intern(client, coordinator, make, query):
    cohort = make.cohort()
    intern = make.member(cohort, "intern", name="Amira Haddad")
    make.entry(intern, cohort)
    membership = membership_of(query, intern, cohort)
    response = client.post(f"/cohorts/{cohort.id}/members/{membership.id}/role", data={"role": "supervisor"})
    assert response.status_code == 422
    assert "Amira Haddad keeps a journal in this cohort (1 entry), so they stay an intern." in response.get_data(
        as_text=True
    )
    assert membership_of(query, intern, cohort).role == "intern"
    assert events(query, cohort.id) == []


def test_a_removal_names_the_role_that_ended(client, coordinator, make, query):
    cohort = make.cohort()
    person = make.member(cohort, "reviewer")
    membership = membership_of(query, person, cohort)
    assert client.post(f"/cohorts/{cohort.id}/members/{membership.id}/remove").status_code == 302
    assert membership_of(query, person, cohort) is None
    assert events(query, cohort.id) == [("member.removed", coordinator.id, "user", person.id, {"role": "reviewer"})]


def test_renewing_and_cancelling_an_invitation_are_recorded_without_the_link(client, coordinator, make, query):
    cohort = make.cohort()
    invitation, _ = make.invitation(cohort, role="supervisor")
    html = client.post(f"/cohorts/{cohort.id}/invitations/{invitation.id}/renew").get_data(as_text=True)
    assert client.post(f"/cohorts/{cohort.id}/invitations/{invitation.id}/revoke").status_code == 302
    assert events(query, cohort.id) == [
        ("invitation.renewed", coordinator.id, "invitation", invitation.id, {"role": "supervisor"}),
        ("invitation.revoked", coordinator.id, "invitation", invitation.id, {"role": "supervisor"}),
    ]
    assert link_token(html) not in json.dumps(events(query))


def test_the_log_filters_membership_changes_by_action_and_by_the_person_concerned(client, coordinator, make, query):
    cohort = make.cohort()
    lee = make.user(email="lee@example.org", name="Dr Lee")
    make.user(email="ode@example.org", name="Dr Ode")
    for email in ("lee@example.org", "ode@example.org"):
        client.post(f"/cohorts/{cohort.id}/invite", data={"email": email, "role": "supervisor"})
    client.post(f"/cohorts/{cohort.id}/invite", data={"email": "new@example.org", "role": "intern"})

    html = client.get(f"/cohorts/{cohort.id}/audit").get_data(as_text=True)
    assert '<option value="member.added" >Added to the cohort</option>' in html
    assert f'<option value="{lee.id}" >Dr Lee</option>' in html
    added = rows(client.get(f"/cohorts/{cohort.id}/audit?action=member.added").get_data(as_text=True))
    assert [re.search(r"Person: (Dr \w+)", row).group(1) for row in added] == ["Dr Ode", "Dr Lee"]
    about_lee = rows(client.get(f"/cohorts/{cohort.id}/audit?person={lee.id}").get_data(as_text=True))
    assert len(about_lee) == 1 and "Added to the cohort Person: Dr Lee" in about_lee[0]


def test_a_reader_who_came_and_went_stays_in_the_log_after_deleting_their_account(client, make, query, auth):
    cohort = make.cohort()
    make.admin(name="Other Coordinator")
    visitor = make.admin(name="Vic Visitor")
    auth.login(visitor.email)
    client.post(f"/cohorts/{cohort.id}/invite", data={"email": visitor.email, "role": "supervisor"})
    membership = membership_of(query, visitor, cohort)
    assert client.post(f"/cohorts/{cohort.id}/members/{membership.id}/remove").status_code == 302
    assert client.post("/account/delete", data={"confirm": "DELETE"}).status_code == 302

    kept = [(action, object_id) for action, _, _, object_id, _ in events(query, cohort.id)]
    assert kept == [("member.added", None), ("member.removed", None)]
    auth.login(make.admin(name="Third Coordinator").email)
    found = rows(client.get(f"/cohorts/{cohort.id}/audit").get_data(as_text=True))
    assert any("Added to the cohort Person: a deleted account" in row for row in found)


def test_choosing_the_role_someone_already_has_changes_nothing_and_says_so(client, coordinator, make, query):
    cohort = make.cohort()
    person = make.member(cohort, "supervisor", name="Dr Lee")
    membership = membership_of(query, person, cohort)
    response = client.post(
        f"/cohorts/{cohort.id}/members/{membership.id}/role", data={"role": "supervisor"}, follow_redirects=True
    )
    assert "Dr Lee is already a supervisor; nothing changed." in response.get_data(as_text=True)
    assert [e for e in events(query, cohort.id) if e[0] == "member.role_changed"] == []
