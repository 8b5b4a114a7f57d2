"""Asking for sign-off: the request page, every rule with its message, sharing private evidence,
withdrawing, and the notifications and audit events a request writes."""

import pytest
from sqlalchemy import func, select

from journal.competencies import services
from journal.extensions import db
from journal.models import AuditEvent, Cohort, Competency, Entry, Notification, SignOffRequest, User
from tests.conftest import log_in_as


def login(client, user):
    """Act as ``user`` for the following requests."""
    log_in_as(client, user)


@pytest.fixture
def setup(make, client):
    """A cohort with a framework, an intern (logged in), two supervisors and a reviewer."""
    cohort = make.cohort()
    intern = make.member(cohort, "intern", name="Amina Intern")
    supervisors = [make.member(cohort, "supervisor"), make.member(cohort, "supervisor")]
    reviewer = make.member(cohort, "reviewer")
    competencies = make.framework(cohort, competencies=3, required_level=3).competencies
    login(client, intern)
    return cohort, intern, supervisors, reviewer, competencies


def _url(cohort, competency):
    return f"/competencies/{cohort.id}/{competency.id}/request"


def _requests(query):
    return query(lambda s: s.scalar(select(func.count()).select_from(SignOffRequest)))


def test_request_page_shows_the_competency_and_its_evidence(client, make, setup):
    cohort, intern, _, _, (competency, *_) = setup
    shared = make.entry(intern, cohort, visibility="supervisors", title="Vaccination day")
    make.evidence(shared, competency.id)
    page = client.get(_url(cohort, competency)).get_data(as_text=True)
    assert "<h1>Ask for sign-off: C1 Competency 1</h1>" in page
    assert "Acts with indirect supervision" in page  # the required level, in words
    assert "Vaccination day" in page and "Shared with supervisors" in page
    assert '<option selected value="3">3 · Acts with indirect supervision</option>' in page
    assert "Send request" in page


def test_private_evidence_is_offered_for_sharing_and_blocks_the_request(client, make, query, setup):
    cohort, intern, _, _, (competency, *_) = setup
    private = make.entry(intern, cohort, visibility="private", title="Home visit")
    make.evidence(private, competency.id)
    page = client.get(_url(cohort, competency)).get_data(as_text=True)
    assert f'action="/entries/{private.id}/visibility"' in page
    assert f'name="next" value="{_url(cohort, competency)}"' in page
    assert "Share with supervisors" in page
    assert "Send request" not in page and "once every evidence entry is shared" in page

    response = client.post(_url(cohort, competency), data={"level": "3"})
    assert response.status_code == 422
    assert "Supervisors cannot read private evidence" in response.get_data(as_text=True)
    assert "“Home visit”" in response.get_data(as_text=True)
    assert _requests(query) == 0

    shared = client.post(
        f"/entries/{private.id}/visibility", data={"visibility": "supervisors", "next": _url(cohort, competency)}
    )
    assert shared.status_code == 302 and shared.headers["Location"] == _url(cohort, competency)
    assert query(lambda s: s.get(Entry, private.id).visibility) == "supervisors"
    assert client.post(_url(cohort, competency), data={"level": "3"}).status_code == 302
    assert _requests(query) == 1


def test_sharing_goes_through_the_identifier_check(client, make, query, setup):
    cohort, intern, _, _, (competency, *_) = setup
    response = client.post(
        f"/journal/{cohort.id}/new?kind=cultural",
        data={"title": "Ward", "occurred_on": "2026-01-10", "theme": "other", "body": "Mrs Achieng, MRN 00417733."},
    )
    entry_id = int(response.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/entries/{entry_id}/competencies", data={"competencies": [competency.id]})
    shared = client.post(
        f"/entries/{entry_id}/visibility", data={"visibility": "supervisors", "next": _url(cohort, competency)}
    )
    assert f"/entries/{entry_id}?share=supervisors" in shared.headers["Location"]
    assert query(lambda s: s.get(Entry, entry_id).visibility) == "private"


def test_no_evidence_is_refused(client, query, setup):
    cohort, _, _, _, (competency, *_) = setup
    assert "once at least one entry is linked" in client.get(_url(cohort, competency)).get_data(as_text=True)
    response = client.post(_url(cohort, competency), data={"level": "3", "note": "Please"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Link at least one entry as evidence before asking for sign-off." in page
    assert "Please</textarea>" in page  # what was typed is kept
    assert _requests(query) == 0


def test_evidence_in_the_trash_does_not_count(client, make, query, setup):
    cohort, intern, _, _, (competency, *_) = setup
    make.evidence(make.entry(intern, cohort, visibility="supervisors", deleted=True), competency.id)
    assert client.post(_url(cohort, competency), data={"level": "3"}).status_code == 422
    assert _requests(query) == 0


def test_a_second_pending_request_is_refused(client, make, query, setup):
    cohort, intern, _, _, (competency, *_) = setup
    make.evidence(make.entry(intern, cohort, visibility="supervisors"), competency.id)
    assert client.post(_url(cohort, competency), data={"level": "3"}).status_code == 302
    response = client.post(_url(cohort, competency), data={"level": "4"})
    assert response.status_code == 422
    assert "You have already asked for sign-off of this competency" in response.get_data(as_text=True)
    assert _requests(query) == 1


def test_the_unique_index_stops_a_double_click(app, make, query, monkeypatch, setup):
    cohort, intern, _, _, (competency, *_) = setup
    make.evidence(make.entry(intern, cohort, visibility="supervisors"), competency.id)
    make.signoff(intern, cohort, competency.id)
    monkeypatch.setattr(services, "pending_request", lambda *args: None)  # as if both clicks passed the check
    with app.app_context():
        args = (db.session.get(User, intern.id), db.session.get(Cohort, cohort.id))
        with pytest.raises(services.SignOffError, match="already asked"):
            services.request_signoff(*args, db.session.get(Competency, competency.id), 3, "")
        db.session.commit()  # the savepoint rolled back; the session is still usable
    assert _requests(query) == 1


@pytest.mark.parametrize("level", ["9", "0", "", "x"])
def test_a_bad_level_is_refused(client, make, query, setup, level):
    cohort, intern, _, _, (competency, *_) = setup
    make.evidence(make.entry(intern, cohort, visibility="supervisors"), competency.id)
    response = client.post(_url(cohort, competency), data={"level": level})
    assert response.status_code == 422
    assert "Choose a level from 1 to 5." in response.get_data(as_text=True)
    assert _requests(query) == 0


def test_a_long_note_is_refused(client, make, query, setup):
    cohort, intern, _, _, (competency, *_) = setup
    make.evidence(make.entry(intern, cohort, visibility="supervisors"), competency.id)
    response = client.post(_url(cohort, competency), data={"level": "3", "note": "x" * 1001})
    assert response.status_code == 422
    assert "Keep the note to 1000 characters or fewer." in response.get_data(as_text=True)
    assert _requests(query) == 0


def test_the_service_refuses_what_the_form_cannot_catch(app, make, query, setup):
    cohort, intern, _, _, (competency, *_) = setup
    make.evidence(make.entry(intern, cohort, visibility="supervisors"), competency.id)
    foreign = make.framework(competencies=1).competencies[0]
    with app.app_context():
        args = (db.session.get(User, intern.id), db.session.get(Cohort, cohort.id))
        with pytest.raises(services.SignOffError, match="not part of your cohort's framework"):
            services.request_signoff(*args, db.session.get(Competency, foreign.id), 3, "")
        with pytest.raises(services.SignOffError, match="from 1 to 5"):
            services.request_signoff(*args, db.session.get(Competency, competency.id), 6, "")
        with pytest.raises(services.SignOffError, match="1000 characters"):
            services.request_signoff(*args, db.session.get(Competency, competency.id), 3, "x" * 1001)
    assert _requests(query) == 0


def test_a_request_notifies_the_supervisors_and_is_audited(client, make, query, setup):
    cohort, intern, supervisors, reviewer, (competency, *_) = setup
    other_supervisor = make.member(make.cohort(), "supervisor")
    make.evidence(make.entry(intern, cohort, visibility="supervisors"), competency.id)
    note = "I led the vaccination session twice."
    response = client.post(_url(cohort, competency), data={"level": "4", "note": note})
    request_id = int(response.headers["Location"].rsplit("/", 1)[1])

    found = query(lambda s: s.get(SignOffRequest, request_id))
    assert (found.level, found.note, found.status, found.intern_id) == (4, note, "pending", intern.id)
    notified = query(
        lambda s: s.execute(select(Notification.user_id, Notification.kind, Notification.request_id)).all()
    )
    assert sorted(notified) == sorted((s.id, "signoff_requested", request_id) for s in supervisors)
    assert reviewer.id not in {n[0] for n in notified} and other_supervisor.id not in {n[0] for n in notified}
    event = query(lambda s: s.scalar(select(AuditEvent).where(AuditEvent.action == "signoff.requested")))
    assert (event.actor_id, event.object_id, event.cohort_id) == (intern.id, request_id, cohort.id)
    assert event.details == {"competency_id": competency.id, "level": 4}
    assert note not in str(event.details)

    page = client.get(f"/signoffs/{request_id}").get_data(as_text=True)
    assert "Waiting for a decision" in page and "Acts unsupervised" in page and note in page
    assert "Withdraw this request" in page


def test_withdrawing_lets_the_intern_ask_again(client, make, query, setup):
    cohort, intern, _, _, (competency, *_) = setup
    make.evidence(make.entry(intern, cohort, visibility="supervisors"), competency.id)
    pending = make.signoff(intern, cohort, competency.id)
    assert client.post(f"/signoffs/{pending.id}/withdraw").status_code == 302
    assert query(lambda s: s.get(SignOffRequest, pending.id).status) == "withdrawn"
    event = query(lambda s: s.scalar(select(AuditEvent).where(AuditEvent.action == "signoff.withdrawn")))
    assert event.object_id == pending.id and event.actor_id == intern.id
    page = client.get(f"/signoffs/{pending.id}").get_data(as_text=True)
    assert "Withdrawn" in page and "Withdraw this request" not in page
    checklist = client.get(f"/competencies/{cohort.id}/").get_data(as_text=True)
    assert "Evidence linked" in checklist
    assert client.post(_url(cohort, competency), data={"level": "3"}).status_code == 302
    assert _requests(query) == 2


def test_a_decided_request_cannot_be_withdrawn(client, make, query, setup):
    cohort, intern, (supervisor, _), _, (competency, *_) = setup
    decided = make.signoff(intern, cohort, competency.id, status="approved", supervisor=supervisor)
    response = client.post(f"/signoffs/{decided.id}/withdraw", follow_redirects=True)
    assert "can no longer be withdrawn" in response.get_data(as_text=True)
    assert query(lambda s: s.get(SignOffRequest, decided.id).status) == "approved"


def test_a_fellow_intern_cannot_see_or_withdraw_a_request(client, make, query, setup):
    cohort, intern, _, _, (competency, *_) = setup
    pending = make.signoff(intern, cohort, competency.id)
    login(client, make.member(cohort, "intern"))
    assert client.get(f"/signoffs/{pending.id}").status_code == 404
    assert client.post(f"/signoffs/{pending.id}/withdraw").status_code == 404
    assert query(lambda s: s.get(SignOffRequest, pending.id).status) == "pending"
