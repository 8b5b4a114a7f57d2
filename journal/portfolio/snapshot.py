"""The portfolio document: what a submission freezes, built from the intern's selection.

The document is plain data (the JSON Schema in ``schema/`` says its shape) and is turned
into bytes one way only, ``canonical_bytes``, so the same document always gives the same
bytes and the same SHA-256. The PDF and the preview are drawn from the document, never
from live data, so what was submitted is what everyone reads.

A document stores codes and figures; the few words it holds (setting names, competency states,
missing requirements) are English whatever the intern's language, and ``wording`` puts them in
the reader's language when the document is drawn.
"""

import functools
import json
from collections import Counter
from datetime import datetime
from decimal import Decimal

from flask_babel import force_locale
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from journal import access
from journal.competencies.checklist import checklist_for
from journal.credit.figures import figures_for
from journal.credit.requirements import assess, requirements_for
from journal.extensions import db
from journal.models import Cohort, Comment, Entry, Framework, Membership, User
from journal.models.entries import KIND_FIELDS, KINDS, SETTINGS, hours_text
from journal.models.types import utc_stamp
from journal.portfolio.wording import NOT_GIVEN, STORED_LANGUAGE

SCHEMA_VERSION = "1.0"
DOCUMENT_TYPE = "intern-journal-portfolio"


def canonical_bytes(document: dict) -> bytes:
    """The one byte form of a document: UTF-8, keys sorted, two-space indent, a final newline."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2, separators=(",", ": "))
    return (text + "\n").encode("utf-8")


def timestamp(moment: datetime | None) -> str | None:
    """A UTC moment as ``2026-03-05T14:07:00Z`` (None stays None)."""
    return None if moment is None else utc_stamp(moment)


def member_names(cohort: Cohort, role: str) -> list[str]:
    """The names of the cohort's members in ``role``, sorted."""
    return list(
        db.session.scalars(
            select(User.display_name)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.cohort_id == cohort.id, Membership.role == role)
            .order_by(User.display_name, User.id)
        )
    )


def _details(entry: Entry) -> dict:
    """The kind's own fields, as codes (the PDF turns them into words)."""
    values = {name: getattr(entry, name) for name in KIND_FIELDS[entry.kind]}
    if "hours" in values:
        values["hours"] = None if entry.hours is None else hours_text(entry.hours)
    if "principles" in values:
        values["principles"] = list(entry.principles or [])
    return values


def _comments(cohort: Cohort, entries: list[Entry]) -> dict[int, list[dict]]:
    """Each entry's comments by its author and the cohort's supervisors, oldest first (one query).

    Fellow interns' comments are theirs to hand over, not the author's, so they stay out.
    """
    supervisors = select(Membership.user_id).where(Membership.cohort_id == cohort.id, Membership.role == "supervisor")
    authors = {entry.id: entry.author_id for entry in entries}
    found: dict[int, list[dict]] = {entry.id: [] for entry in entries}
    if not entries:
        return found
    rows = db.session.scalars(
        select(Comment)
        .options(selectinload(Comment.author))
        .where(Comment.entry_id.in_(list(authors)))
        .order_by(Comment.created_at, Comment.id)
    )
    supervisor_ids = set(db.session.scalars(supervisors))
    for comment in rows:
        if comment.author_id == authors[comment.entry_id]:
            role = "intern"
        elif comment.author_id in supervisor_ids:
            role = "supervisor"
        else:
            continue
        found[comment.entry_id].append(
            {
                "author": comment.author.display_name,
                "role": role,
                "written_at": timestamp(comment.created_at),
                "body": comment.body,
            }
        )
    return found


def _entry(entry: Entry, comments: list[dict]) -> dict:
    return {
        "id": entry.id,
        "version": entry.version,
        "kind": entry.kind,
        "title": entry.title,
        "occurred_on": entry.occurred_on.isoformat(),
        "body": entry.body,
        "tags": entry.tag_names,
        "details": _details(entry),
        "comments": comments,
    }


def _by_hours(hours: Counter) -> list[dict]:
    return [{"name": name, "hours": hours_text(h)} for name, h in sorted(hours.items(), key=lambda i: (-i[1], i[0]))]


def _hours_by_setting(cohort: Cohort, intern: User) -> list[dict]:
    """Clinical hours of every live entry by setting (a fixed list: figures, never text)."""
    rows = db.session.execute(
        select(Entry.setting, func.sum(Entry.hours))
        .where(access.live_entries_of(intern.id, cohort.id), Entry.kind == "clinical", Entry.hours.is_not(None))
        .group_by(Entry.setting)
    )
    hours: Counter = Counter()
    for setting, total in rows:
        hours[str(SETTINGS.get(setting or "", NOT_GIVEN))] += Decimal(str(total))
    return _by_hours(hours)


def _hours_by_specialty(entries: list[Entry]) -> list[dict]:
    """Clinical hours of the included entries by specialty. The specialty is free text, so entries
    the intern did not choose stay out of it."""
    hours: Counter = Counter()
    for entry in entries:
        if entry.kind == "clinical" and entry.hours is not None:
            hours[(entry.specialty or NOT_GIVEN).strip().capitalize()] += entry.hours
    return _by_hours(hours)


def _competencies(cohort: Cohort, intern: User) -> list[dict]:
    record = []
    for item in checklist_for(cohort, intern, intern).items:
        approval = item.approval
        record.append(
            {
                "domain": item.competency.domain.title,
                "code": item.competency.code,
                "title": item.competency.title,
                "required_level": item.competency.required_level,
                "state": item.state,
                "state_label": str(item.state_label),
                "level": item.approved_level,
                "met": item.met,
                "signed_off_by": approval.decided_by.display_name if approval and approval.decided_by else None,
                "signed_off_at": timestamp(approval.created_at) if approval is not None else None,
            }
        )
    return record


def _in_stored_language(build):
    """Run ``build`` with English as the language, whatever the request's (see the module's docstring)."""

    @functools.wraps(build)
    def in_stored_language(*args, **kwargs):
        with force_locale(STORED_LANGUAGE):
            return build(*args, **kwargs)

    return in_stored_language


@_in_stored_language
def build_document(
    cohort: Cohort,
    intern: User,
    entries: list[Entry],
    *,
    code: str | None,
    submitted_at: datetime | None,
    verify_url: str | None,
    supersedes: str | None,
) -> dict:
    """The whole portfolio of ``intern`` in ``cohort`` with the chosen ``entries`` (the author's own,
    live, with their tags loaded), as a document ready for ``canonical_bytes``.

    A preview passes None for the code, time and address, which only a submission has. Its words are
    English whatever the request's language (see the module's docstring).
    """
    requirements = requirements_for(cohort)
    figures = figures_for(cohort, [intern.id])[intern.id]
    assessment = assess(requirements, figures)
    framework = db.session.get(Framework, cohort.framework_id) if cohort.framework_id else None
    comments = _comments(cohort, entries)
    ordered = sorted(entries, key=lambda entry: (entry.occurred_on, entry.id))
    return {
        "schema_version": SCHEMA_VERSION,
        "document_type": DOCUMENT_TYPE,
        "submission": {
            "code": code,
            "submitted_at": timestamp(submitted_at),
            "verify_url": verify_url,
            "supersedes": supersedes,
        },
        "intern": {"name": intern.display_name, "email": intern.email},
        "cohort": {
            "name": cohort.name,
            "host_site": cohort.host_site,
            "country": cohort.country,
            "start_date": cohort.start_date.isoformat(),
            "end_date": cohort.end_date.isoformat(),
            "supervisors": member_names(cohort, "supervisor"),
        },
        "framework": None if framework is None else {"name": framework.name, "version": framework.version},
        "summary": {
            "entries_total": sum(figures.entries.values()),
            "entries_by_kind": {kind: figures.entries.get(kind, 0) for kind in KINDS},
            "entries_selected": len(ordered),
            "clinical_hours": hours_text(figures.hours),
            "hours_by_setting": _hours_by_setting(cohort, intern),
            "hours_by_specialty": _hours_by_specialty(ordered),
        },
        "competencies": _competencies(cohort, intern),
        "requirements": {
            "met": assessment.met,
            "missing": [str(item) for item in assessment.missing],
            "minimum_clinical_hours": hours_text(requirements.hours),
            "minimum_entries": dict(requirements.entries),
            "competencies": requirements.competency_codes,
        },
        "entries": [_entry(entry, comments[entry.id]) for entry in ordered],
    }
