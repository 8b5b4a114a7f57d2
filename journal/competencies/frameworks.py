"""Competency frameworks: the default one, importing new versions, and assigning a version to a cohort.

A framework version never changes once made: importing a framework under an existing name
makes the next version, and cohorts keep the version they were given. Services flush; the
calling view commits once.
"""

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select, union
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from journal import audit
from journal.competencies.framework_import import (
    CSV_COLUMNS,
    OPTIONAL_COLUMNS,
    ParsedCompetency,
    ParsedDomain,
    ParsedFramework,
    parse_framework_data,
)
from journal.csvsafe import spreadsheet_cell
from journal.extensions import db
from journal.framework_words.default_framework import DEFAULT_FRAMEWORK
from journal.models import Cohort, Competency, Domain, Entry, Evidence, Framework, SignOffRequest, User

__all__ = ["DEFAULT_FRAMEWORK", "FrameworkError", "default_framework", "import_framework", "assign_framework"]


class FrameworkError(Exception):
    """An operation on frameworks that cannot be done; the message is meant for the coordinator."""


@dataclass
class FrameworkRow:
    """A framework version in the coordinator's list, with what it holds and who uses it."""

    framework: Framework
    competencies: int
    imported_by: str | None
    cohorts: list[Cohort] = field(default_factory=list)


def _build(framework: Framework, parsed: ParsedFramework) -> None:
    """Give a new framework the domains and competencies of a parsed file, in file order (with the CASE
    identifiers the file gave them, if it was a CASE package)."""
    position = 0
    framework.case_identifier = parsed.case_identifier
    for number, parsed_domain in enumerate(parsed.domains):
        domain = Domain(
            title=parsed_domain.title,
            canmeds_role=parsed_domain.canmeds_role,
            position=number,
            case_identifier=parsed_domain.case_identifier,
        )
        framework.domains.append(domain)
        for item in parsed_domain.competencies:
            position += 1
            competency = Competency(
                code=item.code,
                title=item.title,
                description=item.description,
                required_level=item.required_level,
                position=position,
                domain=domain,
                case_identifier=item.case_identifier,
            )
            framework.competencies.append(competency)


def _latest_version(name: str) -> Framework | None:
    """The highest version of the named framework, or None."""
    return db.session.scalar(select(Framework).where(Framework.name == name).order_by(Framework.version.desc()))


def default_framework() -> Framework:
    """The latest version of the default framework, created (as version 1) if there is none yet.

    Two requests creating it at the same moment end with one framework: the loser of the
    race finds the winner's.
    """
    found = _latest_version(DEFAULT_FRAMEWORK["name"])
    if found is not None:
        return found
    framework = Framework(name=DEFAULT_FRAMEWORK["name"], version=1, description=DEFAULT_FRAMEWORK["description"])
    _build(framework, parse_framework_data(DEFAULT_FRAMEWORK))
    try:
        with db.session.begin_nested():
            db.session.add(framework)
    except IntegrityError:
        return _latest_version(DEFAULT_FRAMEWORK["name"])
    return framework


def import_framework(name: str, description: str, parsed: ParsedFramework, actor: User | None) -> Framework:
    """Save a clean file as a new framework: version 1 of a new name, or the next version of an existing one.

    Cohorts are never touched: they keep the version they use. Raises FrameworkError
    when the name is empty.
    """
    name = (name or "").strip()
    if not name:
        raise FrameworkError(_("Give the framework a name."))
    latest = _latest_version(name)
    version = latest.version + 1 if latest is not None else 1
    actor_id = actor.id if actor is not None else None
    framework = Framework(name=name, version=version, description=(description or "").strip(), created_by_id=actor_id)
    _build(framework, parsed)
    db.session.add(framework)
    db.session.flush()
    audit.record(actor_id, "framework.imported", framework, None, version=version)
    return framework


def switch_blocker(cohort: Cohort) -> str | None:
    """Why the cohort cannot change framework (its interns' evidence or requests under the current one), or None."""
    if cohort.framework_id is None:
        return None
    under_current = Competency.framework_id == cohort.framework_id
    evidence = db.session.scalar(
        select(func.count())
        .select_from(Evidence)
        .join(Competency, Competency.id == Evidence.competency_id)
        .join(Entry, Entry.id == Evidence.entry_id)
        .where(under_current, Entry.cohort_id == cohort.id)
    )
    requests = db.session.scalar(
        select(func.count())
        .select_from(SignOffRequest)
        .join(Competency, Competency.id == SignOffRequest.competency_id)
        .where(under_current, SignOffRequest.cohort_id == cohort.id)
    )
    if not evidence and not requests:
        return None
    links = ngettext("%(num)d evidence link", "%(num)d evidence links", evidence)
    asked = ngettext("%(num)d sign-off request", "%(num)d sign-off requests", requests)
    if evidence and requests:
        held = _("%(links)s and %(requests)s", links=links, requests=asked)
    else:
        held = links if evidence else asked
    return _(
        "%(cohort)s cannot change framework: its interns already have %(held)s under the current one, and "
        "changing it would cut them off from that record.",
        cohort=cohort.name,
        held=held,
    )


def assign_framework(cohort: Cohort, framework: Framework, actor: User) -> bool:
    """Make the cohort use this framework version; False if it already does.

    Raises FrameworkError when the cohort already holds evidence or requests under its
    current framework.
    """
    if cohort.framework_id == framework.id:
        return False
    reason = switch_blocker(cohort)
    if reason:
        raise FrameworkError(reason)
    previous = cohort.framework_id
    cohort.framework_id = framework.id
    audit.record(
        actor.id, "framework.assigned", framework, cohort.id, version=framework.version, previous_framework_id=previous
    )
    return True


def blocked_cohort_ids() -> set[int]:
    """The cohorts that cannot change framework any more, in one query."""
    on_current = (Competency.framework_id == Cohort.framework_id,)
    evidence = (
        select(Entry.cohort_id)
        .join(Evidence, Evidence.entry_id == Entry.id)
        .join(Competency, Competency.id == Evidence.competency_id)
        .join(Cohort, Cohort.id == Entry.cohort_id)
        .where(*on_current)
    )
    requests = (
        select(SignOffRequest.cohort_id)
        .join(Competency, Competency.id == SignOffRequest.competency_id)
        .join(Cohort, Cohort.id == SignOffRequest.cohort_id)
        .where(*on_current)
    )
    return set(db.session.scalars(union(evidence, requests)))


def all_frameworks() -> list[Framework]:
    """Every framework version, by name and newest version first, for menus."""
    return list(db.session.scalars(select(Framework).order_by(Framework.name, Framework.version.desc())))


def frameworks_overview() -> list[FrameworkRow]:
    """Every framework version with its number of competencies, who imported it and the cohorts using it."""
    counts = select(Competency.framework_id, func.count().label("n")).group_by(Competency.framework_id).subquery()
    rows = db.session.execute(
        select(Framework, func.coalesce(counts.c.n, 0), User.display_name)
        .outerjoin(counts, counts.c.framework_id == Framework.id)
        .outerjoin(User, User.id == Framework.created_by_id)
        .order_by(Framework.name, Framework.version.desc())
    )
    overview = {framework.id: FrameworkRow(framework, n, who) for framework, n, who in rows}
    for cohort in db.session.scalars(select(Cohort).where(Cohort.framework_id.is_not(None)).order_by(Cohort.name)):
        overview[cohort.framework_id].cohorts.append(cohort)
    return list(overview.values())


def framework_with_content(framework_id: int) -> Framework | None:
    """A framework with its domains and their competencies loaded (two more queries), or None."""
    return db.session.scalar(
        select(Framework)
        .options(selectinload(Framework.domains).selectinload(Domain.competencies))
        .where(Framework.id == framework_id)
    )


def as_parsed(framework: Framework) -> ParsedFramework:
    """A saved framework in the parsed shape, to write it out as a file."""
    domains = [
        ParsedDomain(
            d.title,
            d.canmeds_role,
            [ParsedCompetency(c.code, c.title, c.description, c.required_level) for c in d.competencies],
        )
        for d in framework.domains
    ]
    return ParsedFramework(domains, framework.name, framework.description)


def framework_csv(parsed: ParsedFramework) -> str:
    """The framework as a CSV file that ``parse_framework_csv`` reads back exactly (with the CanMEDS roles).

    Coordinators open it in a spreadsheet, so a text that would run as a formula is written as
    text (``journal.csvsafe``); the importer undoes that.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*CSV_COLUMNS, *OPTIONAL_COLUMNS])
    for domain in parsed.domains:
        for c in domain.competencies:
            values = (domain.title, c.code, c.title, c.description, c.required_level, domain.canmeds_role)
            writer.writerow([spreadsheet_cell(value) for value in values])
    return out.getvalue()
