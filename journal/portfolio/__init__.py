"""Portfolios for credit: the intern builds and submits one; supervisors, reviewers and
coordinators read submissions, the credit summary and cohort exports."""

# The route modules register their routes on ``bp`` as they are imported.
from journal.portfolio import cohort_views, leap2a_views, views  # noqa: F401
from journal.portfolio.blueprint import bp

__all__ = ["bp"]
