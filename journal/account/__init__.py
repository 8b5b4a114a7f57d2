"""A person's own account: profile, time zone, password, sessions and two-factor."""

# The route modules register their routes on ``bp`` as they are imported.
from journal.account import delete_views, download_views, email_views, security_views, views  # noqa: F401
from journal.account.blueprint import bp

__all__ = ["bp"]
