"""Credit requirements: set by coordinators, and the same verdict on every page that shows them."""

import csv
import io
from decimal import Decimal

from sqlalchemy import select

from journal.models import AuditEvent, CreditRequirements
from tests.portfolio.conftest import log_in


def _set(client, cohort_id, **values):
    data = {"min_clinical_hours": "0", "min_clinical_entries": "0", "min_cultural_entries": "0"}
    data.update({"min_ethics_entries": "0", **values})
    return client.post(f"/cohorts/{cohort_id}/requirements", data=data)


def test_a_coordinator_sets_the_requirements(client, auth, portfolio, query):
    log_in(auth, portfolio.coordinator)
    page = client.get(f"/cohorts/{portfolio.cohort.id}/requirements").get_data(as_text=True)
    assert page.count("checked") == 3  # every competency is required by default
    c1, c2, _ = portfolio.competencies
    response = _set(
        client, portfolio.cohort.id, min_clinical_hours="40.5", min_ethics_entries="2", competencies=[c1.id, c2.id]
    )
    assert response.status_code == 302
    row = query(lambda s: s.get(CreditRequirements, portfolio.cohort.id))
    assert (row.min_clinical_hours, row.min_ethics_entries, row.competency_ids) == (Decimal("40.5"), 2, [c1.id, c2.id])
    event = query(lambda s: s.scalars(select(AuditEvent).where(AuditEvent.action == "requirements.updated")).one())
    # Every field that changed, from the defaults (no minimums, every competency) to what was saved.
    assert event.details["changes"] == [
        {"field": "min_clinical_hours", "from": "0", "to": "40.5"},
        {"field": "min_ethics_entries", "from": 0, "to": 2},
        {"field": "competencies", "from": "all", "to": [c1.code, c2.code]},
    ]


def test_bad_values_are_explained_and_kept(client, auth, portfolio, query):
    log_in(auth, portfolio.coordinator)
    response = _set(client, portfolio.cohort.id, min_clinical_hours="-3", min_cultural_entries="lots")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Give a number of hours from 0 to 10,000." in page
    assert "Give a whole number from 0 to 1,000." in page
    assert 'value="-3"' in page and 'value="lots"' in page
    assert query(lambda s: s.get(CreditRequirements, portfolio.cohort.id)) is None


def test_the_checklist_dashboard_and_csv_agree_on_what_is_missing(client, auth, portfolio, make):
    c1, c2, c3 = portfolio.competencies
    log_in(auth, portfolio.coordinator)
    _set(client, portfolio.cohort.id, min_clinical_hours="5", min_ethics_entries="2", competencies=[c1.id, c2.id])
    missing = [
        "Ethics notes: 1 of 2 (1 more)",
        "C2 Competency 2: needs level 3 (acts with indirect supervision), now not signed off",
    ]
    auth.logout()
    log_in(auth, portfolio.intern)
    checklist = client.get(f"/competencies/{portfolio.cohort.id}/").get_data(as_text=True)
    assert "2 requirements missing" in checklist
    for line in missing:
        assert line in checklist
    assert "Clinical hours" not in checklist  # 5.5 logged: met
    auth.logout()
    log_in(auth, portfolio.supervisor)
    dashboard = client.get(f"/review/{portfolio.cohort.id}/").get_data(as_text=True)
    assert "2 missing" in dashboard
    for line in missing:
        assert line in dashboard
    auth.logout()
    log_in(auth, portfolio.reviewer)
    rows = list(csv.DictReader(io.StringIO(client.get(f"/portfolio/{portfolio.cohort.id}/credit.csv").data.decode())))
    amira = next(row for row in rows if row["\ufeffintern" if "\ufeffintern" in row else "intern"] == "Amira Haddad")
    # Amira has submitted nothing: the live columns are what the checklist and dashboard show.
    assert amira["live_requirements_met"] == "no" and amira["requirements_met"] == "no"
    assert amira["live_missing"] == "; ".join(missing)
    assert (amira["live_competencies_signed_off"], amira["competencies_required"]) == ("1", "2")
    assert amira["competencies_signed_off"] == amira["missing"] == ""


def test_meeting_every_requirement_says_so(client, auth, portfolio, make):
    c1, *_ = portfolio.competencies
    log_in(auth, portfolio.coordinator)
    _set(client, portfolio.cohort.id, min_clinical_hours="5.5", min_ethics_entries="1", competencies=[c1.id])
    auth.logout()
    log_in(auth, portfolio.intern)
    assert "The credit requirements are met." in client.get(f"/portfolio/{portfolio.cohort.id}/").get_data(as_text=True)


def test_the_csv_has_a_row_per_intern_with_the_latest_submission(client, auth, portfolio, make, submitted, query):
    later = make.submission(portfolio.intern, portfolio.cohort, [portfolio.ethics])
    log_in(auth, portfolio.reviewer)
    response = client.get(f"/portfolio/{portfolio.cohort.id}/credit.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["intern"] for row in rows] == ["Amira Haddad", "Bruno Costa"]
    amira, bruno = rows
    assert (amira["latest_submission_code"], amira["latest_submission_sha256"]) == (later.code, later.sha256)
    assert (amira["clinical_hours"], amira["clinical_entries"], amira["ethics_entries"]) == ("5.5", "2", "1")
    assert bruno["latest_submission_code"] == "" and bruno["requirements_met"] == "no"
    assert query(lambda s: s.scalar(select(AuditEvent.action).where(AuditEvent.action == "credit_summary.downloaded")))


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(client, auth, portfolio, make):
    make.member(portfolio.cohort, "intern", name='=HYPERLINK("http://evil.example","x")')
    log_in(auth, portfolio.reviewer)
    text = client.get(f"/portfolio/{portfolio.cohort.id}/credit.csv").data.decode("utf-8-sig")
    names = [row["intern"] for row in csv.DictReader(io.StringIO(text))]
    assert '\'=HYPERLINK("http://evil.example","x")' in names


def test_the_cohort_page_lists_standing_and_submissions_but_no_live_entry(client, auth, portfolio, submitted):
    log_in(auth, portfolio.reviewer)
    page = client.get(f"/portfolio/{portfolio.cohort.id}/submissions").get_data(as_text=True)
    assert submitted.code in page
    assert "Not submitted" in page  # Bruno
    assert portfolio.clinical.title not in page


def test_the_reviewer_home_lists_the_latest_submissions(client, auth, portfolio, submitted):
    log_in(auth, portfolio.reviewer)
    page = client.get(f"/home/{portfolio.cohort.id}").get_data(as_text=True)
    assert f'href="/submissions/{submitted.id}"' in page
    assert submitted.code in page and "requirements not met" in page


def test_not_a_number_hours_are_refused_not_a_500(client, auth, portfolio, query):
    log_in(auth, portfolio.coordinator)
    for value in ("sNaN", "NaN", "Infinity", "1e400"):
        response = _set(client, portfolio.cohort.id, min_clinical_hours=value)
        assert response.status_code == 422, value
        assert "Give a number of hours from 0 to 10,000." in response.get_data(as_text=True)
    assert query(lambda s: s.get(CreditRequirements, portfolio.cohort.id)) is None
