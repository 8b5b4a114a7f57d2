"""In-app notifications: the list, opening one, marking all read."""

# The route modules register their routes on ``bp`` as they are imported.
from journal.notifications import views  # noqa: F401
from journal.notifications.blueprint import bp

__all__ = ["bp"]
