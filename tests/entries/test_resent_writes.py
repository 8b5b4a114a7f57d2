"""A save sent again because its answer was lost (a dropped connection, a killed server) is kept once.

A new-entry form carries a random key made when it is first shown: the same form sent twice
finds the entry its first sending made. An edit sent again finds its own save already made
and is no conflict with itself; a different edit from the same version still is.
"""

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from journal.entries import services
from journal.extensions import db
from journal.models import Cohort, Draft, Entry, EntryRevision, User
from tests import factories
from tests.entries.test_entries import CLINICAL
from tests.html import field_value

CULTURAL = {
    "title": "Greetings at the market",
    "occurred_on": "2026-01-10",
    "theme": "language",
    "body": "Elders first.",
}


def _key(page: str) -> str:
    """The idempotency key the page's form carries (URL-safe characters only)."""
    key = field_value(page, "idempotency_key")
    assert re.fullmatch(r"[A-Za-z0-9_-]+", key), f"the new-entry form carries no idempotency key: {key!r}"
    return key


def _new_form(client, cohort_id: int, kind: str = "cultural") -> str:
    """Open the new-entry form; return its key."""
    return _key(client.get(f"/journal/{cohort_id}/new?kind={kind}").get_data(as_text=True))


def _count(query, what) -> int:
    return query(lambda s: s.scalar(select(func.count(what))))


def test_a_create_sent_twice_makes_one_entry_and_one_revision(client, intern, query):
    _, cohort = intern
    path = f"/journal/{cohort.id}/new?kind=clinical"
    data = {**CLINICAL, "idempotency_key": _new_form(client, cohort.id, "clinical")}
    first = client.post(path, data=data)
    again = client.post(path, data=data)
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert _count(query, Entry.id) == _count(query, EntryRevision.id) == 1
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "This entry was already saved." in page


def test_each_new_form_has_its_own_key_so_the_same_text_written_twice_is_two_entries(client, intern, query):
    _, cohort = intern
    path = f"/journal/{cohort.id}/new?kind=cultural"
    keys = [_new_form(client, cohort.id), _new_form(client, cohort.id)]
    assert keys[0] != keys[1]
    replies = [client.post(path, data={**CULTURAL, "idempotency_key": key}) for key in keys]
    assert replies[0].headers["Location"] != replies[1].headers["Location"]
    assert _count(query, Entry.id) == 2


def test_the_key_is_kept_when_the_form_comes_back_with_errors(client, intern, query):
    _, cohort = intern
    path = f"/journal/{cohort.id}/new?kind=cultural"
    key = _new_form(client, cohort.id)
    refused = client.post(path, data={**CULTURAL, "title": "", "idempotency_key": key})
    assert refused.status_code == 200 and _key(refused.get_data(as_text=True)) == key
    data = {**CULTURAL, "idempotency_key": key}
    assert client.post(path, data=data).headers["Location"] == client.post(path, data=data).headers["Location"]
    assert _count(query, Entry.id) == 1


def test_a_draft_brings_its_key_back_so_restoring_it_after_the_save_finds_the_entry(client, intern, query):
    """The last autosave can land after the save it raced with; restoring it must not save the text twice."""
    _, cohort = intern
    path = f"/journal/{cohort.id}/new?kind=cultural"
    key = _new_form(client, cohort.id)
    saved = client.post(path, data={**CULTURAL, "idempotency_key": key})
    fields = {**CULTURAL, "idempotency_key": key}  # what autosave.js sends: every field of the form
    assert client.post(f"/journal/{cohort.id}/drafts", json={"kind": "cultural", "fields": fields}).status_code == 200
    restored = client.get(f"{path}&draft=restore").get_data(as_text=True)
    assert "Elders first." in restored and _key(restored) == key
    again = client.post(path, data={**CULTURAL, "idempotency_key": key})
    assert again.headers["Location"] == saved.headers["Location"]
    assert _count(query, Entry.id) == _count(query, EntryRevision.id) == 1
    assert _count(query, Draft.id) == 0  # the restored draft is gone: its text is saved


def test_a_form_sent_again_with_changes_keeps_them_as_unsaved_text_of_the_entry(client, intern, query):
    """Back to the form after saving (the back button), changed, sent again: one entry, and the change is offered."""
    _, cohort = intern
    path = f"/journal/{cohort.id}/new?kind=cultural"
    key = _new_form(client, cohort.id)
    saved = client.post(path, data={**CULTURAL, "idempotency_key": key})
    again = client.post(path, data={**CULTURAL, "body": "Elders first, then the children.", "idempotency_key": key})
    assert again.headers["Location"] == saved.headers["Location"]
    assert _count(query, Entry.id) == _count(query, EntryRevision.id) == 1
    assert query(lambda s: s.scalar(select(Entry.body))) == "Elders first."
    edit = f"{saved.headers['Location']}/edit"
    assert "You have unsaved text" in client.get(edit).get_data(as_text=True)
    restored = client.get(f"{edit}?draft=restore").get_data(as_text=True)
    assert "Elders first, then the children." in restored
    assert 'name="base_version" type="hidden" value="1"' in restored
    assert "idempotency_key" not in restored  # an edit is safe to send again through its base version


def test_a_key_belongs_to_its_author(client, make, auth, intern, query):
    person, cohort = intern
    path = f"/journal/{cohort.id}/new?kind=cultural"
    key = _new_form(client, cohort.id)
    mine = client.post(path, data={**CULTURAL, "idempotency_key": key}).headers["Location"]
    auth.logout()
    other = make.member(cohort, "intern")
    auth.login(other.email)
    # Someone else sending the same key (seen over a shoulder, or by chance) gets an entry of their own, once.
    theirs = client.post(path, data={**CULTURAL, "title": "Theirs", "idempotency_key": key})
    assert theirs.headers["Location"] != mine
    assert (
        client.post(path, data={**CULTURAL, "title": "Theirs", "idempotency_key": key}).headers["Location"]
        == (theirs.headers["Location"])
    )
    authors = query(lambda s: s.execute(select(Entry.author_id, Entry.title).order_by(Entry.id)).all())
    assert authors == [(person.id, CULTURAL["title"]), (other.id, "Theirs")]


def test_a_create_that_loses_the_race_for_its_key_returns_the_winners_entry(app, make, monkeypatch):
    """The other request inserts the entry after this one looked and found none: this one's insert
    fails on the unique key inside its savepoint, and it returns the entry the other made."""
    cohort = make.cohort()
    user = make.member(cohort, "intern")
    key = "k" * 43
    looked = services.entry_created_with

    def found_nothing_then_the_other_request_inserted(author, wanted):
        monkeypatch.setattr(services, "entry_created_with", looked)
        with Session(db.engine) as other_request:
            factories.entry(other_request, user, cohort, kind="cultural", title="Sent first", idempotency_key=wanted)
            other_request.commit()
        return None

    monkeypatch.setattr(services, "entry_created_with", found_nothing_then_the_other_request_inserted)
    with app.test_request_context():
        author, place = db.session.get(User, user.id), db.session.get(Cohort, cohort.id)
        fields = {**CULTURAL, "occurred_on": cohort.start_date}
        entry, created = services.create_entry_once(author, place, "cultural", fields, [], key)
        db.session.commit()
        assert (created, entry.title) == (False, "Sent first")
        assert db.session.scalar(select(func.count(Entry.id))) == 1
        assert db.session.scalar(select(func.count(EntryRevision.id))) == 0  # the loser wrote nothing


def test_an_edit_sent_again_after_it_was_saved_is_no_conflict_but_a_different_one_is(client, make, intern, query):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="clinical", title="Original", setting="ward", involvement="observed")
    edit = f"/entries/{entry.id}/edit"
    sent = {**CLINICAL, "base_version": "1"}
    assert client.post(edit, data=sent).status_code == 302
    # Its answer was lost: the browser sends the same form again, still from version 1.
    again = client.post(edit, data=sent)
    assert again.status_code == 302 and again.headers["Location"] == f"/entries/{entry.id}"
    assert query(lambda s: s.get(Entry, entry.id).version) == 2
    assert _count(query, EntryRevision.id) == 1
    # Anything else begun on version 1 (other text, other tags) is still a conflict, and changes nothing.
    for change in ({"body": "Another device's text."}, {"tags": "triage"}):
        conflict = client.post(edit, data={**sent, **change})
        assert conflict.status_code == 409
    assert query(lambda s: s.get(Entry, entry.id).version) == 2
    assert _count(query, EntryRevision.id) == 1


def test_an_edit_sent_again_after_a_newer_save_is_a_conflict(client, make, intern, query):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="Original")
    edit = f"/entries/{entry.id}/edit"
    mine = {**CULTURAL, "base_version": "1"}
    assert client.post(edit, data=mine).status_code == 302
    # The same text sent again, after another device saved version 3 over it, is no longer what is stored.
    assert client.post(edit, data={**CULTURAL, "body": "Newer text.", "base_version": "2"}).status_code == 302
    resent = client.post(edit, data=mine)
    assert resent.status_code == 409 and "Newer text." in resent.get_data(as_text=True)
    assert query(lambda s: s.get(Entry, entry.id).body) == "Newer text."
    assert client.post(edit, data={**CULTURAL, "body": "Newer text.", "base_version": "2"}).status_code == 302
