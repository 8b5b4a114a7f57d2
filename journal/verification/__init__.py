"""The public verification page: anyone holding a portfolio checks that it is the one submitted."""

# The route module registers its routes on ``bp`` as it is imported.
from journal.verification import views  # noqa: F401
from journal.verification.blueprint import bp

__all__ = ["bp"]
