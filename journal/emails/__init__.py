"""Emails that keep people in touch: written into an outbox in the recipient's language, sent later by the
scheduler with retries (``outbox``); which kinds each person receives and one-click unsubscribe
(``preferences``); the emails themselves (``notices``, ``digests``, ``reminders``)."""

# The route module registers its routes on ``bp`` as it is imported.
from journal.emails import views  # noqa: E402, F401
from journal.emails.blueprint import bp  # noqa: E402

__all__ = ["bp"]
