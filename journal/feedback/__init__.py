"""Comment threads on entries: the author, the cohort's supervisors and, on cohort entries, fellow
interns talk about what an intern shared. Below both the journal (which shows the thread on the
entry page) and the supervisors' side (which counts what waits for feedback)."""

# The route module registers its routes on ``bp`` as it is imported.
from journal.feedback import views  # noqa: F401
from journal.feedback.blueprint import bp

__all__ = ["bp"]
