"""The entry form marks the suspected identifiers of the text being written, so the intern can find them.

Without JavaScript, the edit and new-entry pages list each one under the text: an excerpt around it
with the flagged words marked, why it matters, and a link to its field, with offsets as a browser
counts them. While the intern types, the page asks the identifier check (``entries.check_identifiers``)
again: the intern's own journal and entries only, JSON, nothing stored, nothing of the text logged.
"""

import json

import pytest
from sqlalchemy import func, select

from journal.deid.finding import COLLEAGUE_REASON, REASONS
from journal.entries.check_views import CHECK_LIMIT
from journal.entries.marks import EXCERPT_CHARS, form_marks, summary
from journal.models import AuditEvent, Draft, Entry, EntryRevision
from tests.conftest import log_in_as
from tests.html import one, texts
from tests.test_logs import everything_at_debug

# A note with a patient's name and a full date in it, and one without.
NAMED = "On the ward round we saw Mrs Wanjiku Otieno, admitted on 14/02/2025 with a fever."
CLEAN = "On the ward round we saw an older woman admitted with a fever."
# A note the check must flag, with a word of random letters to look for in the logs.
TRACED = "Saw Mrs Zqxvonderbeek on the ward; her MRN is 00417733."


def _check(client, cohort, fields, entry_id=None, **kwargs):
    """Ask the identifier check, as the form's script does."""
    return client.post(f"/journal/{cohort.id}/identifiers", json={"entry_id": entry_id, "fields": fields}, **kwargs)


def _marks(page: str) -> list[tuple[str, str, str, str]]:
    """The listed marks of a form page: (field, excerpt, marked words, reason), as read on the page."""
    section = one(page, "#identifier-marks")
    return [
        (
            item.select_one("a.mark-link")["data-field"],
            item.select_one(".excerpt").get_text(),
            item.select_one("mark").get_text(),
            item.select_one(".mark-reason").get_text(),
        )
        for item in section.select("li")
    ]


def _stored(query) -> tuple[int, int, int, int]:
    """How many entries, revisions, drafts and audit events the database holds."""
    return query(
        lambda s: tuple(
            s.scalar(select(func.count()).select_from(model)) for model in (Entry, EntryRevision, Draft, AuditEvent)
        )
    )


# -- the page, rendered by the server (works without JavaScript) --


def test_the_edit_page_lists_each_flagged_word_with_its_reason_and_an_excerpt(client, make, intern):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="Fever on the ward", body=NAMED, theme="other")
    page = client.get(f"/entries/{entry.id}/edit").get_data(as_text=True)
    marks = _marks(page)
    assert [(field, word) for field, _, word, _ in marks] == [("body", "Wanjiku Otieno"), ("body", "14/02/2025")]
    assert marks[0][3] == REASONS["name"] and marks[1][3] == REASONS["date"]
    # The excerpt holds the words around the mark, cut at a whole word.
    assert marks[0][1] == NAMED
    assert marks[1][1] == "…we saw Mrs Wanjiku Otieno, admitted on 14/02/2025 with a fever."
    assert "<mark>Wanjiku Otieno</mark>" in page
    assert one(page, "#identifier-marks [role=status]").get_text() == (
        "2 possible identifiers to check: “Wanjiku Otieno”, “14/02/2025”. "
        "Each is listed below with why; choose one to find it in the text."
    )
    # Each links to its field, with where the words are in it.
    link = one(page, "#identifier-marks a.mark-link", containing="flagged: Wanjiku")
    start = NAMED.index("Wanjiku")
    assert (link["href"], link["data-start"], link["data-end"]) == ("#body", str(start), str(start + 14))


def test_marks_of_the_title_and_tags_say_where_they_are(client, make, intern):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="Visit on 3 March 2025", body=CLEAN, theme="other")
    page = client.get(f"/entries/{entry.id}/edit").get_data(as_text=True)
    assert _marks(page) == [("title", "Visit on 3 March 2025", "3 March 2025", "In the title: " + REASONS["date"])]
    assert one(page, "#identifier-marks a.mark-link")["href"] == "#title"


def test_a_clean_text_says_nothing_was_found_and_that_the_check_can_miss(client, make, intern):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="Fever on the ward", body=CLEAN, theme="other")
    page = client.get(f"/entries/{entry.id}/edit").get_data(as_text=True)
    assert _marks(page) == []
    assert one(page, "ol.identifier-marks-list").decode_contents() == ""  # so that it takes no room
    assert "None found so far. The check can miss things" in one(page, "#identifier-marks").get_text()


def test_the_new_entry_page_has_the_list_and_its_check(client, intern):
    _, cohort = intern
    page = client.get(f"/journal/{cohort.id}/new?kind=ethics").get_data(as_text=True)
    section = one(page, "#identifier-marks")
    assert section["data-check-url"] == f"/journal/{cohort.id}/identifiers"
    assert section["aria-labelledby"] == "identifier-marks-title"
    assert texts(page, "#identifier-marks-title") == ["Possible identifiers in your text"]
    assert "/static/" in one(page, "script[src*='identifier-marks']")["src"]


def test_a_refused_save_marks_the_text_as_typed(client, make, intern):
    person, cohort = intern
    entry = make.entry(
        person, cohort, kind="cultural", visibility="supervisors", title="Ward", body=CLEAN, theme="other"
    )
    data = {"title": "Ward", "occurred_on": "2026-01-10", "theme": "other", "body": NAMED, "base_version": "1"}
    response = client.post(f"/entries/{entry.id}/edit", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert [word for _, _, word, _ in _marks(page)] == ["Wanjiku Otieno", "14/02/2025"]
    assert "where they are marked under the text" in page


def test_offsets_count_as_a_browser_does_line_ends_and_characters_beyond_the_bmp(client, make, intern):
    person, cohort = intern
    body = "Long day 😮‍💨\r\nThen Mrs Wanjiku Otieno came back."
    entry = make.entry(person, cohort, kind="cultural", title="Ward", body=body, theme="other")
    page = client.get(f"/entries/{entry.id}/edit").get_data(as_text=True)
    link = one(page, "#identifier-marks a.mark-link")
    typed = body.replace("\r\n", "\n")
    start = len(typed[: typed.index("Wanjiku")].encode("utf-16-le")) // 2
    assert (int(link["data-start"]), int(link["data-end"])) == (start, start + len("Wanjiku Otieno"))


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("Mrs Wanjiku Otieno came.", "Mrs ", " came."),
        ("x" * 60 + " and then Mrs Wanjiku Otieno came", "…and then Mrs ", " came"),
        (
            "Mrs Wanjiku Otieno\n\ncame back with her daughter and her grandson, both worried",
            "Mrs ",
            " came back with her daughter and her…",
        ),
    ],
)
def test_an_excerpt_shows_whole_words_on_one_line(text, before, after):
    found = [mark for mark in form_marks({"body": text}) if mark.text == "Wanjiku Otieno"]
    assert [(mark.before, mark.after) for mark in found] == [(before, after)]
    assert len(found[0].before) <= EXCERPT_CHARS + 1 and len(found[0].after) <= EXCERPT_CHARS + 1


# -- the check asked while typing --


def test_the_summary_names_the_first_few_words_and_counts_the_rest():
    marks = form_marks({"body": "Mrs Achieng, Mr Tetteh, Ms Quispe and Dr Okafor met."})
    assert [mark.text for mark in marks] == ["Achieng", "Tetteh", "Quispe", "Okafor"]
    assert summary(marks).startswith("4 possible identifiers to check: “Achieng”, “Tetteh”, “Quispe” and 1 more. ")
    assert summary(marks[:1]).startswith("1 possible identifier to check: “Achieng”. ")


def test_the_check_answers_the_marks_of_the_text_sent(client, intern):
    _, cohort = intern
    response = _check(client, cohort, {"title": "Ward", "body": NAMED, "tags": "fever"})
    assert response.status_code == 200 and response.is_json
    marks = response.get_json()["marks"]
    assert [(m["field"], m["kind"], m["text"], m["reason"]) for m in marks] == [
        ("body", "name", "Wanjiku Otieno", REASONS["name"]),
        ("body", "date", "14/02/2025", REASONS["date"]),
    ]
    start = NAMED.index("Wanjiku")
    assert (marks[0]["start"], marks[0]["end"], marks[0]["place"]) == (start, start + 14, "")
    assert marks[0]["before"] == "On the ward round we saw Mrs "
    assert response.get_json()["summary"].startswith("2 possible identifiers to check: “Wanjiku Otieno”, “14/02/2025”.")


def test_the_check_of_an_own_entry_marks_colleagues_names(client, make, intern):
    person, cohort = intern
    make.member(cohort, "supervisor", name="Dr Tomás Quispe")
    entry = make.entry(person, cohort, kind="cultural", title="Ward", body=CLEAN, theme="other")
    response = _check(client, cohort, {"body": "Dr Quispe taught me to listen first."}, entry_id=entry.id)
    assert [(m["text"], m["reason"]) for m in response.get_json()["marks"]] == [("Quispe", COLLEAGUE_REASON)]


def test_the_check_stores_nothing_and_logs_no_text(client, intern, query):
    _, cohort = intern
    before = _stored(query)
    with everything_at_debug() as capture:
        response = _check(client, cohort, {"title": "Zqxvonderbeek", "body": TRACED})
    assert {"Zqxvonderbeek", "00417733"} <= {m["text"] for m in response.get_json()["marks"]}
    assert capture.lines, "nothing was logged at all: the capture is off"
    assert not [line for line in capture.lines if "Zqxvonderbeek" in line or "00417733" in line]
    assert _stored(query) == before


def test_another_interns_entry_is_not_found(app, client, make, intern):
    person, cohort = intern
    other = make.member(cohort, "intern")
    theirs = make.entry(other, cohort, kind="cultural", body=CLEAN, theme="other")
    assert _check(client, cohort, {"body": NAMED}, entry_id=theirs.id).status_code == 404


@pytest.mark.parametrize("entry_id", ["1", True, 0, 2**70, 1.5, [1]])
def test_an_entry_id_that_names_no_entry_is_not_found(client, intern, entry_id):
    _, cohort = intern
    assert _check(client, cohort, {"body": NAMED}, entry_id=entry_id).status_code == 404


def test_an_own_entry_of_another_cohort_is_not_found(client, make, intern):
    person, cohort = intern
    elsewhere = make.cohort()
    make.membership(person, elsewhere, "intern")
    mine = make.entry(person, elsewhere, kind="cultural", body=CLEAN, theme="other")
    assert _check(client, cohort, {"body": NAMED}, entry_id=mine.id).status_code == 404


@pytest.mark.parametrize("role", ["supervisor", "reviewer"])
def test_the_cohorts_other_roles_are_refused(app, make, intern, role):
    _, cohort = intern
    reader = app.test_client()
    log_in_as(reader, make.member(cohort, role))
    response = _check(reader, cohort, {"body": NAMED})
    assert response.status_code == 404 and response.is_json


def test_an_intern_of_another_cohort_is_refused(app, make, intern):
    _, cohort = intern
    stranger = app.test_client()
    log_in_as(stranger, make.member(make.cohort(), "intern"))
    assert _check(stranger, cohort, {"body": NAMED}).status_code == 404


def test_nobody_logged_in_gets_401(app, intern):
    _, cohort = intern
    response = _check(app.test_client(), cohort, {"body": NAMED})
    assert response.status_code == 401 and response.is_json


@pytest.mark.parametrize(
    "document",
    [None, [], {"fields": None}, {"fields": "text"}, {"fields": {"body": 3}}, {"fields": {"body": ["a"]}}],
)
def test_what_is_not_a_forms_text_is_refused(client, intern, document):
    _, cohort = intern
    response = client.post(
        f"/journal/{cohort.id}/identifiers", data=json.dumps(document), content_type="application/json"
    )
    assert response.status_code == 400 and response.is_json


def test_more_text_than_an_entry_holds_is_refused(client, intern):
    _, cohort = intern
    assert _check(client, cohort, {"body": "word " * 20_000}).status_code == 413


def test_checks_far_beyond_typing_are_refused_per_account(app, client, make, intern):
    """More checks in a minute than CHECK_LIMIT from one account: 429; another account is counted apart."""
    _, cohort = intern
    allowed = int(CHECK_LIMIT.split()[0])
    answers = [_check(client, cohort, {"body": "Ward round."}).status_code for _ in range(allowed + 1)]
    assert answers[:allowed] == [200] * allowed
    assert answers[-1] == 429
    second = app.test_client()
    log_in_as(second, make.member(cohort, "intern"))
    assert _check(second, cohort, {"body": "Ward round."}).status_code == 200


def test_fields_the_check_does_not_read_are_left_out(client, intern):
    _, cohort = intern
    response = _check(client, cohort, {"body": CLEAN, "setting": "Mrs Wanjiku Otieno", "theme": "12/03/1958"})
    assert response.get_json()["marks"] == []
