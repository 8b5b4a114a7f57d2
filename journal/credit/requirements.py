"""Credit requirements: what an intern must reach for credit, and what is still missing.

The figures behind an assessment are aggregated in SQL for any number of interns in a
fixed number of queries, so the dashboard, the credit summary and each submission can
all say, in the same words, whether the requirements are met.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from sqlalchemy import bindparam, func, select

from journal import audit
from journal.competencies.evidence import framework_competencies
from journal.extensions import db
from journal.models import Cohort, Competency, CreditRequirements, Entry, SignOffRequest
from journal.models.competencies import LEVELS
from journal.models.entries import KIND_PLURALS, KINDS, hours_text
from journal.models.types import utcnow


@dataclass(frozen=True)
class Requirements:
    """A cohort's requirements, resolved against its framework."""

    hours: Decimal
    entries: dict[str, int]
    competencies: list[Competency]  # each must be signed off at its required level
    all_competencies: bool  # every competency of the framework (the default)
    framework_size: int = 0  # how many competencies the cohort's framework has

    @property
    def competency_codes(self) -> list[str]:
        return [competency.code for competency in self.competencies]


@dataclass
class Figures:
    """One intern's figures in the cohort: live entries, clinical hours, standing sign-off levels."""

    hours: Decimal = Decimal(0)
    entries: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    levels: dict[int, int] = field(default_factory=dict)  # competency id -> highest standing approved level


@dataclass
class Assessment:
    """Whether the requirements are met and, if not, each thing missing in words."""

    missing: list[str]

    @property
    def met(self) -> bool:
        return not self.missing

    @property
    def summary(self) -> str:
        """``Met``, or how many things are missing."""
        if self.met:
            return "Requirements met"
        return f"{len(self.missing)} requirement{'s' if len(self.missing) != 1 else ''} missing"


def set_requirements(
    cohort: Cohort,
    actor_id: int,
    *,
    hours: Decimal,
    entries: dict[str, int],
    competency_ids: list[int],
) -> CreditRequirements:
    """Save the cohort's requirements and audit the change; flushes.

    ``competency_ids`` are of the cohort's framework; choosing all of them is stored as "all".
    """
    row = db.session.get(CreditRequirements, cohort.id) or CreditRequirements(cohort_id=cohort.id)
    every = {c.id for c in framework_competencies(cohort)}
    chosen = sorted(set(competency_ids) & every)
    row.min_clinical_hours = hours
    for kind in KINDS:
        setattr(row, f"min_{kind}_entries", entries[kind])
    row.framework_id = cohort.framework_id
    row.competency_ids = None if set(chosen) == every else chosen
    row.updated_at, row.updated_by_id = utcnow(), actor_id
    db.session.add(row)
    db.session.flush()
    audit.record(
        actor_id,
        "requirements.updated",
        cohort,
        cohort.id,
        hours=hours_text(hours),
        **{f"min_{kind}": entries[kind] for kind in KINDS},
        competencies=len(chosen),
    )
    return row


def requirements_for(cohort: Cohort) -> Requirements:
    """The cohort's requirements (defaults when a coordinator has set none), in two queries."""
    row = db.session.get(CreditRequirements, cohort.id)
    competencies = framework_competencies(cohort)
    chosen = None
    if row is not None and row.competency_ids is not None and row.framework_id == cohort.framework_id:
        chosen = set(row.competency_ids)
    return Requirements(
        hours=Decimal(row.min_clinical_hours) if row is not None else Decimal(0),
        entries={kind: row.min_entries(kind) if row is not None else 0 for kind in KINDS},
        competencies=[c for c in competencies if chosen is None or c.id in chosen],
        all_competencies=chosen is None,
        framework_size=len(competencies),
    )


@cache
def _figure_statements():
    """The two statements behind ``figures_for``, built once and reused with new parameters
    (``cohort_id`` and the expanding ``intern_ids``)."""
    cohort_id, intern_ids = bindparam("cohort_id"), bindparam("intern_ids", expanding=True)
    entries = (
        select(Entry.author_id, Entry.kind, func.count(), func.sum(Entry.hours))
        .where(Entry.cohort_id == cohort_id, Entry.deleted_at.is_(None), Entry.author_id.in_(intern_ids))
        .group_by(Entry.author_id, Entry.kind)
    )
    levels = (
        select(SignOffRequest.intern_id, SignOffRequest.competency_id, func.max(SignOffRequest.approved_level))
        .where(
            SignOffRequest.cohort_id == cohort_id,
            SignOffRequest.status == "approved",
            SignOffRequest.intern_id.in_(intern_ids),
        )
        .group_by(SignOffRequest.intern_id, SignOffRequest.competency_id)
    )
    return entries, levels


def signed_off_levels(cohort: Cohort, intern_ids: list[int]) -> dict[int, dict[int, int]]:
    """Each intern's highest standing approved level per competency, in one query."""
    levels: dict[int, dict[int, int]] = {intern_id: {} for intern_id in intern_ids}
    if not intern_ids:
        return levels
    parameters = {"cohort_id": cohort.id, "intern_ids": list(intern_ids)}
    for intern_id, competency_id, level in db.session.execute(_figure_statements()[1], parameters):
        if level is not None:
            levels[intern_id][competency_id] = int(level)
    return levels


def figures_for(cohort: Cohort, intern_ids: list[int]) -> dict[int, Figures]:
    """The figures of each intern in ``intern_ids``, in two queries whatever their number."""
    figures = {intern_id: Figures() for intern_id in intern_ids}
    if not intern_ids:
        return figures
    parameters = {"cohort_id": cohort.id, "intern_ids": list(intern_ids)}
    for author_id, kind, count, hours in db.session.execute(_figure_statements()[0], parameters):
        figures[author_id].entries[kind] = int(count)
        if kind == "clinical":
            figures[author_id].hours = Decimal(str(hours or 0))
    for intern_id, levels in signed_off_levels(cohort, intern_ids).items():
        figures[intern_id].levels = levels
    return figures


def assess(requirements: Requirements, figures: Figures) -> Assessment:
    """What ``figures`` still lack against ``requirements``, one sentence per missing thing."""
    missing = []
    if figures.hours < requirements.hours:
        missing.append(
            f"Clinical hours: {hours_text(figures.hours)} of {hours_text(requirements.hours)} "
            f"({hours_text(requirements.hours - figures.hours)} more)"
        )
    for kind, minimum in requirements.entries.items():
        have = figures.entries.get(kind, 0)
        if have < minimum:
            missing.append(f"{KIND_PLURALS[kind].capitalize()}: {have} of {minimum} ({minimum - have} more)")
    for competency in requirements.competencies:
        level = figures.levels.get(competency.id)
        if level is None or level < competency.required_level:
            now = "not signed off" if level is None else f"signed off at level {level}"
            missing.append(
                f"{competency.code} {competency.title}: needs level {competency.required_level} "
                f"({LEVELS[competency.required_level].lower()}), now {now}"
            )
    return Assessment(missing)


def assessments_for(cohort: Cohort, intern_ids: list[int]) -> dict[int, Assessment]:
    """Each intern's assessment, in four queries whatever their number."""
    requirements = requirements_for(cohort)
    return {intern_id: assess(requirements, figures) for intern_id, figures in figures_for(cohort, intern_ids).items()}
