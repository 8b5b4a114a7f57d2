"""Writing, editing, sharing, history and trash, through the pages."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from journal.models import Entry, EntryRevision

CLINICAL = {
    "title": "Triage on the children's ward",
    "occurred_on": "2026-01-10",
    "setting": "ward",
    "involvement": "assisted",
    "specialty": "paediatrics",
    "hours": "2.5",
    "tags": "#Triage, paediatrics triage",
    "body": "## What happened\n\nA busy morning.",
}


def _entry(query, entry_id=None):
    return query(lambda s: s.scalar(select(Entry).where(Entry.id == entry_id) if entry_id else select(Entry)))


def test_new_entry_offers_the_three_kinds(client, intern):
    _, cohort = intern
    body = client.get(f"/journal/{cohort.id}/new").get_data(as_text=True)
    for label in ("Clinical observation", "Cultural reflection", "Ethics note"):
        assert label in body


@pytest.mark.parametrize(
    ("kind", "heading"), [("clinical", "## My role"), ("cultural", "## What I noticed"), ("ethics", "## The situation")]
)
def test_new_entry_starts_with_the_kinds_prompts(client, intern, kind, heading):
    _, cohort = intern
    assert heading in client.get(f"/journal/{cohort.id}/new?kind={kind}").get_data(as_text=True)


def test_write_a_clinical_entry(client, intern, query):
    person, cohort = intern
    response = client.post(f"/journal/{cohort.id}/new?kind=clinical", data=CLINICAL)
    entry = _entry(query)
    assert response.headers["Location"] == f"/entries/{entry.id}"
    assert (entry.author_id, entry.cohort_id, entry.kind, entry.visibility) == (
        person.id,
        cohort.id,
        "clinical",
        "private",
    )
    assert (entry.setting, entry.involvement, str(entry.hours)) == ("ward", "assisted", "2.50")
    assert query(lambda s: sorted(s.get(Entry, entry.id).tag_names)) == ["paediatrics", "triage"]
    assert query(lambda s: s.scalar(select(func.count(EntryRevision.id)))) == 1
    page = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert "Only you can read this entry." in page
    assert "<h2>What happened</h2>" in page


def test_ethics_entry_keeps_several_principles(client, intern, query):
    _, cohort = intern
    data = {"title": "Consent", "occurred_on": "2026-01-10", "principles": ["autonomy", "consent"], "body": "x"}
    client.post(f"/journal/{cohort.id}/new?kind=ethics", data=data)
    entry = _entry(query)
    assert entry.principles == ["autonomy", "consent"]
    assert "Autonomy, Informed consent" in client.get(f"/entries/{entry.id}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"occurred_on": (date.today() + timedelta(days=2)).isoformat()}, "The date cannot be in the future."),
        ({"hours": "25"}, "Hours go from 0 to 24."),
        ({"hours": "1.3"}, "Use quarter hours"),
        ({"setting": ""}, "Choose a setting."),
        ({"tags": "a b c d e f g h i j k"}, "Use at most 10 tags."),
        ({"tags": "ok, bad!tag"}, "Tags use letters, digits and hyphens only"),
    ],
)
def test_bad_input_says_what_to_fix_and_keeps_the_text(client, intern, query, change, message):
    _, cohort = intern
    response = client.post(f"/journal/{cohort.id}/new?kind=clinical", data={**CLINICAL, **change})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body
    assert "A busy morning." in body
    assert query(lambda s: s.scalar(select(func.count(Entry.id)))) == 0


def test_edit_keeps_every_version(client, make, intern, query):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="First title", tags=("malaria", "night"))
    page = client.get(f"/entries/{entry.id}/edit").get_data(as_text=True)
    assert 'value="First title"' in page and 'value="malaria, night"' in page
    assert 'name="base_version" type="hidden" value="1"' in page
    client.post(f"/journal/{cohort.id}/new?kind=cultural", data={})  # an invalid post changes nothing
    data = {
        "title": "Second title",
        "occurred_on": "2026-01-10",
        "theme": "family",
        "body": "new text",
        "base_version": "1",
    }
    assert client.post(f"/entries/{entry.id}/edit", data=data).status_code == 302
    saved = _entry(query, entry.id)
    assert (saved.title, saved.version, saved.theme) == ("Second title", 2, "family")
    history = client.get(f"/entries/{entry.id}/history").get_data(as_text=True)
    assert "Version 2: Second title" in history


def test_saving_over_a_newer_version_shows_both(client, make, intern, query):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="Original")
    base = {"occurred_on": "2026-01-10", "theme": "family", "base_version": "1"}
    client.post(f"/entries/{entry.id}/edit", data={**base, "title": "From the phone", "body": "phone text"})
    response = client.post(
        f"/entries/{entry.id}/edit", data={**base, "title": "From the laptop", "body": "laptop text"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "phone text" in body and "laptop text" in body
    assert _entry(query, entry.id).title == "From the phone"
    # Saving again from the conflict page (now based on version 2) keeps the laptop's text as version 3.
    assert 'name="base_version" type="hidden" value="2"' in body
    final = {**base, "base_version": "2", "title": "From the laptop", "body": "laptop text"}
    assert client.post(f"/entries/{entry.id}/edit", data=final).status_code == 302
    assert _entry(query, entry.id).version == 3


def test_restore_an_earlier_version(client, make, intern, query):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="Original")
    client.post(
        f"/entries/{entry.id}/edit",
        data={"title": "v1 text", "occurred_on": "2026-01-10", "theme": "family", "body": "one", "base_version": "1"},
    )
    client.post(
        f"/entries/{entry.id}/edit",
        data={"title": "v2 text", "occurred_on": "2026-01-11", "theme": "beliefs", "body": "two", "base_version": "2"},
    )
    assert "Restore this version" in client.get(f"/entries/{entry.id}/history/2").get_data(as_text=True)
    assert client.post(f"/entries/{entry.id}/history/2/restore").status_code == 302
    saved = _entry(query, entry.id)
    assert (saved.title, saved.body, saved.version, saved.occurred_on) == ("v1 text", "one", 4, date(2026, 1, 10))
    assert client.get(f"/entries/{entry.id}/history/99").status_code == 404


def test_visibility_changes_in_one_click_and_takes_effect(client, make, auth, query):
    cohort = make.cohort()
    author = make.member(cohort, "intern")
    supervisor = make.member(cohort, "supervisor")
    entry = make.entry(author, cohort, title="Shared later")
    auth.login(author.email)
    assert client.post(f"/entries/{entry.id}/visibility", data={"visibility": "supervisors"}).status_code == 302
    auth.logout()
    auth.login(supervisor.email)
    assert client.get(f"/entries/{entry.id}").status_code == 200
    auth.logout()
    auth.login(author.email)
    client.post(f"/entries/{entry.id}/visibility", data={"visibility": "private"})
    auth.logout()
    auth.login(supervisor.email)
    assert client.get(f"/entries/{entry.id}").status_code == 404


def test_unknown_visibility_is_refused(client, make, intern, query):
    person, cohort = intern
    entry = make.entry(person, cohort)
    assert client.post(f"/entries/{entry.id}/visibility", data={"visibility": "public"}).status_code == 400
    assert _entry(query, entry.id).visibility == "private"


def test_trash_and_restore(client, make, intern, query):
    person, cohort = intern
    entry = make.entry(person, cohort, title="Oops")
    assert "Move “Oops” to the trash?" in client.get(f"/entries/{entry.id}/delete").get_data(as_text=True)
    client.post(f"/entries/{entry.id}/delete")
    assert client.get(f"/entries/{entry.id}").status_code == 404
    assert "Oops" not in client.get(f"/journal/{cohort.id}/").get_data(as_text=True)
    assert "Oops" in client.get(f"/journal/{cohort.id}/trash").get_data(as_text=True)
    assert client.post(f"/entries/{entry.id}/restore").status_code == 302
    assert _entry(query, entry.id).deleted_at is None
    assert client.post(f"/entries/{entry.id}/restore").status_code == 404


def test_trash_forgets_entries_after_30_days(make, intern, query, app):
    from journal.entries.services import trash_of
    from journal.models.types import utcnow

    person, cohort = intern
    old = make.entry(person, cohort, title="Old", deleted=True)
    make.entry(person, cohort, title="Recent", deleted=True)
    query(lambda s: (setattr(s.get(Entry, old.id), "deleted_at", utcnow() - timedelta(days=31)), s.commit()))
    titles = query(lambda s: [e.title for e in trash_of(s.get(type(person), person.id), cohort.id)])
    assert titles == ["Recent"]


def test_list_filters(client, make, intern):
    person, cohort = intern
    make.entry(person, cohort, kind="clinical", title="Clinic day", tags=("malaria",), occurred_on=date(2026, 1, 3))
    make.entry(person, cohort, kind="ethics", title="Consent talk", visibility="cohort", occurred_on=date(2026, 1, 9))
    make.entry(person, cohort, kind="cultural", title="Market day", occurred_on=date(2026, 2, 1))

    def titles(query_string):
        body = client.get(f"/journal/{cohort.id}/?{query_string}").get_data(as_text=True)
        return [t for t in ("Clinic day", "Consent talk", "Market day") if t in body]

    assert titles("") == ["Clinic day", "Consent talk", "Market day"]
    assert titles("kind=ethics") == ["Consent talk"]
    assert titles("visibility=cohort") == ["Consent talk"]
    assert titles("tag=%23Malaria") == ["Clinic day"]
    assert titles("start=2026-01-05&end=2026-01-31") == ["Consent talk"]
    assert titles("kind=nonsense") == ["Clinic day", "Consent talk", "Market day"]


def test_list_is_newest_first_and_paginated(client, make, intern):
    person, cohort = intern
    for day in range(1, 26):
        make.entry(person, cohort, title=f"Day {day:02d}", occurred_on=date(2026, 1, day))
    first = client.get(f"/journal/{cohort.id}/").get_data(as_text=True)
    assert first.index("Day 25") < first.index("Day 24")
    assert "Day 05" not in first and "Page 1 of 2" in first
    second = client.get(f"/journal/{cohort.id}/?page=2").get_data(as_text=True)
    assert "Day 05" in second and "Day 25" not in second


def test_others_entries_never_appear_in_my_list(client, make, intern):
    person, cohort = intern
    other = make.member(cohort, "intern")
    make.entry(other, cohort, title="Someone else's", visibility="cohort")
    assert "Someone else" not in client.get(f"/journal/{cohort.id}/").get_data(as_text=True)


def test_list_query_count_does_not_grow(client, make, intern, count_queries):
    person, cohort = intern
    for _ in range(10):
        make.entry(person, cohort, tags=("a", "b"))
    few = count_queries(lambda: client.get(f"/journal/{cohort.id}/"))
    for _ in range(190):
        make.entry(person, cohort, tags=("a", "b"))
    many = count_queries(lambda: client.get(f"/journal/{cohort.id}/"))
    assert few > 0
    assert many == few


def test_supervisor_has_no_journal(client, make, auth):
    cohort = make.cohort()
    supervisor = make.member(cohort, "supervisor")
    auth.login(supervisor.email)
    assert client.get(f"/journal/{cohort.id}/").status_code == 404
    assert 'href="/journal/' not in client.get(f"/home/{cohort.id}").get_data(as_text=True)


@pytest.mark.parametrize("base_version", ["", "abc", "99"])
def test_an_unreadable_or_wrong_base_version_is_a_conflict_not_an_error(client, make, intern, query, base_version):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="Kept")
    data = {
        "title": "Mine",
        "occurred_on": "2026-01-10",
        "theme": "family",
        "body": "mine",
        "base_version": base_version,
    }
    response = client.post(f"/entries/{entry.id}/edit", data=data)
    assert response.status_code == 409
    assert "mine" in response.get_data(as_text=True)
    assert _entry(query, entry.id).title == "Kept"
