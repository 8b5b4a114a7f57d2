"""The supervisor's side: cohort dashboard, intern pages, review queue."""

# The route modules register their routes on ``bp`` as they are imported.
from journal.review import views  # noqa: F401
from journal.review.blueprint import bp

__all__ = ["bp"]
