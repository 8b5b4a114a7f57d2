"""Suspected patient identifiers are marked on save and must be resolved before an entry is shared."""

from sqlalchemy import select

from journal.models import Entry

IDENTIFYING = "Saw Mrs Achieng on the ward; her MRN is 00417733 and she was born 12/03/1958."


def _write(client, cohort, body, title="Ward round"):
    data = {"title": title, "occurred_on": "2026-01-10", "theme": "other", "body": body}
    response = client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _visibility(query, entry_id):
    return query(lambda s: s.scalar(select(Entry.visibility).where(Entry.id == entry_id)))


def test_findings_are_marked_with_their_reason_after_saving(client, intern):
    _, cohort = intern
    entry_id = _write(client, cohort, IDENTIFYING)
    page = client.get(f"/entries/{entry_id}", follow_redirects=True).get_data(as_text=True)
    assert "Possible patient identifiers" in page
    assert "<mark>Achieng</mark>" in page
    assert "<mark>00417733</mark>" in page
    assert "12/03/1958" in page and "date" in page.lower()


def test_sharing_is_refused_until_resolved(client, intern, query):
    _, cohort = intern
    entry_id = _write(client, cohort, IDENTIFYING)
    response = client.post(f"/entries/{entry_id}/visibility", data={"visibility": "supervisors"})
    assert response.status_code == 302
    assert "share=supervisors" in response.headers["Location"]
    assert _visibility(query, entry_id) == "private"


def test_editing_the_identifiers_away_allows_sharing(client, intern, query):
    _, cohort = intern
    entry_id = _write(client, cohort, IDENTIFYING)
    data = {
        "title": "Ward round",
        "occurred_on": "2026-01-10",
        "theme": "other",
        "base_version": "1",
        "body": "Saw an older woman on the ward; she was worried about the cost.",
    }
    client.post(f"/entries/{entry_id}/edit", data=data)
    client.post(f"/entries/{entry_id}/visibility", data={"visibility": "cohort"})
    assert _visibility(query, entry_id) == "cohort"


def test_confirming_records_it_and_shares(client, intern, query):
    _, cohort = intern
    entry_id = _write(client, cohort, "Dr Mensah taught us to read a chest film.")
    unticked = client.post(f"/entries/{entry_id}/identifiers", data={"visibility": "supervisors"})
    assert unticked.status_code == 302
    assert _visibility(query, entry_id) == "private"
    client.post(f"/entries/{entry_id}/identifiers", data={"visibility": "supervisors", "confirm": "yes"})
    assert _visibility(query, entry_id) == "supervisors"
    review = query(lambda s: s.scalar(select(Entry.identifier_review).where(Entry.id == entry_id)))
    assert review["version"] == 1
    assert review["findings"] == [{"kind": "name", "text": "Mensah"}]
    assert "Identifiers checked" in client.get(f"/entries/{entry_id}").get_data(as_text=True)


def test_a_new_identifier_needs_a_new_confirmation(client, intern, query):
    _, cohort = intern
    entry_id = _write(client, cohort, "Dr Mensah taught us to read a chest film.")
    client.post(f"/entries/{entry_id}/identifiers", data={"visibility": "supervisors", "confirm": "yes"})
    client.post(f"/entries/{entry_id}/visibility", data={"visibility": "private"})
    data = {
        "title": "Ward round",
        "occurred_on": "2026-01-10",
        "theme": "other",
        "base_version": "1",
        "body": "Dr Mensah taught us. Call the family on +233 24 555 0199.",
    }
    client.post(f"/entries/{entry_id}/edit", data=data)
    client.post(f"/entries/{entry_id}/visibility", data={"visibility": "supervisors"})
    assert _visibility(query, entry_id) == "private"


def test_lowering_visibility_is_never_blocked(client, make, intern, query):
    person, cohort = intern
    entry = make.entry(person, cohort, visibility="cohort", body=IDENTIFYING)
    client.post(f"/entries/{entry.id}/visibility", data={"visibility": "private"})
    assert _visibility(query, entry.id) == "private"


def test_readers_other_than_the_author_do_not_see_the_findings(client, make, auth):
    cohort = make.cohort()
    author = make.member(cohort, "intern")
    supervisor = make.member(cohort, "supervisor")
    entry = make.entry(author, cohort, visibility="supervisors", body="Dr Mensah explained the film.")
    auth.login(supervisor.email)
    page = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert "Dr Mensah explained the film." in page
    assert "Possible patient identifiers" not in page
