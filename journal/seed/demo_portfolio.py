"""The portfolio part of the demo: credit requirements for the cohort and a submitted portfolio
for two interns, made through the same services as the pages."""

from decimal import Decimal

from flask import current_app
from sqlalchemy import func, select

from journal.competencies.evidence import framework_competencies
from journal.credit.requirements import set_requirements
from journal.extensions import db
from journal.models import Cohort, Submission, User
from journal.portfolio.services import own_entries, submit_portfolio

# Competencies the demo cohort requires for credit (a handful, so one intern comes close).
_REQUIRED = ("GPH3", "COM1", "CH1", "EP1", "EP2")
_SUBMITTERS = ("intern1@demo.test", "intern2@demo.test")
DEMO_URL = "http://127.0.0.1:5000"


def seed_portfolios(cohort: Cohort, people: dict[str, User]) -> int:
    """Set the cohort's credit requirements and submit two interns' portfolios, once.

    Returns the records added (the requirements and the submissions).
    """
    if db.session.scalar(select(func.count(Submission.id)).where(Submission.cohort_id == cohort.id)):
        return 0
    required = [c.id for c in framework_competencies(cohort) if c.code in _REQUIRED]
    set_requirements(
        cohort,
        people["coordinator@demo.test"].id,
        hours=Decimal(12),
        entries={"clinical": 3, "cultural": 2, "ethics": 2},
        competency_ids=required,
    )
    for email in _SUBMITTERS:
        intern = people[email]
        entries = db.session.scalars(own_entries(intern, cohort)).all()
        # Everything shared, and one private entry the intern chose to add.
        private = [e for e in entries if not e.is_shared]
        chosen = [e for e in entries if e.is_shared] + private[:1]
        # Their PDFs are drawn on the first download (seeding stays quick; tests seed the demo often).
        submit_portfolio(
            intern,
            cohort,
            {entry.id: entry.version for entry in chosen},
            public_url=current_app.config.get("PUBLIC_URL") or DEMO_URL,
        )
    db.session.flush()
    return 1 + len(_SUBMITTERS)
