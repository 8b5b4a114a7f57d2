"""The identifier gate: no entry reaches anyone but its author with suspected patient identifiers unchecked.

Every path that lets others read an entry (sharing it, submitting it in a portfolio, any export
made for others, and saving new text into an entry others already read) calls ``require_resolved``
with the entries it is about to hand over, and goes no further when it raises. A suspected
identifier (``journal.deid``, in any free text a reader sees: ``checked_texts``) is resolved when
the author edits it away, or confirms that it identifies nobody: the confirmation is recorded on
the entry (``identifier_review``: who, when, at which version, and the texts confirmed), wherever
it was given, and every path accepts it. It covers the texts it names only, so an edit that brings
a new one needs a new confirmation.

The names of the people in the entry's cohort (``cohort_roster``) are flagged too, as a colleague's
name rather than a patient's: they are people, who may not want to be named either.
"""

from flask import g, has_request_context
from sqlalchemy import select

from journal.deid import Finding, find_identifiers
from journal.extensions import db
from journal.models import Entry, Membership, User
from journal.models.types import utcnow

# Every free-text field a reader of the entry sees (its page, a portfolio): the choice fields (setting,
# theme, principles...) hold only values of ours, so they are not checked.
CHECKED_FIELDS = ("title", "body", "specialty", "tags")


class IdentifiersUnconfirmed(Exception):
    """Some of the entries have suspected identifiers their author has neither edited away nor confirmed.

    ``entries`` are those entries, in the order they were given.
    """

    def __init__(self, entries: list[Entry]):
        """Keep the entries that stopped the gate."""
        super().__init__(f"unconfirmed identifiers in entries {[entry.id for entry in entries]}")
        self.entries = entries


def checked_texts(entry: Entry) -> dict[str, str]:
    """The text of each field in CHECKED_FIELDS, as readers see it (the tags as one line: "a, b")."""
    return {
        name: ", ".join(entry.tag_names) if name == "tags" else getattr(entry, name) or "" for name in CHECKED_FIELDS
    }


def cohort_roster(cohort_id: int) -> tuple[str, ...]:
    """The full names of the cohort's people: its members in every role (fellow interns, supervisors,
    reviewers). The author is one of them: an intern writing their own name names no patient either.
    Coordinators are left out: they run every cohort of the site, and a new one would bring new findings into
    every journal's entries at once.

    Read once per request (a page may check many entries of one cohort).
    """
    rosters = g.setdefault("cohort_rosters", {}) if has_request_context() else {}
    if cohort_id not in rosters:
        members = select(Membership.user_id).where(Membership.cohort_id == cohort_id)
        names = db.session.scalars(select(User.display_name).where(User.id.in_(members)))
        rosters[cohort_id] = tuple(sorted(set(names)))
    return rosters[cohort_id]


def entry_findings(entry: Entry) -> list[tuple[str, Finding]]:
    """Suspected identifiers in every field of CHECKED_FIELDS, as (field, finding) pairs; a finding's
    offsets are into that field's text in ``checked_texts``. Names of the cohort's people are told
    apart (``cohort_roster``)."""
    roster = cohort_roster(entry.cohort_id)
    return [(name, found) for name, text in checked_texts(entry).items() for found in find_identifiers(text, roster)]


def with_texts(entry: Entry, findings: list[tuple[str, Finding]]) -> list[tuple[str, Finding, str]]:
    """``findings`` (from ``entry_findings``) with the text each one found: (field, finding, text)."""
    texts = checked_texts(entry)
    return [(name, found, texts[name][found.start : found.end]) for name, found in findings]


def _keys(entry: Entry, findings: list[tuple[str, Finding]]) -> set[tuple[str, str]]:
    return {(found.kind, text) for _, found, text in with_texts(entry, findings)}


def _confirmed(entry: Entry) -> set[tuple[str, str]]:
    return {(item["kind"], item["text"]) for item in (entry.identifier_review or {}).get("findings", [])}


def unconfirmed(entry: Entry) -> list[tuple[str, Finding, str]]:
    """The suspected identifiers the author has not confirmed yet, as (field, finding, text found)."""
    confirmed = _confirmed(entry)
    return [
        (name, found, text)
        for name, found, text in with_texts(entry, entry_findings(entry))
        if (found.kind, text) not in confirmed
    ]


def unconfirmed_findings(entry: Entry, findings: list[tuple[str, Finding]] | None = None) -> bool:
    """Whether some suspected identifier has been neither edited away nor confirmed by the author.

    ``findings`` (from ``entry_findings``) saves detecting them again when the caller has them.
    """
    pairs = entry_findings(entry) if findings is None else findings
    return bool(_keys(entry, pairs) - _confirmed(entry))


def confirm_identifiers(entry: Entry, by: User | None = None) -> None:
    """Record the author's word that the current suspected identifiers identify nobody: who (the
    author, the only one who may give it), when, at which version, and the texts it covers."""
    entry.identifier_review = {
        "version": entry.version,
        "at": utcnow().isoformat(),
        "by": by.id if by is not None else entry.author_id,
        "findings": [{"kind": kind, "text": text} for kind, text in sorted(_keys(entry, entry_findings(entry)))],
    }


def require_resolved(entries: list[Entry]) -> None:
    """The gate: return when none of ``entries`` has an unresolved suspected identifier.

    Raises IdentifiersUnconfirmed, naming the entries that have one; the caller hands nothing over.
    """
    unresolved = [entry for entry in entries if unconfirmed_findings(entry)]
    if unresolved:
        raise IdentifiersUnconfirmed(unresolved)
