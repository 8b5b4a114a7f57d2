"""Autosaved drafts: kept per user and form, restored on request, gone once the entry is saved."""

import pytest
from sqlalchemy import func, insert, select

from journal import device_keys
from journal.entries import drafts
from journal.extensions import db
from journal.models import Draft, User
from journal.models.types import utcnow
from tests.html import meta


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
    ("payload", "status", "what_to_do"),
    [
        (None, 400, "reload the page"),
        ([], 400, "reload the page"),
        ({"kind": "poem", "fields": {}}, 400, "reload the page"),
        ({"kind": "cultural", "fields": "text"}, 422, "reload the page"),
        ({"kind": "cultural", "fields": {"title": {"nested": 1}}}, 422, "reload the page"),
        ({"kind": "cultural", "fields": {"body": "x" * 70_000}}, 413, "Shorten the entry"),
    ],
)
def test_bad_drafts_are_refused_in_json_saying_what_to_do(client, intern, query, payload, status, what_to_do):
    """autosave.js shows the error to the person and does not send that draft again."""
    _, cohort = intern
    response = client.post(f"/journal/{cohort.id}/drafts", json=payload)
    assert response.status_code == status
    assert what_to_do in response.get_json()["error"]
    assert _drafts(query) == 0


def test_a_body_past_the_upload_limit_is_refused_in_json(app, client, intern, query):
    _, cohort = intern
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = _autosave(client, cohort.id, body="x" * 2000)
    assert response.status_code == 413
    assert "Shorten the entry" in response.get_json()["error"]
    assert _drafts(query) == 0


def test_a_journal_or_entry_not_open_to_the_user_is_refused_in_json(client, make, intern, query):
    """The same answer whether the entry exists or not, so the refusal tells nothing about it."""
    _, cohort = intern
    other_cohort = make.cohort()
    entry = make.entry(make.member(cohort, "intern"), cohort, kind="cultural", visibility="cohort")
    answers = [
        _autosave(client, other_cohort.id, title="x"),
        _autosave(client, cohort.id, entry_id=entry.id, title="x"),
        _autosave(client, cohort.id, entry_id=entry.id + 1000, title="x"),
    ]
    assert {response.status_code for response in answers} == {404}
    assert len({response.get_json()["error"] for response in answers}) == 1
    assert "not open to your account" in answers[0].get_json()["error"]
    assert _drafts(query) == 0


def test_a_draft_kept_in_the_browser_for_another_account_is_refused(app, client, make, auth, intern, query):
    """A draft carries the owner marker of the account whose page kept it: never saved to another."""
    person, cohort = intern
    other = make.member(cohort, "intern")
    with app.test_request_context():
        mine, theirs = device_keys.owner_marker(person), device_keys.owner_marker(other)
    payload = {"kind": "cultural", "entry_id": None, "fields": {"title": "Their private words"}}

    response = client.post(f"/journal/{cohort.id}/drafts", json=payload | {"owner": theirs})
    assert response.status_code == 409
    assert "another account" in response.get_json()["error"]
    assert response.get_json()["retry"] is True
    for forged in ("", None, 42, mine[:-1]):
        assert client.post(f"/journal/{cohort.id}/drafts", json=payload | {"owner": forged}).status_code == 409
    assert _drafts(query) == 0

    assert client.post(f"/journal/{cohort.id}/drafts", json=payload | {"owner": mine}).status_code == 200
    assert query(lambda s: s.scalar(select(Draft.user_id))) == person.id


def test_a_page_whose_session_has_ended_is_told_to_keep_its_text(app, client, intern, query):
    """With CSRF protection on, a page left open across a logout and a login in another tab sends
    a token that no longer matches: the JSON answer tells autosave.js to keep the text for later."""
    _, cohort = intern
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/journal/{cohort.id}/new?kind=cultural").get_data(as_text=True)
    token = meta(page, "csrf-token")
    assert token
    payload = {"kind": "cultural", "entry_id": None, "fields": {"title": "Typed on"}}

    stale = client.post(f"/journal/{cohort.id}/drafts", json=payload, headers={"X-CSRFToken": "from-an-old-page"})
    assert stale.status_code == 400
    assert stale.get_json()["retry"] is True
    assert "Log in again" in stale.get_json()["error"]
    assert _drafts(query) == 0
    assert client.post(f"/journal/{cohort.id}/drafts", json=payload, headers={"X-CSRFToken": token}).status_code == 200
    assert _drafts(query) == 1


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
