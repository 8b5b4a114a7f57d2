"""Supervisors' decisions: approve, return, revoke; decisions as final records; two supervisors at
once; who may decide; and the notifications and audit events decisions write."""

import pytest
from sqlalchemy import select

from journal.competencies import services
from journal.extensions import db
from journal.models import AuditEvent, Decision, Notification, SignOffRequest, User
from tests.conftest import log_in_as


def login(client, user):
    """Act as ``user`` for the following requests."""
    log_in_as(client, user)


@pytest.fixture
def world(make, client):
    """A pending request and an approved one, with shared and private evidence; the supervisor logged in."""
    cohort = make.cohort()
    intern = make.member(cohort, "intern", name="Amina Intern")
    supervisor = make.member(cohort, "supervisor", name="Dr Okafor")
    c1, c2, _ = make.framework(cohort, competencies=3).competencies
    shared = make.entry(intern, cohort, visibility="supervisors", title="Vaccination day")
    secret = make.entry(intern, cohort, visibility="private", title="My doubts that night")
    make.evidence(shared, c1.id)
    make.evidence(secret, c1.id)
    pending = make.signoff(intern, cohort, c1.id, level=3, note="I ran the session")
    approved = make.signoff(intern, cohort, c2.id, status="approved", supervisor=supervisor)
    login(client, supervisor)
    return {"cohort": cohort, "intern": intern, "supervisor": supervisor, "pending": pending, "approved": approved}


def _decisions(query, request_id):
    return query(
        lambda s: s.execute(
            select(
                Decision.id,
                Decision.outcome,
                Decision.level,
                Decision.note,
                Decision.decided_by_id,
                Decision.created_at,
            )
            .where(Decision.request_id == request_id)
            .order_by(Decision.id)
        ).all()
    )


def _status(query, request_id):
    return query(lambda s: s.get(SignOffRequest, request_id).status)


def test_the_supervisor_sees_the_request_with_readable_evidence_only(client, world):
    page = client.get(f"/signoffs/{world['pending'].id}").get_data(as_text=True)
    assert "Amina Intern" in page and "I ran the session" in page
    assert "Vaccination day" in page
    assert "My doubts that night" not in page
    assert "1 more evidence entry is private" in page
    assert "Acts with indirect supervision" in page  # the level asked for, in words
    assert '<option selected value="3">3 · Acts with indirect supervision</option>' in page  # approve form default
    assert "Return with feedback" in page and "Revoke" not in page


def test_approving_records_a_decision_tells_the_intern_and_audits(client, query, world):
    request_id = world["pending"].id
    note = "Confident, clear, kind."
    response = client.post(f"/signoffs/{request_id}/approve", data={"approve-level": "4", "approve-note": note})
    assert response.status_code == 302
    assert _status(query, request_id) == "approved"
    [(decision_id, outcome, level, saved_note, decided_by, _)] = _decisions(query, request_id)
    assert (outcome, level, saved_note, decided_by) == ("approved", 4, note, world["supervisor"].id)
    notes = query(lambda s: s.execute(select(Notification.user_id, Notification.kind, Notification.request_id)).all())
    assert notes == [(world["intern"].id, "signoff_decided", request_id)]
    event = query(lambda s: s.scalar(select(AuditEvent).where(AuditEvent.action == "signoff.approved")))
    assert event.actor_id == world["supervisor"].id and event.object_id == request_id
    assert event.details == {"competency_id": world["pending"].competency_id, "decision_id": decision_id, "level": 4}
    assert note not in str(event.details)

    login(client, world["intern"])
    page = client.get(f"/signoffs/{request_id}").get_data(as_text=True)
    assert "Approved</strong> at level" in page and "Acts unsupervised" in page and "Dr Okafor" in page
    checklist = client.get(f"/competencies/{world['cohort'].id}/").get_data(as_text=True)
    assert "Signed off at level 4" in checklist
    messages = client.get("/notifications/").get_data(as_text=True)
    assert "Dr Okafor approved your sign-off request for C1" in messages


def test_returning_needs_feedback_and_keeps_what_was_typed(client, query, world):
    request_id = world["pending"].id
    response = client.post(f"/signoffs/{request_id}/return", data={"return-note": "  "})
    assert response.status_code == 422
    assert "Write the feedback the intern needs." in response.get_data(as_text=True)
    assert _status(query, request_id) == "pending" and _decisions(query, request_id) == []

    long = client.post(f"/signoffs/{request_id}/approve", data={"approve-level": "3", "approve-note": "y" * 1001})
    assert long.status_code == 422
    assert "y" * 1001 + "</textarea>" in long.get_data(as_text=True)
    assert _decisions(query, request_id) == []

    feedback = "Add an entry where you led the consent discussion."
    assert client.post(f"/signoffs/{request_id}/return", data={"return-note": feedback}).status_code == 302
    assert _status(query, request_id) == "returned"
    assert [(d[1], d[2], d[3]) for d in _decisions(query, request_id)] == [("returned", None, feedback)]
    event = query(lambda s: s.scalar(select(AuditEvent).where(AuditEvent.action == "signoff.returned")))
    assert "level" not in event.details and feedback not in str(event.details)
    assert query(lambda s: s.scalar(select(Notification.user_id).where(Notification.kind == "signoff_decided"))) == (
        world["intern"].id
    )
    login(client, world["intern"])
    checklist = client.get(f"/competencies/{world['cohort'].id}/").get_data(as_text=True)
    assert "Returned with feedback" in checklist and feedback in checklist


def test_revoking_needs_a_reason_and_a_confirmation_and_keeps_the_approval(client, query, world):
    request_id = world["approved"].id
    page = client.get(f"/signoffs/{request_id}").get_data(as_text=True)
    assert "Revoke this sign-off" in page and "This cannot be undone." in page
    before = _decisions(query, request_id)

    unconfirmed = client.post(f"/signoffs/{request_id}/revoke", data={"revoke-reason": "Not yet safe alone"})
    assert unconfirmed.status_code == 422
    assert "Tick the box to confirm the revocation." in unconfirmed.get_data(as_text=True)
    assert "Not yet safe alone</textarea>" in unconfirmed.get_data(as_text=True)
    no_reason = client.post(f"/signoffs/{request_id}/revoke", data={"revoke-confirm": "y"})
    assert no_reason.status_code == 422 and "Give the reason" in no_reason.get_data(as_text=True)
    assert _decisions(query, request_id) == before and _status(query, request_id) == "approved"

    data = {"revoke-reason": "Not yet safe alone", "revoke-confirm": "y"}
    assert client.post(f"/signoffs/{request_id}/revoke", data=data).status_code == 302
    after = _decisions(query, request_id)
    assert after[: len(before)] == before  # the approval row is untouched
    assert [(d[1], d[3]) for d in after[len(before) :]] == [("revoked", "Not yet safe alone")]
    assert _status(query, request_id) == "revoked"
    event = query(lambda s: s.scalar(select(AuditEvent).where(AuditEvent.action == "signoff.revoked")))
    assert event.object_id == request_id and "Not yet safe alone" not in str(event.details)

    login(client, world["intern"])
    history = client.get(f"/signoffs/{request_id}").get_data(as_text=True)
    assert history.index("Approved</strong>") < history.index("Revoked</strong>")
    checklist = client.get(f"/competencies/{world['cohort'].id}/").get_data(as_text=True)
    assert "Not yet safe alone" in checklist


def test_only_an_approval_can_be_revoked(client, query, world):
    data = {"revoke-reason": "Wrong", "revoke-confirm": "y"}
    response = client.post(f"/signoffs/{world['pending'].id}/revoke", data=data, follow_redirects=True)
    assert "Only an approved sign-off can be revoked" in response.get_data(as_text=True)
    assert _status(query, world["pending"].id) == "pending" and _decisions(query, world["pending"].id) == []


def test_two_supervisors_deciding_at_once_cannot_both_win(app, make, query, world):
    request_id = world["pending"].id
    colleague = make.member(world["cohort"], "supervisor", name="Dr Banda")
    # Two plain clients: pytest-flask's ``client`` keeps its last request's context pushed,
    # and a second client would then run inside it (as the first user).
    first_client, other_client = app.test_client(), app.test_client()
    login(first_client, world["supervisor"])
    login(other_client, colleague)
    assert first_client.post(f"/signoffs/{request_id}/approve", data={"approve-level": "3"}).status_code == 302
    second = other_client.post(f"/signoffs/{request_id}/return", data={"return-note": "More"}, follow_redirects=True)
    assert "This request was already approved by Dr Okafor." in second.get_data(as_text=True)
    assert [d[1] for d in _decisions(query, request_id)] == ["approved"]
    assert _status(query, request_id) == "approved"


def test_a_stale_request_loses_the_conditional_update(app, query, world):
    """Both supervisors loaded the request while it was pending; only the first UPDATE matches."""
    request_id = world["pending"].id
    with app.app_context():
        stale = db.session.get(SignOffRequest, request_id)
        assert stale.status == "pending"
        with app.app_context():  # the other supervisor, in their own session, decides first
            services.approve(
                db.session.get(SignOffRequest, request_id), db.session.get(User, world["supervisor"].id), 3, ""
            )
            db.session.commit()
        with pytest.raises(services.SignOffError, match="already approved by Dr Okafor"):
            services.return_request(stale, db.session.get(User, world["supervisor"].id), "More")
        db.session.rollback()
    assert [d[1] for d in _decisions(query, request_id)] == ["approved"]


@pytest.mark.parametrize("who", ["other_supervisor", "reviewer", "coordinator", "intern", "fellow_intern"])
def test_who_cannot_decide_gets_404(client, make, query, world, who):
    people = {
        "other_supervisor": lambda: make.member(make.cohort(), "supervisor"),
        "reviewer": lambda: make.member(world["cohort"], "reviewer"),
        "coordinator": lambda: make.admin(),
        "intern": lambda: world["intern"],
        "fellow_intern": lambda: make.member(world["cohort"], "intern"),
    }
    login(client, people[who]())
    pending, approved = world["pending"].id, world["approved"].id
    assert client.post(f"/signoffs/{pending}/approve", data={"approve-level": "3"}).status_code == 404
    assert client.post(f"/signoffs/{pending}/return", data={"return-note": "x"}).status_code == 404
    data = {"revoke-reason": "x", "revoke-confirm": "y"}
    assert client.post(f"/signoffs/{approved}/revoke", data=data).status_code == 404
    assert _decisions(query, pending) == [] and _status(query, approved) == "approved"
    page = client.get(f"/signoffs/{pending}")
    if who == "intern":
        assert page.status_code == 200 and "approve-level" not in page.get_data(as_text=True)
    else:
        assert page.status_code == 404
