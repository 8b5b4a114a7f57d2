"""The reviewer's credit table and CSV: the figures an intern submitted, met or not against the cohort's
requirements, and live figures only ever labelled as live and not submitted."""

import csv
import io
from decimal import Decimal

from sqlalchemy import update

from journal.models import Competency
from tests.html import one, page, text_of
from tests.portfolio.conftest import log_in
from tests.portfolio.test_credit import _set


def _csv(client, cohort_id) -> dict[str, dict]:
    text = client.get(f"/portfolio/{cohort_id}/credit.csv").data.decode("utf-8-sig")
    return {row["intern"]: row for row in csv.DictReader(io.StringIO(text))}


def _group(html: str, name: str):
    """The rows of one intern in the credit table (their ``tbody``)."""
    return one(html, "table.credit-table tbody.credit-intern", containing=name)


def _cells(row) -> dict[str, str]:
    """A row's figure cells by their label (as a phone shows them beside each figure)."""
    return {cell["data-label"]: text_of(cell) for cell in row.select("td")}


def test_the_table_shows_the_submission_s_figures_and_labels_live_ones(client, auth, make, portfolio, submitted):
    # After submitting, Amira writes more: the live figures move on, the submitted ones stay.
    make.entry(portfolio.intern, portfolio.cohort, kind="clinical", hours=Decimal(4), title="After submitting")
    log_in(auth, portfolio.reviewer)
    html = client.get(f"/portfolio/{portfolio.cohort.id}/submissions").text
    amira = _group(html, "Amira Haddad")
    assert text_of(amira, "th[scope=rowgroup]") == "Amira Haddad"
    as_submitted = _cells(one(amira, "tr.credit-submitted"))
    assert as_submitted["Figures from"].startswith("Submitted") and submitted.code in as_submitted["Figures from"]
    assert as_submitted["Clinical hours"] == "5.5"
    assert as_submitted["Entries (clinical / cultural / ethics)"] == "2 / 1 / 1"
    assert as_submitted["Files"] == "PDF · JSON · CLR · Leap2A"
    live = _cells(one(amira, "tr.credit-live"))
    assert live["Figures from"] == "Live, not submitted"
    assert (live["Clinical hours"], live["Entries (clinical / cultural / ethics)"]) == ("9.5", "3 / 1 / 1")
    # Bruno submitted nothing: one row, live and labelled so, and said to be not submitted.
    bruno = _group(html, "Bruno Costa")
    assert bruno.select("tr.credit-submitted") == []
    only = _cells(one(bruno, "tr.credit-live"))
    assert only["Figures from"] == "Live, not submitted" and only["Files"] == "Not submitted"
    # Every figure cell carries its heading, for the phone layout.
    assert all(cell.has_attr("data-label") for cell in page(html).select("table.credit-table td"))
    assert "only what interns submitted" not in html


def test_met_is_judged_against_the_cohort_s_requirements_now(client, auth, make, portfolio):
    c1, *_ = portfolio.competencies
    log_in(auth, portfolio.coordinator)
    _set(client, portfolio.cohort.id, min_clinical_hours="5", competencies=[c1.id])
    submission = make.submission(portfolio.intern, portfolio.cohort, portfolio.chosen)
    assert submission.requirements_met
    html = client.get(f"/portfolio/{portfolio.cohort.id}/submissions").text
    assert _cells(one(_group(html, "Amira Haddad"), "tr.credit-submitted"))["Requirements"] == "✓ Met"
    # The cohort now asks for more hours than were submitted; Amira's live journal has them.
    _set(client, portfolio.cohort.id, min_clinical_hours="8", competencies=[c1.id])
    make.entry(portfolio.intern, portfolio.cohort, kind="clinical", hours=Decimal(4))
    html = client.get(f"/portfolio/{portfolio.cohort.id}/submissions").text
    amira = _group(html, "Amira Haddad")
    requirements = _cells(one(amira, "tr.credit-submitted"))["Requirements"]
    assert requirements.startswith("Not met: 1 requirement missing")
    assert "Clinical hours: 5.5 of 8 (2.5 more)" in requirements
    assert "Met when submitted: the requirements have changed since." in requirements
    assert _cells(one(amira, "tr.credit-live"))["Requirements"] == "✓ Met"

    rows = _csv(client, portfolio.cohort.id)
    amira, bruno = rows["Amira Haddad"], rows["Bruno Costa"]
    assert (amira["clinical_hours"], amira["requirements_met"]) == ("5.5", "no")
    assert amira["missing"] == "Clinical hours: 5.5 of 8 (2.5 more)"
    assert (amira["live_clinical_hours"], amira["live_requirements_met"], amira["live_missing"]) == ("9.5", "yes", "")
    assert amira["latest_submission_code"] == submission.code
    assert (amira["competencies_signed_off"], amira["live_competencies_signed_off"]) == ("1", "1")
    assert amira["competencies_required"] == "1"
    # Nothing submitted: no submitted figures, not met; the live ones beside.
    assert bruno["clinical_hours"] == bruno["clinical_entries"] == bruno["missing"] == ""
    assert bruno["requirements_met"] == "no" and bruno["competencies_required"] == "1"
    assert bruno["live_clinical_entries"] == "0" and bruno["live_requirements_met"] == "no"


def test_the_figures_come_from_the_frozen_document(client, auth, make, portfolio, submitted):
    # The document is what credit is given for; the live journal never leaks into the submitted columns.
    make.entry(portfolio.intern, portfolio.cohort, kind="ethics", title="Written later")
    log_in(auth, portfolio.reviewer)
    amira = _csv(client, portfolio.cohort.id)["Amira Haddad"]
    assert (amira["ethics_entries"], amira["live_ethics_entries"]) == ("1", "2")
    header = client.get(f"/portfolio/{portfolio.cohort.id}/credit.csv").data.decode("utf-8-sig").splitlines()[0]
    assert header.split(",")[:13] == [
        "intern",
        "email",
        "clinical_hours",
        "clinical_entries",
        "cultural_entries",
        "ethics_entries",
        "competencies_signed_off",
        "competencies_required",
        "requirements_met",
        "missing",
        "latest_submission_code",
        "latest_submission_sha256",
        "latest_submitted_at",
    ]
    assert all(name.startswith("live_") for name in header.split(",")[13:])


def test_the_page_costs_the_same_queries_whatever_the_number_of_submissions(
    client, auth, make, portfolio, submitted, count_queries
):
    log_in(auth, portfolio.reviewer)
    url = f"/portfolio/{portfolio.cohort.id}/submissions"
    few = count_queries(lambda: client.get(url))
    for n in range(3):
        intern = make.member(portfolio.cohort, "intern", name=f"Intern {n}")
        make.submission(intern, portfolio.cohort, [make.entry(intern, portfolio.cohort, visibility="supervisors")])
    assert count_queries(lambda: client.get(url)) == few


def test_a_competency_the_document_does_not_record_counts_as_not_signed_off(client, auth, portfolio, submitted, query):
    # The framework changed after submitting: C1 is now known by another code, which the document never saw.
    c1 = portfolio.competencies[0]
    query(lambda s: (s.execute(update(Competency).where(Competency.id == c1.id).values(code="C1-NEW")), s.commit()))
    log_in(auth, portfolio.reviewer)
    amira = _csv(client, portfolio.cohort.id)["Amira Haddad"]
    assert (amira["competencies_signed_off"], amira["live_competencies_signed_off"]) == ("0", "1")
    assert "C1-NEW" in amira["missing"] and "C1-NEW" not in amira["live_missing"]
