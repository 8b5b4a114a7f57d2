"""What each role's home page shows, gathered in a fixed number of queries."""

from journal.cohorts.queries import members_by_role, placement_progress
from journal.home.intern import intern_home
from journal.models import Membership
from journal.portfolio.services import latest_submissions
from journal.review.dashboard import cohort_totals


def home_context(membership: Membership) -> dict:
    """Everything the role's home template needs."""
    context = {
        "progress": placement_progress(membership.cohort),
        "members": members_by_role(membership.cohort_id),
    }
    if membership.role == "intern":
        context |= intern_home(membership.user, membership.cohort_id)
    if membership.role == "supervisor":
        context["review"] = cohort_totals(membership.cohort)
    if membership.role == "reviewer":
        context["submissions"] = latest_submissions(membership.cohort)
    return context
