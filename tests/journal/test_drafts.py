"""Autosaved drafts: kept per user and form, restored on request, gone once the entry is saved."""

import pytest
from sqlalchemy import func, insert, select

from journal.entries import drafts
from journal.extensions import db
from journal.models import Draft, User
from journal.models.types import utcnow


def _autosave(client, cohort_id, kind="cultural", entry_id=None, **fields):
    return client.post(f"/journal/{cohort_id}/drafts", json={"kind": kind, "entry_id": entry_id, "fields": fields})


def _drafts(query):
    return query(lambda s: s.scalar(select(func.count(Draft.id))))


def test_autosave_keeps_and_replaces_one_draft_per_form(client, intern, query):
    _, cohort = intern
    assert _autosave(client, cohort.id, title="First", body="one").status_code == 200
    response = _autosave(client, cohort.id, title="Second", body="one two")
    assert "saved_at" in response.get_json()
    assert _drafts(query) == 1
    assert query(lambda s: s.scalar(select(Draft.content)))["title"] == "Second"


def test_new_entry_form_offers_the_draft_and_restores_it(client, intern):
    _, cohort = intern
    _autosave(client, cohort.id, title="Market greetings", body="Elders first.", theme="language")
    page = client.get(f"/journal/{cohort.id}/new?kind=cultural").get_data(as_text=True)
    assert "You have unsaved text" in page and "Market greetings" in page
    restored = client.get(f"/journal/{cohort.id}/new?kind=cultural&draft=restore").get_data(as_text=True)
    assert 'value="Market greetings"' in restored
    assert "Elders first." in restored
    assert '<option selected value="language">' in restored


def test_saving_the_entry_removes_its_draft(client, intern, query):
    _, cohort = intern
    _autosave(client, cohort.id, title="Draft title")
    data = {"title": "Saved", "occurred_on": "2026-01-10", "theme": "family", "body": "text"}
    assert client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data).status_code == 302
    assert _drafts(query) == 0


def test_discard(client, intern, query):
    _, cohort = intern
    _autosave(client, cohort.id, title="Throw away")
    assert client.post(f"/journal/{cohort.id}/drafts/discard", data={"kind": "cultural"}).status_code == 302
    assert _drafts(query) == 0


def test_edit_draft_keeps_its_base_version_so_a_newer_save_is_detected(client, make, intern):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="Original")
    base = {"occurred_on": "2026-01-10", "theme": "family", "body": "x"}
    # Another device saves version 2 while this one, still on version 1, keeps typing.
    client.post(f"/entries/{entry.id}/edit", data={**base, "title": "Saved elsewhere", "base_version": "1"})
    _autosave(
        client,
        cohort.id,
        entry_id=entry.id,
        title="Draft edit",
        theme="family",
        base_version="1",
        occurred_on="2026-01-10",
    )
    restored = client.get(f"/entries/{entry.id}/edit?draft=restore").get_data(as_text=True)
    assert 'value="Draft edit"' in restored
    assert 'name="base_version" type="hidden" value="1"' in restored
    response = client.post(f"/entries/{entry.id}/edit", data={**base, "title": "Draft edit", "base_version": "1"})
    assert response.status_code == 409
    assert "Saved elsewhere" in response.get_data(as_text=True)


def test_drafts_are_private_to_their_user(client, make, auth, intern):
    person, cohort = intern
    _autosave(client, cohort.id, title="My secret draft")
    auth.logout()
    other = make.member(cohort, "intern")
    auth.login(other.email)
    page = client.get(f"/journal/{cohort.id}/new?kind=cultural&draft=restore").get_data(as_text=True)
    assert "My secret draft" not in page


def test_cannot_draft_into_someone_elses_entry(client, make, intern, query):
    _, cohort = intern
    other = make.member(cohort, "intern")
    entry = make.entry(other, cohort, kind="cultural", visibility="cohort")
    assert _autosave(client, cohort.id, entry_id=entry.id, title="x").status_code == 404
    assert _autosave(client, cohort.id, entry_id="1; drop", title="x").status_code == 404
    assert _drafts(query) == 0


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {"kind": "poem", "fields": {}},
        {"kind": "cultural", "fields": "text"},
        {"kind": "cultural", "fields": {"title": {"nested": 1}}},
        {"kind": "cultural", "fields": {"body": "x" * 70_000}},
    ],
)
def test_bad_drafts_are_refused_with_a_reason(client, intern, query, payload):
    _, cohort = intern
    response = client.post(f"/journal/{cohort.id}/drafts", json=payload)
    assert response.status_code == 400
    assert response.get_json()["error"]
    assert _drafts(query) == 0


def test_unknown_fields_are_dropped(client, intern, query):
    _, cohort = intern
    _autosave(client, cohort.id, title="T", author_id="1", visibility="cohort")
    assert query(lambda s: s.scalar(select(Draft.content))) == {"title": "T"}


def test_expired_session_gets_401_json_not_a_login_page(client, intern, auth):
    _, cohort = intern
    auth.logout()
    response = _autosave(client, cohort.id, title="typed while logged out")
    assert response.status_code == 401
    assert "Log in again" in response.get_json()["error"]


def test_two_autosaves_racing_for_a_new_draft_leave_one_draft(app, make, monkeypatch):
    """The other request inserts the draft after this one looked and found none: this one
    updates that row instead of failing on the unique key."""
    cohort = make.cohort()
    user = make.member(cohort, "intern")
    key = drafts.draft_key(cohort.id, "cultural")
    looked = drafts.draft_for

    def found_nothing_then_the_other_request_inserted(person, wanted):
        monkeypatch.setattr(drafts, "draft_for", looked)
        with db.engine.begin() as other_request:
            other_request.execute(
                insert(Draft).values(
                    user_id=person.id, cohort_id=cohort.id, key=wanted, content={"title": "theirs"}, updated_at=utcnow()
                )
            )
        return None

    with app.test_request_context():
        monkeypatch.setattr(drafts, "draft_for", found_nothing_then_the_other_request_inserted)
        drafts.save_draft(db.session.get(User, user.id), cohort.id, key, {"title": "mine"})
        db.session.commit()
        assert db.session.scalars(select(Draft.content)).all() == [{"title": "mine"}]
