"""Each person's home: the page for their role in a cohort, and switching cohorts."""

# The route modules register their routes on ``bp`` as they are imported.
from journal.home import views  # noqa: F401
from journal.home.blueprint import bp

__all__ = ["bp"]
