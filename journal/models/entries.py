"""Journal entries, every saved version of them, and their tags.

An entry is private to its author unless the author raises its visibility; who
may read what is decided in ``journal.access``, never here.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.cohorts import Cohort
    from journal.models.users import User

# Every word the product uses for a kind or a visibility is here, and only here: Python reads these
# maps, templates ask ``kind_label``, ``visibility_name``... (journal/templating.py). The keys, in
# this order, are also the values the database accepts (and, for visibilities, from least shared).
# The words are lazy (``_l``): each is translated when it is shown, in the reader's language; ``str()``
# one before storing it or sending it as JSON.
KINDS = {
    "clinical": _l("Clinical observation"),
    "cultural": _l("Cultural reflection"),
    "ethics": _l("Ethics note"),
}
# The new-entry form's title, one message per kind (an adjective agrees with its noun in other languages).
NEW_KIND = {
    "clinical": _l("New clinical observation"),
    "cultural": _l("New cultural reflection"),
    "ethics": _l("New ethics note"),
}
KIND_PLURALS = {
    "clinical": _l("clinical observations"),
    "cultural": _l("cultural reflections"),
    "ethics": _l("ethics notes"),
}
# Who reads an entry of each visibility (the rule itself is ``journal.access.ENTRY_READERS``).
VISIBILITIES = {
    "private": _l("Only you"),
    "supervisors": _l("You and the cohort's supervisors"),
    "cohort": _l("You, the supervisors and fellow interns of the cohort"),
}
# A visibility's short name (badges, filters, the audit log), the button that gives it to an entry,
# and whom a shared one is shared with ("Then share with the cohort's supervisors").
VISIBILITY_NAMES = {
    "private": _l("Private"),
    "supervisors": _l("Shared with supervisors"),
    "cohort": _l("Shared with the cohort"),
}
VISIBILITY_ACTIONS = {
    "private": _l("Make private"),
    "supervisors": _l("Share with supervisors"),
    "cohort": _l("Share with the cohort"),
}
SHARED_WITH = {"supervisors": _l("the cohort's supervisors"), "cohort": _l("the supervisors and fellow interns")}
# Who reads an entry of each visibility, in the few words the author's journal list has room for.
READERS_SHORT = {"private": _l("Only you"), "supervisors": _l("You and your supervisors"), "cohort": _l("Your cohort")}
SETTINGS = {
    "ward": _l("Ward"),
    "outpatient": _l("Outpatient clinic"),
    "theatre": _l("Theatre"),
    "emergency": _l("Emergency"),
    "community": _l("Community"),
    "telemedicine": _l("Telemedicine"),
    "other": _l("Other"),
}
INVOLVEMENTS = {
    "observed": _l("Observed"),
    "assisted": _l("Assisted"),
    "performed": _l("Performed under supervision"),
}
THEMES = {
    "language": _l("Language and communication"),
    "family": _l("Family and decision-making"),
    "beliefs": _l("Beliefs and traditional medicine"),
    "resources": _l("Resources and access"),
    "roles": _l("Professional roles"),
    "other": _l("Other"),
}
PRINCIPLES = {
    "autonomy": _l("Autonomy"),
    "beneficence": _l("Beneficence"),
    "non-maleficence": _l("Non-maleficence"),
    "justice": _l("Justice"),
    "confidentiality": _l("Confidentiality"),
    "consent": _l("Informed consent"),
}
# The fields each kind adds to every entry; revisions keep them with the text.
KIND_FIELDS = {
    "clinical": ("setting", "specialty", "involvement", "hours"),
    "cultural": ("theme",),
    "ethics": ("principles",),
}
COMMON_FIELDS = ("title", "body", "occurred_on")
CONTENT_FIELDS = COMMON_FIELDS + tuple(field for fields in KIND_FIELDS.values() for field in fields)


def hours_text(hours: Decimal | int | str | None) -> str:
    """Hours as people write them: ``12``, ``12.5`` (from a number, or a document's ``"12.50"``)."""
    value = Decimal(hours or 0).quantize(Decimal("0.01"))
    return f"{value.normalize():f}"


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Entry(db.Model):
    """One journal entry of one intern in one cohort."""

    __tablename__ = "entries"
    __table_args__ = (
        CheckConstraint(_in("kind", KINDS), name="kind_known"),
        CheckConstraint(_in("visibility", VISIBILITIES), name="visibility_known"),
        CheckConstraint("hours IS NULL OR (hours >= 0 AND hours <= 24)", name="hours_range"),
        Index("ix_entries_author_list", "author_id", "cohort_id", "deleted_at", "occurred_on"),
        Index("ix_entries_cohort_visibility", "cohort_id", "visibility"),
        # A create sent again (its answer lost) carries the same key and finds the first entry.
        UniqueConstraint("author_id", "idempotency_key", name="uq_entries_author_idempotency_key"),
        # The cohort's figures are counted from these two indexes alone, never reading the entries'
        # text: per intern (dashboard rows, credit figures), author by author; and per day and kind
        # (the dashboard's chart), in the order it groups them, so nothing has to be sorted.
        Index("ix_entries_cohort_days", "cohort_id", "deleted_at", "occurred_on", "kind", "author_id"),
        Index(
            "ix_entries_cohort_figures",
            "cohort_id",
            "author_id",
            "deleted_at",
            "kind",
            "occurred_on",
            "visibility",
            "hours",
            "created_at",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    occurred_on: Mapped[date] = mapped_column(Date)
    visibility: Mapped[str] = mapped_column(String(16), default="private")
    setting: Mapped[str | None] = mapped_column(String(16))
    specialty: Mapped[str | None] = mapped_column(String(80))
    involvement: Mapped[str | None] = mapped_column(String(16))
    hours: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    theme: Mapped[str | None] = mapped_column(String(16))
    principles: Mapped[list[str] | None] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(default=1)
    # The author's confirmation that the suspected identifiers of one version identify nobody:
    # {"version": n, "at": ISO time, "findings": [{"kind": ..., "text": ...}, ...]}.
    identifier_review: Mapped[dict | None] = mapped_column(JSON)
    # The random key of the form that created the entry: one entry per intent to create.
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped["User"] = relationship()
    cohort: Mapped["Cohort"] = relationship()
    tags: Mapped[list["EntryTag"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EntryTag.name"
    )
    # Every save adds one, without end: never loaded whole, only selected
    # (``entry.revisions.select()``) and deleted with the entry by the database.
    revisions: WriteOnlyMapped["EntryRevision"] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EntryRevision.version.desc()"
    )

    @hybrid_property
    def is_shared(self) -> bool:
        """Whether anyone but the author may read the entry; ``Entry.is_shared`` is the same test in SQL."""
        return self.visibility != "private"

    @property
    def kind_label(self) -> str:
        """The kind in words, in the current language."""
        return str(KINDS[self.kind])

    @property
    def visibility_label(self) -> str:
        """Who can read the entry, in plain words (in the current language)."""
        return str(VISIBILITIES[self.visibility])

    @property
    def visibility_name(self) -> str:
        """A short name for the visibility, for lists and buttons (in the current language)."""
        return str(VISIBILITY_NAMES[self.visibility])

    @property
    def tag_names(self) -> list[str]:
        """The entry's tags, sorted."""
        return [tag.name for tag in self.tags]

    def content(self) -> dict:
        """The fields a revision records, as JSON-ready values."""
        values = {name: getattr(self, name) for name in CONTENT_FIELDS}
        values["occurred_on"] = self.occurred_on.isoformat()
        values["hours"] = None if self.hours is None else str(self.hours)
        values["tags"] = self.tag_names
        return values

    def __repr__(self) -> str:
        return f"<Entry {self.id}>"


class EntryTag(db.Model):
    """A tag on an entry (lower case, without the leading #)."""

    __tablename__ = "entry_tags"
    __table_args__ = (Index("ix_entry_tags_name", "name"),)

    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)


class EntryRevision(db.Model):
    """A saved version of an entry. Nothing an intern saved is ever lost."""

    __tablename__ = "entry_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    content: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def title(self) -> str:
        """The title this version had."""
        return self.content["title"]


class Draft(db.Model):
    """Text typed but not yet saved, kept per user and entry (or new entry) so nothing is lost.

    ``key`` names what is being written: ``entry-<id>`` for an edit, ``new-<cohort>-<kind>``
    for a new entry. A draft is only ever shown to its own user.
    """

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(60))
    content: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
