"""Building and submitting a portfolio: the intern chooses, previews, confirms; the result is frozen."""

import hashlib
import json

import pytest
from sqlalchemy import func, select

from journal import jobs
from journal.models import AuditEvent, Entry, Submission
from tests.conftest import stored_submission
from tests.html import attributes
from tests.portfolio.conftest import FELLOW_COMMENT, PRIVATE_MARKER, log_in


def _count(query):
    return query(lambda s: s.scalar(select(func.count(Submission.id))))


def test_the_choose_page_lists_every_entry_of_the_intern(client, auth, portfolio, make):
    make.entry(portfolio.fellow, portfolio.cohort, title="Bruno's own entry")
    log_in(auth, portfolio.intern)
    page = client.get(f"/portfolio/{portfolio.cohort.id}/new").get_data(as_text=True)
    for entry in [*portfolio.chosen, portfolio.secret]:
        assert f'value="{entry.id}:{entry.version}"' in page
    assert "Bruno&#39;s own entry" not in page and "Bruno's own entry" not in page


def test_preview_shows_the_readers_and_the_document_and_submits_nothing(client, auth, portfolio, query):
    log_in(auth, portfolio.intern)
    response = client.post(f"/portfolio/{portfolio.cohort.id}/new", data={"entries": portfolio.selection()})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Check your portfolio before submitting" in page
    for name in ("Dr Joseph Mwangi", "Prof. Sarah O&#39;Connor", "Dr Ana Ribeiro"):
        assert name in page
    for entry in portfolio.chosen:
        assert entry.title in page
    assert PRIVATE_MARKER not in page
    assert _count(query) == 0


def test_choosing_nothing_says_what_to_do(client, auth, portfolio):
    log_in(auth, portfolio.intern)
    response = client.post(f"/portfolio/{portfolio.cohort.id}/new", data={})
    assert response.status_code == 422
    assert "Choose at least one entry to include." in response.get_data(as_text=True)


def test_submitting_needs_the_confirmation_and_keeps_the_choice(client, auth, portfolio, query):
    log_in(auth, portfolio.intern)
    response = client.post(f"/portfolio/{portfolio.cohort.id}/submit", data={"entries": portfolio.selection()})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tick the box to confirm who will read your portfolio." in page
    for value in portfolio.selection():
        assert f'name="entries" value="{value}"' in page
    assert _count(query) == 0


def test_submitting_freezes_the_portfolio(app, client, auth, portfolio, query):
    log_in(auth, portfolio.intern)
    response = client.post(
        f"/portfolio/{portfolio.cohort.id}/submit", data={"entries": portfolio.selection(), "confirm": "y"}
    )
    assert response.status_code == 302
    submission = stored_submission(app, query(lambda s: s.scalar(select(Submission.id))))
    assert response.headers["Location"] == f"/submissions/{submission.id}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Its verification code is {submission.code}" in page
    document = json.loads(submission.document)
    assert [e["title"] for e in document["entries"]] == [e.title for e in portfolio.chosen]
    assert document["submission"]["code"] == submission.code
    assert document["submission"]["verify_url"] == f"http://localhost/verify/{submission.code}"
    assert submission.entry_count == 3
    event = query(lambda s: s.scalars(select(AuditEvent).where(AuditEvent.action == "portfolio.submitted")).one())
    assert (event.actor_id, event.object_id, event.cohort_id) == (
        portfolio.intern.id,
        submission.id,
        portfolio.cohort.id,
    )
    assert event.details["code"] == submission.code
    assert "Malaria" not in json.dumps(event.details)


def test_only_the_chosen_entries_and_no_fellow_interns_comments_go_in(submitted, portfolio):
    document = submitted.document
    assert PRIVATE_MARKER not in document
    assert FELLOW_COMMENT not in document
    assert "Well observed. What would you check next time?" in document


def test_an_entry_edited_after_the_preview_is_not_submitted_unseen(client, auth, portfolio, query):
    log_in(auth, portfolio.intern)
    stale = portfolio.selection()
    query(lambda s: (setattr(s.get(Entry, portfolio.clinical.id), "version", 2), s.commit()))
    response = client.post(f"/portfolio/{portfolio.cohort.id}/submit", data={"entries": stale, "confirm": "y"})
    assert response.status_code == 422
    assert "was edited after you looked at the preview" in response.get_data(as_text=True)
    assert _count(query) == 0


def test_someone_elses_entry_cannot_be_slipped_in(client, auth, portfolio, make, query):
    theirs = make.entry(portfolio.fellow, portfolio.cohort, visibility="cohort", title="Bruno's cohort entry")
    log_in(auth, portfolio.intern)
    for values in ([f"{theirs.id}:1"], ["not-an-entry"], [f"{portfolio.secret.id}:1", "999999:1"]):
        response = client.post(f"/portfolio/{portfolio.cohort.id}/submit", data={"entries": values, "confirm": "y"})
        assert response.status_code == 422, values
    assert _count(query) == 0


def test_a_trashed_entry_cannot_go_in(client, auth, portfolio, make, query):
    trashed = make.entry(portfolio.intern, portfolio.cohort, deleted=True)
    log_in(auth, portfolio.intern)
    response = client.post(
        f"/portfolio/{portfolio.cohort.id}/submit", data={"entries": [f"{trashed.id}:1"], "confirm": "y"}
    )
    assert response.status_code == 422
    assert "no longer in your journal" in response.get_data(as_text=True)
    assert _count(query) == 0


def test_a_new_submission_supersedes_and_both_are_kept(app, client, auth, portfolio, submitted, query):
    log_in(auth, portfolio.intern)
    response = client.post(
        f"/portfolio/{portfolio.cohort.id}/submit",
        data={"entries": portfolio.selection([portfolio.clinical]), "confirm": "y"},
    )
    assert response.status_code == 302
    ids = query(lambda s: s.scalars(select(Submission.id).order_by(Submission.id)).all())
    first, second = (stored_submission(app, i) for i in ids)
    assert first.document == submitted.document and first.sha256 == submitted.sha256
    assert json.loads(second.document)["submission"]["supersedes"] == first.code
    page = client.get(f"/portfolio/{portfolio.cohort.id}/").get_data(as_text=True)
    assert page.count("Superseded") == 1 and "Current" in page
    # The next build starts from the latest submission's entries.
    choose = client.get(f"/portfolio/{portfolio.cohort.id}/new").get_data(as_text=True)
    ticked = {value.split(":")[0] for value in attributes(choose, 'input[name="entries"][checked]', "value")}
    assert ticked == {str(portfolio.clinical.id)}


def test_editing_an_entry_later_changes_nothing_submitted(app, portfolio, submitted, query, client, auth):
    log_in(auth, portfolio.intern)
    entry_form = {"title": "Renamed later", "occurred_on": "2026-01-05", "body": "New text", "theme": "family"}
    client.post(f"/entries/{portfolio.cultural.id}/edit", data={**entry_form, "base_version": "1"})
    stored = stored_submission(app, submitted.id)
    assert query(lambda s: s.get(Entry, portfolio.cultural.id).title) == "Renamed later"
    assert stored.document == submitted.document
    assert "Renamed later" not in stored.document


def test_the_intern_page_shows_where_the_requirements_stand(client, auth, portfolio):
    log_in(auth, portfolio.intern)
    page = client.get(f"/portfolio/{portfolio.cohort.id}/").get_data(as_text=True)
    assert "requirements missing" in page
    assert "C2 Competency 2: needs level 3 (acts with indirect supervision), now not signed off" in page
    assert "You have not submitted a portfolio yet." in page


def test_the_pdf_is_rendered_in_the_background_right_after_submitting(app, client, auth, portfolio, query):
    log_in(auth, portfolio.intern)
    client.post(f"/portfolio/{portfolio.cohort.id}/submit", data={"entries": portfolio.selection(), "confirm": "y"})
    assert jobs.wait_for_jobs(timeout=120)
    stored = stored_submission(app, query(lambda s: s.scalar(select(Submission.id))))
    assert stored.pdf.startswith(b"%PDF") and stored.pdf_sha256 == hashlib.sha256(stored.pdf).hexdigest()
    # The verification page can then vouch for the PDF too.
    assert stored.pdf_sha256 in client.get(f"/verify/{stored.code}").get_data(as_text=True)


def test_a_double_click_submits_once(client, auth, portfolio, query):
    log_in(auth, portfolio.intern)
    for _ in range(2):
        response = client.post(
            f"/portfolio/{portfolio.cohort.id}/submit", data={"entries": portfolio.selection(), "confirm": "y"}
        )
        assert response.status_code == 302
    assert _count(query) == 1


def test_specialties_of_entries_left_out_stay_out(make, portfolio, query, app):
    make.entry(portfolio.intern, portfolio.cohort, kind="clinical", specialty="SECRET-SPECIALTY Juma", hours=1)
    found = make.submission(portfolio.intern, portfolio.cohort, portfolio.chosen)
    assert "SECRET-SPECIALTY" not in found.document
    summary = json.loads(found.document)["summary"]
    assert summary["hours_by_specialty"] == [{"name": "Obstetrics", "hours": "3.5"}]
    assert summary["clinical_hours"] == "6.5"  # figures still count every entry


@pytest.mark.parametrize(
    "values",
    [["²:1"], ["99999999999999999999:1"], ["1:99999999999"], ["1:1"] * 5001, ["1"], [""], ["1:1:1"]],
    ids=["unicode digit", "huge id", "huge version", "too many", "no version", "empty", "three parts"],
)
def test_tampered_choices_get_a_clear_answer_not_a_500(client, auth, portfolio, query, values):
    log_in(auth, portfolio.intern)
    for path in ("new", "submit"):
        response = client.post(f"/portfolio/{portfolio.cohort.id}/{path}", data={"entries": values, "confirm": "y"})
        assert response.status_code == 422, (path, response.status_code)
        assert "Choose" in response.get_data(as_text=True)
    assert _count(query) == 0


def test_reading_a_submission_on_its_page_is_audited_for_others(client, auth, portfolio, submitted, query):
    log_in(auth, portfolio.intern)
    client.get(f"/submissions/{submitted.id}")
    auth.logout()
    log_in(auth, portfolio.reviewer)
    client.get(f"/submissions/{submitted.id}")
    events = query(lambda s: s.execute(select(AuditEvent.actor_id, AuditEvent.details)).all())
    assert [(actor, details.get("format")) for actor, details in events if "format" in details] == [
        (portfolio.reviewer.id, "page")
    ]
