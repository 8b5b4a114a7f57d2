"""The entry form before saving (issue #17): required fields marked, each prompt's question shown where the
intern writes, untouched prompts not saved as text, and hours shown back as people write them."""

import pytest
from sqlalchemy import select

from journal.entries.prompts import PROMPTS, starter_body, unfilled_prompts_removed
from journal.models import Entry, User
from tests.html import field_value, one, page, text_of

REQUIRED = {
    "clinical": {"title", "occurred_on", "setting", "involvement"},
    "cultural": {"title", "occurred_on", "theme"},
    "ethics": {"title", "occurred_on"},
}
# Only what each kind's form asks for, nothing optional: enough to save it.
MINIMAL = {
    "clinical": {"title": "Ward round", "occurred_on": "2026-01-10", "setting": "ward", "involvement": "observed"},
    "cultural": {"title": "Greetings", "occurred_on": "2026-01-10", "theme": "language"},
    "ethics": {"title": "Consent", "occurred_on": "2026-01-10"},
}
CLINICAL = MINIMAL["clinical"] | {"specialty": "paediatrics", "body": "Notes."}


def _new(client, cohort_id: int, kind: str, **headers) -> str:
    return client.get(f"/journal/{cohort_id}/new?kind={kind}", headers=headers).get_data(as_text=True)


def _entry(query) -> Entry:
    return query(lambda s: s.scalar(select(Entry)))


def _speaking(query, person: User, language: str) -> None:
    """Set the account's language (the account page's setting)."""

    def update(session):
        session.get(User, person.id).locale = language
        session.commit()

    query(update)


# 1. Required fields are marked before saving.


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_every_required_field_is_marked_and_only_those(client, intern, kind):
    _, cohort = intern
    form = one(_new(client, cohort.id, kind), "form#entry-form")
    assert text_of(form, ".required-note") == "Fields marked * are required."
    # The stylesheet draws the mark after these labels' words (the browser test sees it).
    marked = {label["for"] for label in form.select("label.required")}
    required = {control["name"] for control in form.select("[required]")}
    assert marked == required == REQUIRED[kind]
    assert all(text_of(label) == text_of(label).rstrip(" *") for label in form.select("label"))


def test_the_edit_form_marks_them_too(client, make, intern):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", theme="language")
    form = one(client.get(f"/entries/{entry.id}/edit").get_data(as_text=True), "form#entry-form")
    assert {label["for"] for label in form.select("label.required")} == REQUIRED["cultural"]


@pytest.mark.parametrize("kind", sorted(MINIMAL))
def test_each_kind_saves_with_its_own_required_fields_alone(client, intern, query, kind):
    _, cohort = intern
    response = client.post(f"/journal/{cohort.id}/new?kind={kind}", data=MINIMAL[kind])
    assert response.status_code == 302, text_of(response.get_data(as_text=True), ".error-summary")
    assert _entry(query).kind == kind


def test_the_server_still_says_what_is_missing(client, intern, query):
    _, cohort = intern
    data = MINIMAL["clinical"] | {"setting": "", "involvement": ""}
    refused = client.post(f"/journal/{cohort.id}/new?kind=clinical", data=data).get_data(as_text=True)
    assert text_of(refused, "#setting-error") == "Choose a setting."
    assert text_of(refused, "#involvement-error") == "Choose your involvement."
    assert _entry(query) is None


# 2. The prompts' questions are shown where the intern writes.


@pytest.mark.parametrize("kind", sorted(PROMPTS))
def test_a_new_entry_shows_each_headings_question_open_above_the_text_box(client, intern, kind):
    _, cohort = intern
    html = _new(client, cohort.id, kind)
    guide = one(html, "details.prompt-guide")
    assert guide.has_attr("open")
    shown = [(text_of(item, "dt"), text_of(item, "dd")) for item in guide.select("dl > div")]
    assert shown == [(str(heading), str(hint)) for heading, hint in PROMPTS[kind]]
    # Right before the text box, which starts with the same headings.
    assert guide.find_next("textarea")["name"] == "body"
    assert field_value(html, "body") == starter_body(kind)


def test_the_prompts_are_in_the_readers_language(client, intern, query):
    person, cohort = intern
    _speaking(query, person, "fr")
    html = _new(client, cohort.id, "clinical")
    guide = one(html, "details.prompt-guide")
    assert "Décrivez la situation" in text_of(guide)
    assert "Describe the situation" not in text_of(guide)
    assert field_value(html, "body").startswith("## Ce qui s")


def test_the_guide_is_folded_when_editing_written_text(client, make, intern):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="ethics", body="## The situation\n\nA refusal.")
    html = client.get(f"/entries/{entry.id}/edit").get_data(as_text=True)
    assert not one(html, "details.prompt-guide").has_attr("open")
    assert field_value(html, "body") == "## The situation\n\nA refusal."


def test_an_entry_with_no_text_yet_offers_the_prompts_again(client, make, intern):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="ethics", body="")
    html = client.get(f"/entries/{entry.id}/edit").get_data(as_text=True)
    assert one(html, "details.prompt-guide").has_attr("open")
    assert field_value(html, "body") == starter_body("ethics")


# 3. Prompts left untouched are not saved as the entry's text.


def _as_sent(text: str) -> str:
    """A text box's text as a browser sends it: lines end with CR LF."""
    return text.replace("\n", "\r\n")


def test_saving_with_untouched_prompts_saves_no_boilerplate(client, intern, query):
    _, cohort = intern
    body = field_value(_new(client, cohort.id, "clinical"), "body")
    response = client.post(f"/journal/{cohort.id}/new?kind=clinical", data=CLINICAL | {"body": _as_sent(body)})
    assert response.status_code == 302
    assert _entry(query).body == ""
    assert text_of(client.get(response.headers["Location"]).get_data(as_text=True), ".entry-body") == ""


def test_only_the_filled_prompts_are_kept(client, intern, query):
    _, cohort = intern
    body = starter_body("clinical").replace("## My role\n\n", "## My role\n\nI held the torch.\n\n")
    client.post(f"/journal/{cohort.id}/new?kind=clinical", data=CLINICAL | {"body": _as_sent(body)})
    assert _entry(query).body == "## My role\r\n\r\nI held the torch."


def test_a_create_sent_again_with_untouched_prompts_is_saved_once(client, intern, query):
    _, cohort = intern
    html = _new(client, cohort.id, "cultural")
    sent = {name: field_value(html, name) for name in ("body", "idempotency_key")}
    data = MINIMAL["cultural"] | sent
    client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data)
    again = client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data, follow_redirects=True)
    assert "This entry was already saved." in again.get_data(as_text=True)
    assert query(lambda s: len(s.scalars(select(Entry)).all())) == 1


def test_unfilled_prompts_removed(app):
    with app.test_request_context():
        prompts = starter_body("cultural")
        assert unfilled_prompts_removed(prompts, "cultural") == ""
        assert unfilled_prompts_removed(_as_sent(prompts), "cultural") == ""
        # Written text stays exactly as it is, other headings too, even empty ones.
        written = "Before.\n\n## What I noticed\n\nElders first.\n\n## My own heading\n\n"
        assert unfilled_prompts_removed(written, "cultural") == written
        assert unfilled_prompts_removed(written + "## What it means for patients\n", "cultural") == written.rstrip()
        # A sub-heading under a prompt is something written under it.
        assert unfilled_prompts_removed("## What I noticed\n### At the market\n", "cultural").startswith("## What I")
        # Another kind's headings, and prose that only mentions a prompt, are the intern's.
        assert unfilled_prompts_removed("## What happened\n", "cultural") == "## What happened\n"
        assert unfilled_prompts_removed("What I noticed", "cultural") == "What I noticed"
        # A form opened in French and saved after switching to English: its French headings go too.
        assert unfilled_prompts_removed("## Ce que j'ai remarqué\n\n", "cultural") == ""
        assert unfilled_prompts_removed(None, "cultural") is None


# 4. Hours are shown back as people write them.


@pytest.mark.parametrize(("language", "typed", "shown"), [("en", "2.5", "2.5"), ("fr", "2,5", "2,5")])
def test_hours_come_back_as_typed(client, intern, query, language, typed, shown):
    person, cohort = intern
    _speaking(query, person, language)
    client.post(f"/journal/{cohort.id}/new?kind=clinical", data=CLINICAL | {"hours": typed})
    entry = _entry(query)
    assert str(entry.hours) == "2.50"
    edit = client.get(f"/entries/{entry.id}/edit").get_data(as_text=True)
    assert field_value(edit, "hours") == shown
    hours = one(edit, "input#hours")
    assert (hours["type"], hours["inputmode"]) == ("text", "decimal")  # a number box holds no "2,5"
    view = page(client.get(f"/entries/{entry.id}").get_data(as_text=True))
    assert text_of(view.find("dt", string="Hours" if language == "en" else "Heures").find_next("dd")) == shown


def test_whole_hours_show_no_decimals(client, make, intern):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="clinical", setting="ward", involvement="observed", hours=3)
    assert field_value(client.get(f"/entries/{entry.id}/edit").get_data(as_text=True), "hours") == "3"


def test_a_refused_form_keeps_the_hours_as_typed(client, intern, query):
    person, cohort = intern
    _speaking(query, person, "fr")
    data = CLINICAL | {"title": "", "hours": "2,5"}
    refused = client.post(f"/journal/{cohort.id}/new?kind=clinical", data=data).get_data(as_text=True)
    assert field_value(refused, "hours") == "2,5"


def test_a_restored_draft_keeps_the_hours_as_typed(client, intern, query):
    person, cohort = intern
    _speaking(query, person, "fr")
    fields = {"title": "Garde de nuit", "hours": "2,5", "body": "x"}
    client.post(f"/journal/{cohort.id}/drafts", json={"kind": "clinical", "entry_id": None, "fields": fields})
    restored = client.get(f"/journal/{cohort.id}/new?kind=clinical&draft=restore").get_data(as_text=True)
    assert field_value(restored, "hours") == "2,5"


@pytest.mark.parametrize("typed", ["0.2500000000000000000000000000001", "1e-999999999", "2.505", "1e15"])
def test_hours_a_column_cannot_hold_exactly_are_refused_not_rounded(client, intern, query, typed):
    _, cohort = intern
    refused = client.post(f"/journal/{cohort.id}/new?kind=clinical", data=CLINICAL | {"hours": typed})
    assert refused.status_code == 200 and field_value(refused.get_data(as_text=True), "hours") == typed
    assert query(lambda s: s.scalar(select(Entry))) is None


def test_a_zero_with_a_huge_exponent_is_saved_as_zero(client, intern, query):
    _, cohort = intern
    client.post(f"/journal/{cohort.id}/new?kind=clinical", data=CLINICAL | {"hours": "0e999999999"})
    assert str(_entry(query).hours) == "0.00"


def test_a_prompt_heading_typed_inside_a_code_block_is_kept(app):
    body = "```\n## What happened\n\n## My role\n```\n"
    with app.test_request_context():
        assert unfilled_prompts_removed(body, "clinical") == body
        assert unfilled_prompts_removed(body + "\n## My role\n\n", "clinical") == body.rstrip()
