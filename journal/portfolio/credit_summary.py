"""The credit summary of a cohort: one row per intern, for the page and the CSV.

What counts for credit is what an intern submitted: each row's main figures (hours, entries by kind,
competencies signed off) are those frozen in the intern's latest submission, assessed against the cohort's
requirements as they are now. An intern's live figures (their journal as it is now, counts only) come beside
them, always labelled as live and not submitted. Interns who deleted their account but left their portfolios
with the cohort are listed after the others, with only what they submitted.

Built in a fixed number of queries whatever the cohort's size. Cells that a spreadsheet would read as a
formula are defused, since names are typed by people.
"""

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import force_locale
from sqlalchemy import JSON, Text, cast, func, select

from journal import i18n
from journal.credit.figures import Figures, figures_for
from journal.credit.requirements import Assessment, Requirements, assess, requirements_for
from journal.csvsafe import spreadsheet_cell
from journal.extensions import db
from journal.models import Cohort, Membership, Submission, User
from journal.models.entries import KINDS, hours_text
from journal.portfolio.services import latest_submissions
from journal.portfolio.snapshot import timestamp

# The figures as submitted first (what credit is given for), then the live ones, named as such.
HEADER = (
    "intern",
    "email",
    "clinical_hours",
    *(f"{kind}_entries" for kind in KINDS),
    "competencies_signed_off",
    "competencies_required",
    "requirements_met",
    "missing",
    "latest_submission_code",
    "latest_submission_sha256",
    "latest_submitted_at",
    "live_clinical_hours",
    *(f"live_{kind}_entries" for kind in KINDS),
    "live_competencies_signed_off",
    "live_requirements_met",
    "live_missing",
)


@dataclass
class Standing:
    """Figures for credit and how they stand against the cohort's requirements."""

    hours: Decimal
    entries: dict[str, int]
    signed_off: int  # required competencies signed off at their level
    required: int
    assessment: Assessment


@dataclass
class CreditRow:
    """One intern's standing for credit: ``submitted``, from their latest submission (None without one), and
    ``live``, from their journal now (None for a former intern, whose account is deleted)."""

    user_id: int | None
    name: str
    email: str
    submission: Submission | None
    submitted: Standing | None
    live: Standing | None
    # What the submission itself said when it was frozen (requirements met then); it differs from
    # ``submitted.assessment.met`` only when the cohort's requirements changed since.
    met_when_submitted: bool | None = None
    former: bool = False


def _standing(requirements: Requirements, figures: Figures) -> Standing:
    """``figures`` (levels by competency id) against the cohort's ``requirements``."""
    return Standing(
        hours=figures.hours,
        entries=figures.entries,
        signed_off=sum(figures.levels.get(c.id, 0) >= c.required_level for c in requirements.competencies),
        required=len(requirements.competencies),
        assessment=assess(requirements, figures),
    )


def _frozen_figures(document: dict, requirements: Requirements) -> Figures:
    """The figures a submitted document froze, its sign-off levels matched to the cohort's required
    competencies by code (a competency the document does not record counts as not signed off)."""
    summary = document["summary"]
    levels = {item["code"]: int(item["level"]) for item in document["competencies"] if item.get("level")}
    return Figures(
        hours=Decimal(summary["clinical_hours"]),
        entries={kind: int(summary["entries_by_kind"].get(kind, 0)) for kind in KINDS},
        levels={c.id: levels[c.code] for c in requirements.competencies if c.code in levels},
    )


# The parts of a submitted document the credit table reads. The document holds every chosen entry's text: the
# database picks these few parts out, so a page of figures never carries (or parses in Python) whole portfolios.
DOCUMENT_PARTS = ("intern", "summary", "competencies", "requirements")


def _document_part(key: str):
    """SQL for one top-level part of ``Submission.document`` (text holding JSON), as JSON text."""
    column = Submission.__table__.c.document
    if db.session.get_bind().dialect.name == "sqlite":
        return func.json_extract(column, f"$.{key}")
    return cast(cast(column, JSON)[key], Text)


def _documents(submissions: list[Submission]) -> dict[int, dict]:
    """The parts the credit table reads of each submission's document, by submission id, in one query."""
    if not submissions:
        return {}
    rows = db.session.execute(
        select(Submission.id, *[_document_part(key) for key in DOCUMENT_PARTS]).where(
            Submission.id.in_([s.id for s in submissions])
        )
    )
    return {row[0]: dict(zip(DOCUMENT_PARTS, map(json.loads, row[1:]), strict=True)) for row in rows}


def _in_english(assessment) -> list[str]:
    """What the assessment says is missing, in English whoever downloads the file (its header, its yes and no and
    its codes are English: the same cohort gives the same file)."""
    with force_locale(i18n.DEFAULT):
        return list(assessment.missing)


def _as_submitted(submission: Submission | None, documents: dict[int, dict], requirements: Requirements) -> dict:
    """The fields of a row that come from its latest submission (none without one)."""
    if submission is None:
        return {"submission": None, "submitted": None}
    document = documents[submission.id]
    return {
        "submission": submission,
        "submitted": _standing(requirements, _frozen_figures(document, requirements)),
        "met_when_submitted": bool(document["requirements"]["met"]),
    }


def credit_rows(cohort: Cohort) -> list[CreditRow]:
    """Every intern of the cohort, by name, with what they submitted last and their live figures; then
    the former interns whose portfolios stay with the cohort."""
    interns = db.session.execute(
        select(User.id, User.display_name, User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.cohort_id == cohort.id, Membership.role == "intern")
        .order_by(User.display_name, User.id)
    ).all()
    requirements = requirements_for(cohort)
    live = figures_for(cohort, [row.id for row in interns])
    submissions = latest_submissions(cohort)
    documents = _documents(submissions)
    latest = {submission.intern_id: submission for submission in submissions if submission.intern_id is not None}
    rows = [
        CreditRow(
            user_id,
            name,
            email,
            live=_standing(requirements, live[user_id]),
            **_as_submitted(latest.get(user_id), documents, requirements),
        )
        for user_id, name, email in interns
    ]
    for submission in submissions:
        if submission.intern_id is None:  # a former intern: the name and email they submitted under
            person = documents[submission.id]["intern"]
            frozen = _as_submitted(submission, documents, requirements)
            rows.append(CreditRow(None, person["name"], person["email"], live=None, former=True, **frozen))
    return rows


def _figure_cells(standing: Standing | None) -> list:
    """Hours, entries by kind and competencies signed off, for the CSV (empty cells without a standing)."""
    if standing is None:
        return [""] * (len(KINDS) + 2)
    return [hours_text(standing.hours), *(standing.entries.get(kind, 0) for kind in KINDS), standing.signed_off]


def _verdict_cells(standing: Standing | None) -> list:
    """Whether the requirements are met and what is missing, for the CSV. Without a standing nothing that
    could earn credit is there: not met."""
    if standing is None:
        return ["no", ""]
    return ["yes" if standing.assessment.met else "no", "; ".join(_in_english(standing.assessment))]


def credit_csv(rows: list[CreditRow]) -> bytes:
    """The rows as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents right): the figures as
    submitted, the latest submission, then the live figures (``live_*``, empty for former interns)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # a file for spreadsheets and scripts: English, as its header
    writer.writerow(HEADER)
    for row in rows:
        submission = row.submission
        required = (row.submitted or row.live).required  # every row has one or the other
        writer.writerow(
            spreadsheet_cell(value)
            for value in (
                row.name,
                row.email,
                *_figure_cells(row.submitted),
                required,
                *_verdict_cells(row.submitted),
                submission.code if submission else "",
                submission.sha256 if submission else "",
                timestamp(submission.created_at) if submission else "",
                *_figure_cells(row.live),
                *(_verdict_cells(row.live) if row.live is not None else ["", ""]),
            )
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
