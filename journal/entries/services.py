"""Operations on entries: create, save safely across tabs, share, trash, restore.

Every save records an EntryRevision, so nothing an intern wrote is ever lost. New text saved
into an entry others already read reaches them only through the identifier gate.
Services flush; the calling view commits once.
"""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select, update

from journal import access, audit, identifiers, intents, search
from journal.extensions import db
from journal.models import Cohort, Entry, EntryRevision, EntryTag, User
from journal.models.entries import COMMON_FIELDS, CONTENT_FIELDS, KIND_FIELDS, VISIBILITIES
from journal.models.types import utcnow
from journal.notifications.services import announce_shared_entry

TRASH_DAYS = 30


# The identifier gate lives in journal.identifiers, shared with every other path that lets others
# read an entry (portfolio submission, exports); the entry pages reach it through these names.
IdentifiersUnconfirmed = identifiers.IdentifiersUnconfirmed
entry_findings = identifiers.entry_findings
unconfirmed_findings = identifiers.unconfirmed_findings
confirm_identifiers = identifiers.confirm_identifiers

# What the author chose when new text of a shared entry has suspected identifiers (``save_entry``).
KEEP_SHARED = "confirm"  # the marked text identifies nobody: record that, and keep the entry shared
MAKE_PRIVATE = "private"  # save it, and from now on let only the author read it
CHOICES = (KEEP_SHARED, MAKE_PRIVATE)


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
    entry.revisions.add(EntryRevision(version=entry.version, content=entry.content()))
    search.index_entry(entry)
    db.session.flush()
    return entry


def create_entry(
    author: User, cohort: Cohort, kind: str, fields: dict, tags: list[str], idempotency_key: str | None = None
) -> Entry:
    """Write a new private entry and its first revision (flushes)."""
    entry = Entry(
        author_id=author.id,
        cohort_id=cohort.id,
        kind=kind,
        visibility="private",
        version=1,
        idempotency_key=idempotency_key,
    )
    db.session.add(entry)
    return _store(entry, fields, tags)


def entry_created_with(author: User, idempotency_key: str) -> Entry | None:
    """The entry ``author`` created with this key, if any: another person's key never finds it."""
    return db.session.scalar(
        select(Entry).where(Entry.author_id == author.id, Entry.idempotency_key == idempotency_key)
    )


def create_entry_once(
    author: User, cohort: Cohort, kind: str, fields: dict, tags: list[str], idempotency_key: str
) -> tuple[Entry, bool]:
    """Create the entry, unless ``author`` already created one with ``idempotency_key`` (the same
    form sent again after its answer was lost); return the entry and whether it is new.

    A create found again writes nothing: no second entry, no second revision. Two sent at the
    same moment both miss the lookup; the insert runs in a savepoint, and the one that loses
    on the unique (author, key) constraint returns the winner's entry.
    """
    return intents.once(
        lambda: entry_created_with(author, idempotency_key),
        lambda: create_entry(author, cohort, kind, fields, tags, idempotency_key),
    )


def _comparable(content: dict) -> dict:
    """Revision content where equal means the same text and choices: hours to the hundredth, tags sorted."""
    hours = content.get("hours")
    return {
        **content,
        "hours": None if hours is None else str(Decimal(hours).quantize(Decimal("0.01"))),
        "tags": sorted(content.get("tags") or []),
    }


def _same_content(kind: str, stored: dict, fields: dict, tags: list[str]) -> bool:
    """Whether ``stored`` (revision content) is exactly what saving ``fields`` and ``tags`` would store."""
    sent = Entry(kind=kind)  # never added to the session: only to put the fields in stored form
    _apply(sent, fields, tags)
    return _comparable(sent.content()) == _comparable(stored)


def holds(entry: Entry, fields: dict, tags: list[str]) -> bool:
    """Whether the entry now holds exactly what saving ``fields`` and ``tags`` would store."""
    return _same_content(entry.kind, entry.content(), fields, tags)


def created_with(entry: Entry, fields: dict, tags: list[str]) -> bool:
    """Whether the entry's first version is exactly ``fields`` and ``tags`` (a create sent again unchanged)."""
    first = revision(entry, 1)
    return first is not None and _same_content(entry.kind, first.content, fields, tags)


def save_entry(
    entry: Entry,
    fields: dict,
    tags: list[str],
    base_version: int,
    *,
    choice: str | None = None,
    by: User | None = None,
) -> Entry:
    """Save an edit begun on ``base_version`` (restoring a version is such an edit too).

    Raises EditConflict, changing nothing, if the entry has been saved since:
    the version is moved on by a conditional UPDATE, so of two saves racing
    from the same version exactly one wins. An edit sent again after its answer
    was lost is no conflict: when the one save since ``base_version`` holds exactly
    what is sent, the entry is returned as it is, with no new revision.

    A shared entry's new text goes through the identifier gate (``publish_checked``): raises
    IdentifiersUnconfirmed when it has suspected identifiers that are unresolved and ``choice``
    is neither KEEP_SHARED nor MAKE_PRIVATE. The new text is flushed by then: the caller rolls
    back, and nobody but the author has read it.
    """
    moved = db.session.execute(
        update(Entry)
        .where(Entry.id == entry.id, Entry.version == base_version)
        .values(version=base_version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(entry)
    if moved.rowcount != 1:
        if entry.version == base_version + 1 and holds(entry, fields, tags):
            return entry
        raise EditConflict(entry)
    _store(entry, fields, tags)
    publish_checked(entry, choice, by)
    return entry


def publish_checked(entry: Entry, choice: str | None = None, by: User | None = None) -> None:
    """Let the entry's readers have its text as it now is only through the identifier gate.

    A private entry has no reader but its author: nothing to check. A shared one: with
    MAKE_PRIVATE it becomes private at once (an unshare, recorded as one); with KEEP_SHARED
    the author's confirmation that the suspected identifiers identify nobody is recorded
    (``by``: the author); then the gate, which raises IdentifiersUnconfirmed if any is left.
    """
    if choice not in (None, *CHOICES):
        raise ValueError(f"unknown choice {choice!r}")
    if not entry.is_shared:
        return
    if choice == MAKE_PRIVATE:
        set_visibility(entry, "private")
        return
    if choice == KEEP_SHARED and identifiers.unconfirmed_findings(entry):
        identifiers.confirm_identifiers(entry, by)
    identifiers.require_resolved([entry])


def _read_latest_locked(entry: Entry) -> None:
    """Hold the entry's row until the commit and read its text as saved now, keeping what this
    request changed: an edit saved by another request after this one loaded the entry must be
    what the identifier gate reads, not the text it replaced (``save_entry`` takes the same lock)."""
    db.session.flush()
    db.session.execute(
        update(Entry)
        .where(Entry.id == entry.id)
        .values(version=Entry.version)  # no change: the row lock (SQLite: the write lock) is the point
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(entry)


def set_visibility(entry: Entry, visibility: str) -> None:
    """Change who can read the entry; it takes effect with the commit.

    Raises IdentifiersUnconfirmed when raising it above private while suspected
    identifiers are unresolved: the author must edit them away or confirm them first.
    """
    if visibility not in VISIBILITIES:
        raise ValueError(f"unknown visibility {visibility!r}")
    if visibility != "private":
        _read_latest_locked(entry)
        identifiers.require_resolved([entry])
    if visibility == entry.visibility:
        return
    # Narrowing who may read it (cohort → supervisors, or → private) is an unshare.
    order = list(VISIBILITIES)  # from private to the whole cohort
    narrower = order.index(visibility) < order.index(entry.visibility)
    action = "entry.unshared" if narrower else "entry.shared"
    audit.record(entry.author_id, action, entry, entry.cohort_id, previous=entry.visibility, visibility=visibility)
    previous, entry.visibility = entry.visibility, visibility
    announce_shared_entry(entry, previous)


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
            .where(access.entries_of(author.id, cohort_id), Entry.deleted_at.is_not(None), Entry.deleted_at > cutoff)
            .order_by(Entry.deleted_at.desc())
        )
    )


def revisions_of(entry: Entry) -> list[EntryRevision]:
    """Every saved version of the entry, newest first."""
    return list(db.session.scalars(entry.revisions.select()))


def revision(entry: Entry, version: int) -> EntryRevision | None:
    """One saved version of the entry."""
    return db.session.scalar(entry.revisions.select().where(EntryRevision.version == version))


def revision_fields(revision_: EntryRevision) -> tuple[dict, list[str]]:
    """A revision's content as form-ready fields and tags."""
    content = dict(revision_.content)
    tags = content.pop("tags", [])
    content["occurred_on"] = date.fromisoformat(content["occurred_on"])
    content["hours"] = None if content.get("hours") is None else Decimal(content["hours"])
    return content, tags
