"""“Download my journal”: every entry, revision and tag, the comments on the entries and the
sign-off requests with their decisions, as JSON and as readable Markdown.

The archive is the intern's own data, theirs to keep: it holds only entries they wrote
(trashed ones too, marked as such), never anyone else's. What others wrote goes in only where
it is about the intern's own work and the intern reads it in the app anyway: the comments on
their entries (a comment is read by whoever reads its entry, and the author reads every one of
their entries) and the supervisors' decisions and feedback on their own sign-off requests.
"""

import io
import json
import re
import zipfile
from collections import defaultdict
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from journal import access
from journal.entries.export_feedback import comments_by_entry, comments_markdown, signoff_records, signoffs_markdown
from journal.extensions import db
from journal.models import Cohort, Entry, EntryRevision, User
from journal.models.entries import hours_text
from journal.models.types import utcnow


def slug(text: str, fallback: str = "entry", limit: int | None = 60) -> str:
    """A file-name-safe form of a title or name (letters of any script kept), ``fallback`` when none is left."""
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")[:limit] or fallback


def _record(entry: Entry, revisions: list[EntryRevision], comments: list[dict]) -> dict:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "visibility": entry.visibility,
        "version": entry.version,
        "created_at": entry.created_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
        "in_trash_since": entry.deleted_at.isoformat() if entry.deleted_at else None,
        **entry.content(),
        "revisions": [{"version": r.version, "saved_at": r.created_at.isoformat(), **r.content} for r in revisions],
        "comments": comments,
    }


def _markdown(record: dict) -> str:
    facts = [f"- Kind: {record['kind']}", f"- Date: {record['occurred_on']}", f"- Visibility: {record['visibility']}"]
    for name in ("setting", "specialty", "involvement", "hours", "theme"):
        if record.get(name):
            value = hours_text(record[name]) if name == "hours" else record[name]
            facts.append(f"- {name.capitalize()}: {value}")
    if record.get("principles"):
        facts.append(f"- Principles: {', '.join(record['principles'])}")
    if record["tags"]:
        facts.append(f"- Tags: {', '.join('#' + tag for tag in record['tags'])}")
    if record["in_trash_since"]:
        facts.append(f"- In the trash since {record['in_trash_since']}")
    return f"# {record['title']}\n\n" + "\n".join(facts) + f"\n\n{record['body'].strip()}\n"


def journal_archive(author: User, cohort: Cohort) -> tuple[bytes, str]:
    """The zip archive of the author's journal in the cohort, and its file name."""
    mine = select(Entry).where(access.entries_of(author.id, cohort.id))
    entries = db.session.scalars(mine.options(selectinload(Entry.tags)).order_by(Entry.occurred_on, Entry.id)).all()
    entry_ids = mine.with_only_columns(Entry.id)
    revisions = _revisions_by_entry(entry_ids)
    comments = comments_by_entry(entry_ids, author.id)
    records = [_record(entry, revisions[entry.id], comments[entry.id]) for entry in entries]
    signoffs = signoff_records(author, cohort)
    stamp = utcnow()
    document = {
        "exported_at": stamp.isoformat(),
        "author": {"name": author.display_name, "email": author.email},
        "cohort": {"name": cohort.name, "host_site": cohort.host_site, "country": cohort.country},
        "entries": records,
        "signoffs": signoffs,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("journal.json", json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True))
        archive.writestr("README.txt", _readme(author, cohort, stamp, len(records)))
        archive.writestr("signoffs.md", signoffs_markdown(signoffs))
        for record in records:
            name = f"{record['occurred_on']}-{record['id']}-{slug(record['title'])}"
            archive.writestr(f"entries/{name}.md", _markdown(record) + comments_markdown(record["comments"]))
            for revision in record["revisions"]:
                archive.writestr(
                    f"revisions/{name}/version-{revision['version']}.md",
                    _markdown({**record, **revision, "in_trash_since": None}),
                )
    return buffer.getvalue(), f"journal-{slug(cohort.name)}-{stamp:%Y-%m-%d}.zip"


def _revisions_by_entry(entry_ids: Select) -> dict[int, list[EntryRevision]]:
    """Every saved version of the selected entries, oldest first, by entry: one query however many."""
    found = defaultdict(list)
    for revision in db.session.scalars(
        select(EntryRevision)
        .where(EntryRevision.entry_id.in_(entry_ids))
        .order_by(EntryRevision.entry_id, EntryRevision.version)
    ):
        found[revision.entry_id].append(revision)
    return found


def _readme(author: User, cohort: Cohort, stamp: datetime, count: int) -> str:
    """What the archive holds, for the person who opens it, in the current language (the files and their
    contents stay as they are in every language)."""
    time = stamp.strftime("%Y-%m-%d %H:%M")  # written the same in every language, as the files' names are
    exported = ngettext(
        "Exported %(time)s UTC: %(num)d entry.", "Exported %(time)s UTC: %(num)d entries.", count, time=time
    )
    files = {
        "journal.json": _(
            "every entry with its tags, all its saved versions and its comments, and your sign-off requests "
            "with their decisions (machine-readable)"
        ),
        "entries/": _("one Markdown file per entry, as it is now, with its comments"),
        "signoffs.md": _("your sign-off requests, with who decided them, when, at which level and their feedback"),
        "revisions/": _("every saved version of every entry, as Markdown"),
    }
    lines = "".join(f"{name:<16}{meaning}\n" for name, meaning in files.items())
    return f"Intern Journal — {author.display_name}, {cohort.name}\n{exported}\n\n{lines}"
