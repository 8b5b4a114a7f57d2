"""Who can read an entry now, in words and by name (DESIGN.md, privacy promise 9).

The entry page and the share control say it, so that a supervisor added to the cohort (a
coordinator included) is visible to the intern as a reader of what they shared. The roles that
read come from ``access.reader_roles``; this module only puts names to them.
"""

from flask import g
from flask_babel import gettext as _

from journal import access
from journal.extensions import db
from journal.models import Entry, User


def _supervisor_names(cohort_id: int, viewer: User) -> list[str]:
    """The cohort's supervisors by name, the viewer as "you" (one query per cohort and request)."""
    cache = g.setdefault("supervisors_by_cohort", {})
    if cohort_id not in cache:
        supervisors = db.session.scalars(access.supervisors_of(cohort_id))
        cache[cohort_id] = [(user.id, user.display_name) for user in supervisors]
    return [_("you") if user_id == viewer.id else name for user_id, name in cache[cohort_id]]


def _listed(names: list[str]) -> str:
    """Names as one list in words ("A, B and C"; "none yet" when there are none)."""
    if not names:
        return _("none yet")
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s", names=", ".join(names[:-1]), last=names[-1])


def who_can_read(entry: Entry, viewer: User) -> str:
    """One sentence naming who can read the entry now, as ``viewer`` should read it (in the current language).

    Private: only the author. Shared with supervisors: the author and the cohort's supervisors
    by name. Shared with the cohort: also the cohort's interns. It is the whole of what the entry's
    visibility badge says, so it reads as a sentence of its own ("You and the supervisors of …").
    """
    mine = entry.author_id == viewer.id
    roles = access.reader_roles(entry)
    author = entry.author.display_name
    if not roles:
        return _("Only you can read this entry.") if mine else _("Only %(author)s can read this entry.", author=author)
    values = {
        "author": author,
        "cohort": entry.cohort.name,
        "supervisors": _listed(_supervisor_names(entry.cohort_id, viewer)),
    }
    if "intern" in roles and mine:
        sentence = _(
            "You, the supervisors of %(cohort)s (%(supervisors)s) and the interns of %(cohort)s can read this entry.",
            **values,
        )
    elif "intern" in roles:
        sentence = _(
            "%(author)s (its author), the supervisors of %(cohort)s (%(supervisors)s) "
            "and the interns of %(cohort)s can read this entry.",
            **values,
        )
    elif mine:
        sentence = _("You and the supervisors of %(cohort)s (%(supervisors)s) can read this entry.", **values)
    else:
        sentence = _(
            "%(author)s (its author) and the supervisors of %(cohort)s (%(supervisors)s) can read this entry.",
            **values,
        )
    return sentence[:1].upper() + sentence[1:]  # a name written in lower case still starts the sentence
