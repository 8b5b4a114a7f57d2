"""Names of the intern's own cohort are people too: still flagged, as a colleague's name, not a patient's.

``find_identifiers(text, colleagues)`` relabels a name finding whose words all belong to one colleague's
name (whole words, any case, with or without accents), flags a colleague's name the rules missed, and
leaves everything else as the rules decided. One word alone may be a patient's too (shared surnames): it is
a colleague's only after a professional title, otherwise the reason says it may be either. The journal
passes the roster of the entry's cohort (its members in every role, the author included; not the
coordinators, who run every cohort) on the entry page, the edit page and every gate; a member of another
cohort is nobody's colleague there.
"""

import pytest

from journal import identifiers
from journal.deid import find_identifiers
from journal.deid.colleagues import with_colleagues
from journal.deid.finding import COLLEAGUE_REASON, MAYBE_COLLEAGUE_REASON, REASONS, Finding
from journal.models import Entry
from tests.conftest import log_in_as
from tests.entries.test_identifier_marks import _check, _marks

ROSTER = ("Dr Tomás Quispe", "Ngozi Adeyemi", "Prof. Siobhán Ní Bhriain", "Luísa da Costa", "Hope Banda", "Ama Ward")
PATIENT = REASONS["name"]


def _named(text: str, roster=ROSTER) -> list[tuple[str, str, str]]:
    """The findings of ``text`` as (kind, text found, reason)."""
    return [(f.kind, text[f.start : f.end], f.reason) for f in find_identifiers(text, roster)]


@pytest.mark.parametrize(
    ("text", "colleague"),
    [
        ("Dr Quispe showed me how to palpate a spleen.", "Quispe"),
        ("Ngozi Adeyemi and I counselled the family together.", "Ngozi Adeyemi"),
        ("I asked TOMAS QUISPE to check the dose.", "TOMAS QUISPE"),  # any case, no accents
        ("La doctora Tomas explicó el caso con calma.", "Tomas"),  # accent-insensitive
        ("A Dra. Luisa da Costa explicou o plano.", "Luisa da Costa"),
    ],
)
def test_a_colleagues_name_gets_the_colleague_reason_and_stays_a_name(text, colleague):
    assert ("name", colleague, COLLEAGUE_REASON) in _named(text)
    assert not [found for found in _named(text) if found[2] == PATIENT]


@pytest.mark.parametrize(
    ("text", "patient"),
    [
        ("Saw Mrs Wanjiru Kamau on the ward.", "Wanjiru Kamau"),  # nobody of the roster
        ("Ngozi Okonkwo came back with her son.", "Ngozi Okonkwo"),  # a colleague's first name, another surname
        ("Mr Banda Quispe was admitted overnight.", "Banda Quispe"),  # words of two different colleagues
    ],
)
def test_a_name_that_is_not_one_colleagues_keeps_the_patient_reason(text, patient):
    assert ("name", patient, PATIENT) in _named(text)


def test_another_cohorts_member_is_not_a_colleague():
    text = "Dr Quispe showed me the chart."
    assert _named(text, roster=("Amina Yusuf", "Lukas Becker")) == [("name", "Quispe", PATIENT)]


def test_without_colleagues_only_the_rules_decide():
    text = "Dr Quispe saw Mrs Wanjiru Kamau on 2 May 2024 with Ngozi."
    assert find_identifiers(text) == find_identifiers(text, ()) == find_identifiers(text, [])
    assert all(found.reason != COLLEAGUE_REASON for found in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "flagged", "reason"),
    [
        ("Quispe-Ortega? No: quispe and Ngozi Adeyemi.", "Ngozi Adeyemi", COLLEAGUE_REASON),
        ("Siobhán Ní Bhriain ran the teaching.", "Siobhán Ní Bhriain", COLLEAGUE_REASON),
        ("Reviewed the charts with Sister Adeyemi.", "Adeyemi", COLLEAGUE_REASON),
        # one word alone may be a patient's too
        ("Reviewed the charts with Adeyemi.", "Adeyemi", MAYBE_COLLEAGUE_REASON),
    ],
)
def test_a_colleagues_name_the_rules_missed_is_flagged(text, flagged, reason):
    found = [(text[f.start : f.end], f.kind, f.reason) for f in with_colleagues(text, [], ROSTER)]
    assert (flagged, "name", reason) in found


@pytest.mark.parametrize(
    ("text", "patient"),
    [
        ("Mrs Adeyemi was admitted with malaria.", "Adeyemi"),  # a civil title: a patient may have that surname
        ("Ngozi came back with her baby.", "Ngozi"),
    ],
)
def test_one_word_of_a_colleagues_name_may_be_a_patients(text, patient):
    assert ("name", patient, MAYBE_COLLEAGUE_REASON) in _named(text)


@pytest.mark.parametrize(
    "text",
    [
        "We hope the swelling goes down.",  # a name word written as the word it also is
        "Handed over to the night team at eight.",  # no colleague at all
        "The Quispe2 protocol and Costa_ward are no names.",  # not whole words
        "Taken da casa to the clinic.",  # a particle of a roster name is no name on its own
        "Dr and Prof rounds were long.",  # nor are titles
        "Ward round ran late.",  # nor a clinical word that is also a colleague's surname
        "In June we moved to Lima.",  # months and places are no colleague's name on their own
        "Faith and culture shape consent here.",
        "Christmas on the ward was quiet.",
    ],
)
def test_words_that_are_not_a_colleagues_name_are_left_alone(text):
    roster = (*ROSTER, "June Mwangi", "Faith Otieno", "Christmas Moyo", "Dr Ana Lima")
    assert with_colleagues(text, [], roster) == []


def test_a_missed_name_never_overlaps_what_the_rules_found():
    text = "Call Hope Banda on 0712 345 678."
    phone = Finding("phone", text.index("0712"), len(text) - 1, REASONS["phone"])
    found = with_colleagues(text, [phone], ROSTER)
    assert [(text[f.start : f.end], f.kind) for f in found] == [("Hope Banda", "name"), ("0712 345 678", "phone")]


def test_a_name_in_a_script_without_capitals_is_flagged():
    found = with_colleagues("我和 王芳 一起查房。", [], ("王芳",))
    assert [f.reason for f in found] == [MAYBE_COLLEAGUE_REASON]


# -- through the journal: the roster of the entry's cohort --


def _page(client, entry_id: int) -> str:
    return client.get(f"/entries/{entry_id}").get_data(as_text=True)


def test_the_entry_page_names_a_cohort_members_name_a_colleagues(client, make, intern):
    person, cohort = intern
    make.member(cohort, "supervisor", name="Dr Tomás Quispe")
    make.member(make.cohort(), "supervisor", name="Dr Wanjiru Kamau")
    body = "Dr Quispe and Dr Kamau both examined the child."
    entry = make.entry(person, cohort, kind="cultural", body=body, theme="other")
    page = _page(client, entry.id)
    assert "<mark>Quispe</mark> — This is a colleague&#39;s name" in page
    assert "<mark>Kamau</mark> — This looks like a patient&#39;s name" in page


def test_a_coordinator_is_no_cohorts_colleague(app, make, intern):
    """Coordinators run every cohort of the site: a new one must not bring findings into every journal."""
    person, cohort = intern
    make.admin(name="Ngozi Adeyemi")
    with app.app_context():
        assert "Ngozi Adeyemi" not in identifiers.cohort_roster(cohort.id)
        body = "Rounds with Ngozi Adeyemi today."
        assert find_identifiers(body, identifiers.cohort_roster(cohort.id)) == find_identifiers(body)


@pytest.mark.parametrize("who", ["intern", "reviewer", "author"])
def test_every_kind_of_colleague_is_one(app, make, intern, who):
    """Fellow interns, supervisors, reviewers and the author."""
    person, cohort = intern
    if who == "author":
        person = make.member(cohort, "intern", name="Ngozi Adeyemi")
    else:
        make.member(cohort, who, name="Ngozi Adeyemi")
    client = app.test_client()
    log_in_as(client, person)
    entry = make.entry(person, cohort, kind="cultural", body="Rounds with Ngozi Adeyemi today.", theme="other")
    assert "<mark>Ngozi Adeyemi</mark> — This is a colleague&#39;s name" in _page(client, entry.id)


def test_the_edit_page_and_the_check_name_colleagues(client, make, intern):
    person, cohort = intern
    make.member(cohort, "supervisor", name="Ngozi Adeyemi")
    body = "Reviewed the charts with Dr Adeyemi; Mrs Wanjiru Kamau was discharged."
    entry = make.entry(person, cohort, kind="cultural", body=body, theme="other")
    marks = _marks(client.get(f"/entries/{entry.id}/edit").get_data(as_text=True))
    assert [(word, reason) for _, _, word, reason in marks] == [
        ("Adeyemi", COLLEAGUE_REASON),
        ("Wanjiru Kamau", PATIENT),
    ]
    answer = _check(client, cohort, {"body": body}, entry_id=entry.id).get_json()
    assert [(m["text"], m["reason"]) for m in answer["marks"]] == [
        ("Adeyemi", COLLEAGUE_REASON),
        ("Wanjiru Kamau", PATIENT),
    ]


def test_a_colleagues_name_still_waits_for_the_gate_and_one_confirmation_covers_it(client, make, intern, query):
    person, cohort = intern
    make.member(cohort, "supervisor", name="Ngozi Adeyemi")
    entry = make.entry(person, cohort, kind="cultural", body="Reviewed the charts with Adeyemi.", theme="other")
    refused = client.post(f"/entries/{entry.id}/visibility", data={"visibility": "supervisors"})
    assert "share=supervisors" in refused.headers["Location"]
    confirmed = client.post(f"/entries/{entry.id}/identifiers", data={"visibility": "supervisors", "confirm": "yes"})
    assert confirmed.status_code == 302
    stored = query(lambda s: s.get(Entry, entry.id))
    assert stored.visibility == "supervisors"
    assert stored.identifier_review["findings"] == [{"kind": "name", "text": "Adeyemi"}]
