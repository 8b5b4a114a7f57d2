"""Login, logout, invitations, and the account page."""

# The route modules register their routes on ``bp`` as they are imported.
from journal.auth import language_views, reset_views, views  # noqa: F401
from journal.auth.blueprint import bp

__all__ = ["bp"]
