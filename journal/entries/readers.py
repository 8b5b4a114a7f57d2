"""Who can read an entry now, in words and by name (DESIGN.md, privacy promise 9).

The entry page and the share control say it, so that a supervisor added to the cohort (a
coordinator included) is visible to the intern as a reader of what they shared. The roles that
read come from ``access.reader_roles``; this module only puts names to them.
"""

from flask import g

from journal import access
from journal.extensions import db
from journal.models import Entry, User


def _supervisor_names(cohort_id: int, viewer: User) -> list[str]:
    """The cohort's supervisors by name, the viewer as "you" (one query per cohort and request)."""
    cache = g.setdefault("supervisors_by_cohort", {})
    if cohort_id not in cache:
        supervisors = db.session.scalars(access.supervisors_of(cohort_id))
        cache[cohort_id] = [(user.id, user.display_name) for user in supervisors]
    return ["you" if user_id == viewer.id else name for user_id, name in cache[cohort_id]]


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def who_can_read(entry: Entry, viewer: User) -> str:
    """One sentence naming who can read the entry now, as ``viewer`` should read it.

    Private: only the author. Shared with supervisors: the author and the cohort's supervisors
    by name. Shared with the cohort: also the cohort's interns. It is the whole of what the entry's
    visibility badge says, so it reads as a sentence of its own ("You and the supervisors of …").
    """
    mine = entry.author_id == viewer.id
    roles = access.reader_roles(entry)
    if not roles:
        return "Only you can read this entry." if mine else f"Only {entry.author.display_name} can read this entry."
    cohort = entry.cohort.name
    names = _supervisor_names(entry.cohort_id, viewer)
    supervisors = f"the supervisors of {cohort} ({_listed(names) if names else 'none yet'})"
    parts = ["you" if mine else f"{entry.author.display_name} (its author)", supervisors]
    if "intern" in roles:
        parts.append(f"the interns of {cohort}")
    readers = _listed(parts)
    return f"{readers[0].upper()}{readers[1:]} can read this entry."
