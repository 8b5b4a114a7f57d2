"""The credit summary of a cohort: one row per intern, for the page and the CSV.

Built in a fixed number of queries whatever the cohort's size. Cells that a spreadsheet
would read as a formula are defused, since names are typed by people.

Interns who deleted their account but left their portfolios with the cohort are listed after
the others, with the figures, assessment, name and email frozen in their latest submission
(what it says is missing put in the reader's language, see ``wording``).
"""

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import force_locale
from sqlalchemy import select

from journal import i18n
from journal.credit.figures import figures_for
from journal.credit.requirements import Assessment, assess, requirements_for
from journal.csvsafe import spreadsheet_cell
from journal.extensions import db
from journal.models import Cohort, Membership, Submission, User
from journal.models.entries import KINDS, hours_text
from journal.portfolio.services import latest_submissions
from journal.portfolio.snapshot import timestamp
from journal.portfolio.wording import missing_requirements

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
)


@dataclass
class CreditRow:
    """One intern's standing for credit (``former``: as frozen in the submission of an intern whose
    account is deleted)."""

    user_id: int | None
    name: str
    email: str
    hours: Decimal
    entries: dict[str, int]
    signed_off: int  # required competencies signed off at their level
    required: int
    assessment: Assessment
    submission: Submission | None
    former: bool = False


def _in_english(assessment) -> list[str]:
    """What the assessment says is missing, in English whoever downloads the file (its header, its yes and no and
    its codes are English: the same cohort gives the same file)."""
    with force_locale(i18n.DEFAULT):
        return list(assessment.missing)


def _former_row(submission: Submission, document: dict) -> CreditRow:
    """The row of an intern who deleted their account, from the document they submitted."""
    summary, requirements = document["summary"], document["requirements"]
    required = set(requirements["competencies"])
    return CreditRow(
        user_id=None,
        name=document["intern"]["name"],
        email=document["intern"]["email"],
        hours=Decimal(summary["clinical_hours"]),
        entries={kind: summary["entries_by_kind"].get(kind, 0) for kind in KINDS},
        signed_off=sum(1 for item in document["competencies"] if item["code"] in required and item["met"]),
        required=len(required),
        assessment=Assessment(missing_requirements(document)),
        submission=submission,
        former=True,
    )


def _former_rows(submissions: list[Submission]) -> list[CreditRow]:
    """Rows for the latest submissions left by former interns (their documents read in one query)."""
    if not submissions:
        return []
    documents = dict(
        db.session.execute(
            select(Submission.id, Submission.document).where(Submission.id.in_([s.id for s in submissions]))
        ).all()
    )
    return [_former_row(submission, json.loads(documents[submission.id])) for submission in submissions]


def credit_rows(cohort: Cohort) -> list[CreditRow]:
    """Every intern of the cohort, by name, with figures, assessment and latest submission; then
    the former interns whose portfolios stay with the cohort."""
    interns = db.session.execute(
        select(User.id, User.display_name, User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.cohort_id == cohort.id, Membership.role == "intern")
        .order_by(User.display_name, User.id)
    ).all()
    requirements = requirements_for(cohort)
    figures = figures_for(cohort, [row.id for row in interns])
    submissions = latest_submissions(cohort)
    latest = {submission.intern_id: submission for submission in submissions if submission.intern_id is not None}
    rows = []
    for user_id, name, email in interns:
        mine = figures[user_id]
        rows.append(
            CreditRow(
                user_id=user_id,
                name=name,
                email=email,
                hours=mine.hours,
                entries=mine.entries,
                signed_off=sum(mine.levels.get(c.id, 0) >= c.required_level for c in requirements.competencies),
                required=len(requirements.competencies),
                assessment=assess(requirements, mine),
                submission=latest.get(user_id),
            )
        )
    return rows + _former_rows([submission for submission in submissions if submission.intern_id is None])


def credit_csv(rows: list[CreditRow]) -> bytes:
    """The rows as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # a file for spreadsheets and scripts: English, as its header
    writer.writerow(HEADER)
    for row in rows:
        submission = row.submission
        writer.writerow(
            spreadsheet_cell(value)
            for value in (
                row.name,
                row.email,
                hours_text(row.hours),
                *(row.entries.get(kind, 0) for kind in KINDS),
                row.signed_off,
                row.required,
                "yes" if row.assessment.met else "no",
                "; ".join(_in_english(row.assessment)),
                submission.code if submission else "",
                submission.sha256 if submission else "",
                timestamp(submission.created_at) if submission else "",
            )
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
