"""Operations on entries: create, save safely across tabs, share, trash, restore.

Every save records an EntryRevision, so nothing an intern wrote is ever lost.
Services flush; the calling view commits once.
"""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select, update

from journal import audit, search
from journal.deid import Finding, find_identifiers
from journal.extensions import db
from journal.models import Cohort, Entry, EntryRevision, EntryTag, User
from journal.models.entries import COMMON_FIELDS, CONTENT_FIELDS, KIND_FIELDS, VISIBILITIES
from journal.models.types import utcnow

TRASH_DAYS = 30


class IdentifiersUnconfirmed(Exception):
    """The entry has suspected patient identifiers its author has not resolved or confirmed."""


class EditConflict(Exception):
    """The entry was saved elsewhere (another tab or device) since this edit began."""

    def __init__(self, entry: Entry):
        super().__init__(f"entry {entry.id} is at version {entry.version}")
        self.entry = entry


def _apply(entry: Entry, fields: dict, tags: list[str]) -> None:
    """Copy the common fields and those of the entry's kind; clear the other kinds' fields."""
    for name in CONTENT_FIELDS:
        belongs = name in COMMON_FIELDS or name in KIND_FIELDS[entry.kind]
        setattr(entry, name, fields.get(name) if belongs else None)
    entry.body = entry.body or ""
    entry.tags = [EntryTag(name=name) for name in tags]


def _store(entry: Entry, fields: dict, tags: list[str]) -> Entry:
    """Write the content at the entry's current version, record that version, and reindex it."""
    _apply(entry, fields, tags)
    db.session.flush()
    db.session.add(EntryRevision(entry_id=entry.id, version=entry.version, content=entry.content()))
    search.index_entry(entry)
    db.session.flush()
    return entry


def create_entry(author: User, cohort: Cohort, kind: str, fields: dict, tags: list[str]) -> Entry:
    """Write a new private entry and its first revision."""
    entry = Entry(author_id=author.id, cohort_id=cohort.id, kind=kind, visibility="private", version=1)
    db.session.add(entry)
    return _store(entry, fields, tags)


def save_entry(entry: Entry, fields: dict, tags: list[str], base_version: int) -> Entry:
    """Save an edit begun on ``base_version``.

    Raises EditConflict, changing nothing, if the entry has been saved since:
    the version is moved on by a conditional UPDATE, so of two saves racing
    from the same version exactly one wins.
    """
    moved = db.session.execute(
        update(Entry)
        .where(Entry.id == entry.id, Entry.version == base_version)
        .values(version=base_version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        db.session.refresh(entry)
        raise EditConflict(entry)
    db.session.refresh(entry)
    return _store(entry, fields, tags)


def entry_findings(entry: Entry) -> list[tuple[str, Finding]]:
    """Suspected identifiers in the entry's title and body, as (field, finding) pairs."""
    return [(name, found) for name in ("title", "body") for found in find_identifiers(getattr(entry, name) or "")]


def _finding_keys(entry: Entry, findings: list[tuple[str, Finding]] | None = None) -> set[tuple[str, str]]:
    pairs = entry_findings(entry) if findings is None else findings
    return {(found.kind, getattr(entry, name)[found.start : found.end]) for name, found in pairs}


def unconfirmed_findings(entry: Entry, findings: list[tuple[str, Finding]] | None = None) -> bool:
    """Whether some suspected identifier has been neither edited away nor confirmed by the author.

    ``findings`` (from ``entry_findings``) saves detecting them again when the caller has them.
    """
    confirmed = {(item["kind"], item["text"]) for item in (entry.identifier_review or {}).get("findings", [])}
    return bool(_finding_keys(entry, findings) - confirmed)


def confirm_identifiers(entry: Entry) -> None:
    """Record the author's word that the current suspected identifiers identify nobody."""
    entry.identifier_review = {
        "version": entry.version,
        "at": utcnow().isoformat(),
        "findings": [{"kind": kind, "text": text} for kind, text in sorted(_finding_keys(entry))],
    }


def set_visibility(entry: Entry, visibility: str) -> None:
    """Change who can read the entry; it takes effect with the commit.

    Raises IdentifiersUnconfirmed when raising it above private while suspected
    identifiers are unresolved: the author must edit them away or confirm them first.
    """
    if visibility not in VISIBILITIES:
        raise ValueError(f"unknown visibility {visibility!r}")
    if visibility != "private" and unconfirmed_findings(entry):
        raise IdentifiersUnconfirmed(entry.id)
    if visibility == entry.visibility:
        return
    # Narrowing who may read it (cohort → supervisors, or → private) is an unshare.
    order = list(VISIBILITIES)  # from private to the whole cohort
    narrower = order.index(visibility) < order.index(entry.visibility)
    action = "entry.unshared" if narrower else "entry.shared"
    audit.record(entry.author_id, action, entry, entry.cohort_id, previous=entry.visibility, visibility=visibility)
    entry.visibility = visibility


def move_to_trash(entry: Entry) -> None:
    """Hide the entry from everyone; its author can restore it for TRASH_DAYS days."""
    entry.deleted_at = utcnow()


def restore_from_trash(entry: Entry) -> None:
    """Bring a trashed entry back where it was, with the visibility it had."""
    entry.deleted_at = None


def trash_of(author: User, cohort_id: int) -> list[Entry]:
    """The author's entries in the trash that can still be restored, newest deletion first."""
    cutoff = utcnow() - timedelta(days=TRASH_DAYS)
    return list(
        db.session.scalars(
            select(Entry)
            .where(
                Entry.author_id == author.id,
                Entry.cohort_id == cohort_id,
                Entry.deleted_at.is_not(None),
                Entry.deleted_at > cutoff,
            )
            .order_by(Entry.deleted_at.desc())
        )
    )


def revision(entry: Entry, version: int) -> EntryRevision | None:
    """One saved version of the entry."""
    return db.session.scalar(
        select(EntryRevision).where(EntryRevision.entry_id == entry.id, EntryRevision.version == version)
    )


def revision_fields(revision_: EntryRevision) -> tuple[dict, list[str]]:
    """A revision's content as form-ready fields and tags."""
    content = dict(revision_.content)
    tags = content.pop("tags", [])
    content["occurred_on"] = date.fromisoformat(content["occurred_on"])
    content["hours"] = None if content.get("hours") is None else Decimal(content["hours"])
    return content, tags
