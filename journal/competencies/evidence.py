"""Reading evidence: the panel on the entry page and the lists the evidence pages show."""

from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import select
from wtforms import SelectChoice

from journal import access
from journal.competencies.forms import EvidenceForm
from journal.extensions import db
from journal.framework_words.display import competency_title
from journal.models import Cohort, Competency, Domain, Entry, Evidence, User

ENTRIES_PER_PAGE = 50


@dataclass
class Panel:
    """What the entry page shows about competencies: the linked ones, and for the author the choices."""

    linked: list[Competency]
    has_framework: bool
    form: EvidenceForm | None = None  # only for the author
    domains: list[tuple[Domain, list[Competency]]] = field(default_factory=list)

    @property
    def linked_ids(self) -> set[int]:
        """The ids of the linked competencies, to tick their boxes."""
        return {competency.id for competency in self.linked}


def framework_competencies(cohort: Cohort) -> list[Competency]:
    """The competencies of the cohort's framework with their domains, in the framework's order."""
    if cohort.framework_id is None:
        return []
    return list(db.session.scalars(Competency.in_framework(cohort.framework_id)))


def by_domain(competencies: list[Competency]) -> list[tuple[Domain, list[Competency]]]:
    """Group competencies (already in order) by their domain."""
    grouped: dict[int, tuple[Domain, list[Competency]]] = {}
    for competency in competencies:
        grouped.setdefault(competency.domain_id, (competency.domain, []))[1].append(competency)
    return list(grouped.values())


def linked_competencies(entry: Entry) -> list[Competency]:
    """The competencies the entry is evidence for, in the framework's order."""
    return list(
        db.session.scalars(
            select(Competency)
            .join(Evidence, Evidence.competency_id == Competency.id)
            .join(Competency.domain)
            .where(Evidence.entry_id == entry.id)
            .order_by(Domain.position, Competency.position, Competency.id)
        )
    )


def evidence_form(choices: list[Competency], **kwargs) -> EvidenceForm:
    """The entry page's form, its choices the framework's competencies."""
    form = EvidenceForm(**kwargs)
    form.competencies.choices = [SelectChoice(c.id, f"{c.code} {competency_title(c)}") for c in choices]
    return form


def evidence_panel(entry: Entry, viewer: User) -> dict:
    """What the entry page shows about the competencies this entry is evidence for."""
    linked = linked_competencies(entry)
    has_framework = entry.cohort.framework_id is not None
    if not access.can(viewer, "link_evidence", entry) or not has_framework:
        return {"competency_panel": Panel(linked, has_framework)}
    competencies = framework_competencies(entry.cohort)
    form = evidence_form(competencies, formdata=None, competencies=[c.id for c in linked])
    return {"competency_panel": Panel(linked, has_framework, form, by_domain(competencies))}


def competency_or_404(cohort: Cohort, competency_id: int) -> Competency:
    """A competency of the cohort's framework named in the URL; 404 for any other."""
    found = db.session.get(Competency, competency_id)
    if found is None or cohort.framework_id is None or found.framework_id != cohort.framework_id:
        abort(404)
    return found


def entries_page(intern: User, cohort: Cohort, page: int):
    """A page of the intern's live entries in the cohort, newest first, for choosing evidence."""
    stmt = access.own_live_entries(intern, cohort.id).order_by(Entry.occurred_on.desc(), Entry.id.desc())
    return db.paginate(stmt, page=page, per_page=ENTRIES_PER_PAGE, error_out=False)


def shown_entries(intern: User, cohort: Cohort, ids: list[int]) -> list[Entry]:
    """The intern's own live entries among ``ids`` (those a submitted page showed), newest first."""
    stmt = (
        access.own_live_entries(intern, cohort.id)
        .where(Entry.id.in_(ids))
        .order_by(Entry.occurred_on.desc(), Entry.id.desc())
    )
    return list(db.session.scalars(stmt))


def linked_entry_ids(competency: Competency, entries: list[Entry]) -> set[int]:
    """Which of ``entries`` are evidence for the competency."""
    ids = [entry.id for entry in entries]
    if not ids:
        return set()
    return set(
        db.session.scalars(
            select(Evidence.entry_id).where(Evidence.competency_id == competency.id, Evidence.entry_id.in_(ids))
        )
    )
