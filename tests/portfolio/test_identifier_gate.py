"""A portfolio hands entries to others for good: the identifier gate sharing applies stops it too.

An entry with suspected patient identifiers goes in only once each is edited away or confirmed
by the intern, and the confirmation is the one sharing records (``identifier_review``), so either
path accepts what was confirmed on the other.
"""

import pytest
from sqlalchemy import func, select

from journal.identifiers import IdentifiersUnconfirmed
from journal.models import Entry, Submission
from tests.portfolio.conftest import log_in

IDENTIFYING = "Saw Mrs Achieng on the ward; her MRN is 00417733 and she was born 12/03/1958."
ONE_NAME = "Dr Mensah taught us to read a chest film."
KEY = "k" * 43


def _count(query) -> int:
    return query(lambda s: s.scalar(select(func.count(Submission.id))))


def _review(query, entry_id: int):
    return query(lambda s: s.scalar(select(Entry.identifier_review).where(Entry.id == entry_id)))


def _submit(client, portfolio, entries, **extra):
    data = {"entries": portfolio.selection(entries), "confirm": "y", "idempotency_key": KEY, **extra}
    return client.post(f"/portfolio/{portfolio.cohort.id}/submit", data=data)


def _edit(client, entry_id: int, body: str, base_version: int) -> None:
    data = {
        "title": "Ward round",
        "occurred_on": "2026-01-10",
        "theme": "other",
        "base_version": str(base_version),
        "body": body,
    }
    assert client.post(f"/entries/{entry_id}/edit", data=data).status_code == 302


@pytest.fixture
def flagged(make, portfolio):
    """A private cultural entry of the intern naming a patient, with her record number and birth date."""
    return make.entry(portfolio.intern, portfolio.cohort, kind="cultural", title="Ward round", body=IDENTIFYING)


def test_the_preview_marks_each_entry_with_unchecked_identifiers(client, auth, portfolio, flagged):
    log_in(auth, portfolio.intern)
    chosen = [portfolio.clinical, flagged]
    response = client.post(f"/portfolio/{portfolio.cohort.id}/new", data={"entries": portfolio.selection(chosen)})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Possible patient identifiers in 1 entry" in page
    assert f'id="identifiers-{flagged.id}"' in page and f'id="identifiers-{portfolio.clinical.id}"' not in page
    for text in ("Achieng", "00417733", "12/03/1958"):
        assert f"<mark>{text}</mark>" in page
    assert f'href="/entries/{flagged.id}/edit"' in page
    assert f'name="identifiers_ok" value="{flagged.id}"' in page


def test_an_entry_with_unchecked_identifiers_is_not_submitted_and_the_choices_stay(
    client, auth, portfolio, flagged, query
):
    log_in(auth, portfolio.intern)
    response = _submit(client, portfolio, [portfolio.clinical, flagged])
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert _count(query) == 0
    assert "Not submitted yet" in page and "<mark>00417733</mark>" in page
    assert "<title>Not submitted: Preview of my portfolio" in page
    assert 'id="identifiers-error" tabindex="-1"' in page
    for value in portfolio.selection([portfolio.clinical, flagged]):
        assert f'name="entries" value="{value}"' in page
    assert f'name="idempotency_key" type="hidden" value="{KEY}"' in page
    assert '<input checked id="confirm" name="confirm"' in page
    assert _review(query, flagged.id) is None


def test_confirming_on_the_preview_records_it_as_sharing_does_and_submits(client, auth, portfolio, make, query):
    entry = make.entry(portfolio.intern, portfolio.cohort, kind="cultural", title="Ward round", body=ONE_NAME)
    log_in(auth, portfolio.intern)
    response = _submit(client, portfolio, [entry], identifiers_ok=[str(entry.id)])
    assert response.status_code == 302
    assert _count(query) == 1
    review = _review(query, entry.id)
    assert review["by"] == portfolio.intern.id and review["version"] == 1 and review["at"]
    assert review["findings"] == [{"kind": "name", "text": "Mensah"}]
    assert "Identifiers checked" in client.get(f"/entries/{entry.id}").get_data(as_text=True)


def test_a_confirmation_given_when_sharing_lets_the_entry_in(client, auth, portfolio, make, query):
    entry = make.entry(portfolio.intern, portfolio.cohort, kind="cultural", title="Ward round", body=ONE_NAME)
    log_in(auth, portfolio.intern)
    assert _submit(client, portfolio, [entry]).status_code == 422
    client.post(f"/entries/{entry.id}/identifiers", data={"visibility": "supervisors", "confirm": "yes"})
    assert _submit(client, portfolio, [entry]).status_code == 302
    assert _count(query) == 1


def test_a_confirmation_given_on_the_preview_lets_the_entry_be_shared(client, auth, portfolio, make, query):
    entry = make.entry(portfolio.intern, portfolio.cohort, kind="cultural", title="Ward round", body=ONE_NAME)
    log_in(auth, portfolio.intern)
    assert _submit(client, portfolio, [entry], identifiers_ok=[str(entry.id)]).status_code == 302
    client.post(f"/entries/{entry.id}/visibility", data={"visibility": "supervisors"})
    assert query(lambda s: s.get(Entry, entry.id).visibility) == "supervisors"


def test_new_identifiers_after_a_confirmation_stop_the_next_submission_as_they_stop_sharing(
    client, auth, portfolio, make, query
):
    entry = make.entry(portfolio.intern, portfolio.cohort, kind="cultural", title="Ward round", body=ONE_NAME)
    log_in(auth, portfolio.intern)
    assert _submit(client, portfolio, [entry], identifiers_ok=[str(entry.id)]).status_code == 302
    _edit(client, entry.id, "Dr Mensah taught us. Call the family on +233 24 555 0199.", base_version=1)
    edited = query(lambda s: s.get(Entry, entry.id))
    preview = client.post(f"/portfolio/{portfolio.cohort.id}/new", data={"entries": portfolio.selection([edited])})
    page = preview.get_data(as_text=True)
    assert "<mark>+233 24 555 0199</mark>" in page and "<mark>Mensah</mark>" not in page  # only what is new
    response = _submit(client, portfolio, [edited], idempotency_key="n" * 43)
    assert response.status_code == 422
    assert _count(query) == 1
    client.post(f"/entries/{entry.id}/visibility", data={"visibility": "supervisors"})
    assert query(lambda s: s.get(Entry, entry.id).visibility) == "private"  # sharing agrees


def test_an_edit_that_brings_no_new_identifier_keeps_the_confirmation(client, auth, portfolio, make, query):
    entry = make.entry(portfolio.intern, portfolio.cohort, kind="cultural", title="Ward round", body=ONE_NAME)
    log_in(auth, portfolio.intern)
    assert _submit(client, portfolio, [entry], identifiers_ok=[str(entry.id)]).status_code == 302
    _edit(client, entry.id, "Dr Mensah taught us to read a chest film, slowly.", base_version=1)
    edited = query(lambda s: s.get(Entry, entry.id))
    assert _submit(client, portfolio, [edited], idempotency_key="n" * 43).status_code == 302
    assert _count(query) == 2
    assert _review(query, entry.id)["version"] == 1  # the first confirmation still holds


def test_confirming_one_entry_does_not_let_another_in_and_nothing_is_recorded_until_it_goes(
    client, auth, portfolio, flagged, make, query
):
    other = make.entry(portfolio.intern, portfolio.cohort, kind="cultural", title="Clinic", body=ONE_NAME)
    log_in(auth, portfolio.intern)
    response = _submit(client, portfolio, [flagged, other], identifiers_ok=[str(other.id)])
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert _count(query) == 0
    assert _review(query, other.id) is None and _review(query, flagged.id) is None
    assert f'name="identifiers_ok" value="{other.id}" checked' in page  # the tick is kept
    assert f'name="identifiers_ok" value="{flagged.id}" aria-invalid="true"' in page


def test_the_service_itself_refuses_unchecked_identifiers(make, portfolio, flagged, query):
    with pytest.raises(IdentifiersUnconfirmed) as refused:
        make.submission(portfolio.intern, portfolio.cohort, [portfolio.clinical, flagged])
    assert [entry.id for entry in refused.value.entries] == [flagged.id]
    assert _count(query) == 0
