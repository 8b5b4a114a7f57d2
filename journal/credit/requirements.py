"""Credit requirements: what an intern must reach for credit, and what is still missing.

Assessments are made from ``credit.figures``, aggregated in SQL for any number of interns
in a fixed number of queries, so the dashboard, the credit summary and each submission can
all say, in the same words, whether the requirements are met.
"""

from dataclasses import dataclass
from decimal import Decimal

from journal import audit
from journal.credit.figures import Figures, figures_for
from journal.extensions import db
from journal.models import Cohort, Competency, CreditRequirements
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
    every = {c.id for c in _framework_competencies(cohort)}
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
    competencies = _framework_competencies(cohort)
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


def _framework_competencies(cohort: Cohort) -> list[Competency]:
    """The competencies of the cohort's framework, in its order (none without a framework)."""
    if cohort.framework_id is None:
        return []
    return list(db.session.scalars(Competency.in_framework(cohort.framework_id)))
