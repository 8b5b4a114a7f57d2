"""What an intern may put in a portfolio: their own live entries, chosen at the versions they saw.

The choice travels in forms as ``id:version`` values, so an entry edited between the preview
and the submission is noticed instead of going in unseen.
"""

import re

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from journal import access, identifiers
from journal.extensions import db
from journal.models import Cohort, Entry, User


class PortfolioError(Exception):
    """A portfolio that cannot be submitted as asked; ``message`` says why, in words for the user (in
    their language)."""

    def __init__(self, message: str):
        """Keep the message to show the user."""
        super().__init__(message)
        self.message = message


def own_entries(intern: User, cohort: Cohort):
    """Select the intern's live entries in the cohort, newest first, with their tags: what may go in."""
    return (
        access.own_live_entries(intern, cohort.id)
        .options(selectinload(Entry.tags))
        .order_by(Entry.occurred_on.desc(), Entry.id.desc())
    )


MAX_ENTRIES = 5000  # more than three entries a day for four years
_CHOICE = re.compile(r"([0-9]{1,15}):([0-9]{1,9})")


def parse_selection(values: list[str]) -> dict[int, int]:
    """``["12:3", ...]`` (entry id and the version the intern saw) as ``{12: 3, ...}``.

    Raises PortfolioError for anything else (a tampered form) and for more than MAX_ENTRIES.
    """
    if len(values) > MAX_ENTRIES:
        raise PortfolioError(_("A portfolio holds at most %(limit)d entries. Choose fewer.", limit=MAX_ENTRIES))
    selection = {}
    for value in values:
        found = _CHOICE.fullmatch(value)
        if found is None:
            raise PortfolioError(_("The list of entries was not understood. Choose the entries again."))
        selection[int(found[1])] = int(found[2])
    return selection


def parse_entry_ids(values: list[str]) -> set[int]:
    """Entry ids sent by checkboxes (``["12", ...]``); anything else names no entry and is left out."""
    return {int(value) for value in values if value.isascii() and value.isdigit() and len(value) <= 15}


def chosen_entries(intern: User, cohort: Cohort, selection: dict[int, int]) -> list[Entry]:
    """The intern's entries named in ``selection``, each still at the version the intern saw.

    Raises PortfolioError when none is chosen, when one is no longer in the journal, or when
    one changed since the intern looked at it (so nothing goes in unseen).
    """
    if not selection:
        raise PortfolioError(_("Choose at least one entry to include."))
    entries = db.session.scalars(own_entries(intern, cohort).where(Entry.id.in_(list(selection)))).all()
    if len(entries) != len(selection):
        raise PortfolioError(_("An entry you chose is no longer in your journal. Choose the entries again."))
    changed = [entry.title for entry in entries if entry.version != selection[entry.id]]
    if changed:
        raise PortfolioError(
            _(
                "“%(title)s” was edited after you looked at the preview. Look at the preview again before submitting.",
                title=changed[0],
            )
        )
    return list(entries)


def identifiers_to_check(entries: list[Entry]) -> list[tuple[Entry, list[tuple[str, str, str]]]]:
    """The entries with suspected identifiers still unconfirmed, each with what was found: (field,
    reason, text). The preview lists them; submitting waits until each is edited or confirmed."""
    flagged = []
    for entry in entries:
        found = identifiers.unconfirmed(entry)
        if found:
            flagged.append((entry, [(field, finding.reason, text) for field, finding, text in found]))
    return flagged
