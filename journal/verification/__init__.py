"""The public verification page: anyone holding a portfolio checks that it is the one submitted, and
anyone holding a digital credential (Open Badges 3.0, CLR 2.0) checks that it holds."""

# The route module registers its routes on ``bp`` as it is imported.
from journal.verification import credential_views, views  # noqa: F401
from journal.verification.blueprint import bp

__all__ = ["bp"]
