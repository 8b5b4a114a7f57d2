"""Coordinators' pages: cohorts, members, invitations, roster import, frameworks, credit requirements, the audit log."""

# The route modules register their routes on ``bp`` as they are imported.
from journal.cohorts import audit_views, case_views, framework_views, requirements_views, views  # noqa: F401
from journal.cohorts.blueprint import bp

__all__ = ["bp"]
