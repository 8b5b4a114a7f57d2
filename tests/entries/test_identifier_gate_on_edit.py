"""New text for an entry others already read goes through the identifier gate, as sharing does.

Editing a shared entry, or restoring an earlier version of it, so that it holds suspected patient
identifiers the author has not confirmed saves nothing: the author sees what was found, with what
they typed kept, and chooses: edit it away, confirm it identifies nobody and keep the entry shared,
or save it as private. A private entry is read by its author alone, so its edits are never stopped.
The gate reads every free-text field a reader sees: the title, the body, the specialty and the tags.
"""

from datetime import datetime

import pytest
from sqlalchemy import func, select, update
from wtforms import HiddenField, StringField
from wtforms.fields.core import UnboundField

from journal.entries import services
from journal.entries.forms import FORMS
from journal.extensions import db
from journal.identifiers import CHECKED_FIELDS, IdentifiersUnconfirmed
from journal.models import AuditEvent, Entry, EntryRevision
from tests.conftest import log_in_as

CLEAN = "Saw an older woman on the ward; she was worried about the cost."
IDENTIFYING = "Saw an older woman on the ward; her MRN is 00417733 and she was worried about the cost."
RECORD_NUMBER = "00417733"


def _form(body: str, base_version: int, **extra) -> dict:
    fields = {"title": "Ward round", "occurred_on": "2026-01-10", "theme": "other", "tags": "ward-round", "body": body}
    return {**fields, "base_version": str(base_version), **extra}


def _entry(query, entry_id: int) -> Entry:
    return query(lambda s: s.get(Entry, entry_id))


def _revisions(query, entry_id: int) -> int:
    return query(lambda s: s.scalar(select(func.count(EntryRevision.id)).where(EntryRevision.entry_id == entry_id)))


def _new(client, cohort, body: str) -> int:
    """An entry written through the journal (private, with its first revision)."""
    data = {"title": "Ward round", "occurred_on": "2026-01-10", "theme": "other", "body": body}
    response = client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data)
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


@pytest.fixture
def supervisor(app, make, intern):
    """A test browser logged in as a supervisor of the intern's cohort."""
    _, cohort = intern
    reader = app.test_client()
    log_in_as(reader, make.member(cohort, "supervisor"))
    return reader


@pytest.fixture
def shared(make, intern):
    """The intern's clean cultural entry, shared with the cohort's supervisors (version 1)."""
    person, cohort = intern
    return make.entry(person, cohort, kind="cultural", visibility="supervisors", title="Ward round", body=CLEAN)


def test_an_edit_that_adds_a_record_number_to_a_shared_entry_saves_nothing_and_keeps_the_text(
    client, shared, supervisor, query
):
    response = client.post(f"/entries/{shared.id}/edit", data=_form(IDENTIFYING, 1, title="Ward round, day two"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Not saved yet" in page and f"<mark>{RECORD_NUMBER}</mark>" in page
    assert IDENTIFYING in page and 'value="Ward round, day two"' in page and 'value="ward-round"' in page
    assert 'name="base_version" type="hidden" value="1"' in page
    assert "These identify nobody — save and keep it shared" in page
    assert "Save it as private instead" in page
    entry = _entry(query, shared.id)
    assert (entry.version, entry.body, entry.title, entry.identifier_review) == (1, CLEAN, "Ward round", None)
    assert _revisions(query, shared.id) == 0
    assert RECORD_NUMBER not in supervisor.get(f"/entries/{shared.id}").get_data(as_text=True)


def test_confirming_saves_the_edit_records_who_and_when_and_keeps_it_shared(client, intern, shared, supervisor, query):
    person, _ = intern
    data = _form(IDENTIFYING, 1, identifiers="confirm")
    response = client.post(f"/entries/{shared.id}/edit", data=data)
    assert response.status_code == 302
    entry = _entry(query, shared.id)
    assert (entry.version, entry.body, entry.visibility) == (2, IDENTIFYING, "supervisors")
    review = entry.identifier_review
    assert review["by"] == person.id and review["version"] == 2 and datetime.fromisoformat(review["at"])
    assert {"kind": "id", "text": RECORD_NUMBER} in review["findings"]
    assert RECORD_NUMBER in supervisor.get(f"/entries/{shared.id}").get_data(as_text=True)


def test_saving_as_private_saves_the_edit_unshares_at_once_and_records_the_unsharing(
    client, intern, shared, supervisor, query
):
    person, cohort = intern
    response = client.post(f"/entries/{shared.id}/edit", data=_form(IDENTIFYING, 1, identifiers="private"))
    assert response.status_code == 302
    entry = _entry(query, shared.id)
    assert (entry.version, entry.body, entry.visibility, entry.identifier_review) == (2, IDENTIFYING, "private", None)
    assert supervisor.get(f"/entries/{shared.id}").status_code == 404
    event = query(lambda s: s.scalar(select(AuditEvent).where(AuditEvent.action == "entry.unshared")))
    assert (event.actor_id, event.object_id, event.cohort_id) == (person.id, shared.id, cohort.id)
    assert event.details == {"previous": "supervisors", "visibility": "private"}
    assert "made private" in client.get(f"/entries/{shared.id}").get_data(as_text=True)


def test_editing_the_findings_away_after_the_refusal_saves_it_shared(client, shared, query):
    assert client.post(f"/entries/{shared.id}/edit", data=_form(IDENTIFYING, 1)).status_code == 422
    assert client.post(f"/entries/{shared.id}/edit", data=_form(CLEAN + " Again.", 1)).status_code == 302
    entry = _entry(query, shared.id)
    assert (entry.version, entry.visibility) == (2, "supervisors")


def test_an_edit_of_a_private_entry_with_findings_is_saved_without_questions(client, intern, make, query):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="Ward round", body=CLEAN)
    assert client.post(f"/entries/{entry.id}/edit", data=_form(IDENTIFYING, 1)).status_code == 302
    saved = _entry(query, entry.id)
    assert (saved.version, saved.body, saved.visibility, saved.identifier_review) == (2, IDENTIFYING, "private", None)


def test_findings_confirmed_before_stay_confirmed_in_an_edit(client, intern, supervisor, query):
    _, cohort = intern
    entry_id = _new(client, cohort, "Dr Mensah taught us to read a chest film.")
    client.post(f"/entries/{entry_id}/identifiers", data={"visibility": "supervisors", "confirm": "yes"})
    edited = "Dr Mensah taught us to read a chest film, slowly."
    assert client.post(f"/entries/{entry_id}/edit", data=_form(edited, 1)).status_code == 302
    entry = _entry(query, entry_id)
    assert (entry.body, entry.visibility, entry.identifier_review["version"]) == (edited, "supervisors", 1)
    assert "slowly" in supervisor.get(f"/entries/{entry_id}").get_data(as_text=True)


@pytest.fixture
def restorable(client, intern):
    """A shared entry whose first version named the patient's record number, edited away before sharing."""
    _, cohort = intern
    entry_id = _new(client, cohort, IDENTIFYING)
    assert client.post(f"/entries/{entry_id}/edit", data=_form(CLEAN, 1)).status_code == 302
    client.post(f"/entries/{entry_id}/visibility", data={"visibility": "supervisors"})
    return entry_id


def test_restoring_a_version_with_identifiers_on_a_shared_entry_is_refused_with_the_choices(
    client, restorable, supervisor, query
):
    response = client.post(f"/entries/{restorable}/history/1/restore")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Not restored yet" in page and f"<mark>{RECORD_NUMBER}</mark>" in page
    assert f'action="/entries/{restorable}/history/1/restore"' in page
    assert "These identify nobody — restore and keep it shared" in page and "Restore it as private instead" in page
    entry = _entry(query, restorable)
    assert (entry.version, entry.body, entry.visibility) == (2, CLEAN, "supervisors")
    assert _revisions(query, restorable) == 2
    assert RECORD_NUMBER not in supervisor.get(f"/entries/{restorable}").get_data(as_text=True)


def test_restoring_it_confirmed_records_the_confirmation_and_keeps_it_shared(
    client, intern, restorable, supervisor, query
):
    person, _ = intern
    response = client.post(f"/entries/{restorable}/history/1/restore", data={"identifiers": "confirm"})
    assert response.status_code == 302
    entry = _entry(query, restorable)
    assert (entry.version, entry.body, entry.visibility) == (3, IDENTIFYING, "supervisors")
    assert entry.identifier_review["by"] == person.id and entry.identifier_review["version"] == 3
    assert RECORD_NUMBER in supervisor.get(f"/entries/{restorable}").get_data(as_text=True)


def test_restoring_it_as_private_unshares_it_and_records_the_unsharing(client, restorable, supervisor, query):
    response = client.post(f"/entries/{restorable}/history/1/restore", data={"identifiers": "private"})
    assert response.status_code == 302
    entry = _entry(query, restorable)
    assert (entry.version, entry.body, entry.visibility, entry.identifier_review) == (3, IDENTIFYING, "private", None)
    assert supervisor.get(f"/entries/{restorable}").status_code == 404
    actions = query(lambda s: s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all())
    assert actions[-2:] == ["entry.shared", "entry.unshared"]


def test_every_free_text_field_of_an_entry_form_is_checked():
    free_text = {
        name
        for form in FORMS.values()
        for base in form.__mro__
        for name, field in vars(base).items()
        if isinstance(field, UnboundField)
        and issubclass(field.field_class, StringField)  # text areas too
        and not issubclass(field.field_class, HiddenField)
    }
    assert free_text == set(CHECKED_FIELDS)


@pytest.mark.parametrize(
    "fields, place",
    [
        ({"specialty": "Paediatrics with Dr Mensah"}, "in the specialty"),
        ({"tags": ("malaria", "hospital-no-00417733")}, "in the tags"),
    ],
    ids=["specialty", "tags"],
)
def test_a_finding_in_the_specialty_or_the_tags_stops_sharing(client, intern, make, query, fields, place):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="clinical", title="Clinic", body=CLEAN, setting="ward", **fields)
    response = client.post(f"/entries/{entry.id}/visibility", data={"visibility": "supervisors"})
    assert "share=supervisors" in response.headers["Location"]
    assert _entry(query, entry.id).visibility == "private"
    page = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert "Possible patient identifiers" in page and f"({place})" in page


def test_a_tag_that_brings_a_date_to_a_shared_entry_stops_the_edit(client, shared, query):
    response = client.post(f"/entries/{shared.id}/edit", data=_form(CLEAN, 1, tags="ward-round, 12-03-1958"))
    assert response.status_code == 422
    assert "<mark>12-03-1958</mark>" in response.get_data(as_text=True)
    assert _entry(query, shared.id).version == 1


def test_sharing_reads_the_text_as_saved_now_not_as_it_was_loaded(app, make, intern):
    """An edit saved by another request after the share loaded the entry is what the gate reads:
    a share racing an edit never publishes the edit's text unchecked."""
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", visibility="private", title="Ward round", body=CLEAN)
    with app.app_context():
        loaded = db.session.get(Entry, entry.id)
        assert loaded.body == CLEAN
        with db.engine.begin() as other_request:  # the edit, committed meanwhile
            other_request.execute(update(Entry).where(Entry.id == entry.id).values(body=IDENTIFYING, version=2))
        with pytest.raises(IdentifiersUnconfirmed):
            services.set_visibility(loaded, "supervisors")
        db.session.rollback()
        assert db.session.get(Entry, entry.id).visibility == "private"
