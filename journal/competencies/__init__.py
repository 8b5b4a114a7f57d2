"""The intern's side of competencies: checklist, evidence, sign-off requests; and the decisions on them."""

# The route modules register their routes on ``bp`` as they are imported.
from journal.competencies import decision_views, views  # noqa: F401
from journal.competencies.blueprint import bp

__all__ = ["bp"]
