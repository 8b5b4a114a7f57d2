"""An intern's figures in a cohort, as credit counts them: live entries per kind, clinical hours,
and the highest standing approved level per competency; for any number of interns in two queries.

What counts as a cohort's entry and hour is written here once (``counted_entries``,
``entry_totals``): the credit figures and the supervisors' dashboard both build on it.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, func, select

from journal.extensions import db
from journal.models import Cohort, Entry, SignOffRequest
from journal.models.entries import KINDS

HOURS_KIND = "clinical"  # credit counts the hours of the entries of this kind


def counted_entries(cohort_id) -> ColumnElement[bool]:
    """The condition for the entries a cohort's figures count: its live ones, private ones included.

    ``cohort_id`` is an id or a bind parameter.
    """
    return and_(Entry.cohort_id == cohort_id, Entry.deleted_at.is_(None))


def entry_totals(cohort_id, *aggregates: ColumnElement) -> Select:
    """Select the cohort's counted entries, one row per author: ``author_id``, a column per kind
    (named after the kind: how many), ``clinical_hours`` (the hours credit counts; NULL when none),
    then the extra ``aggregates``.

    The credit figures narrow it to some interns; the dashboard adds what it shows besides (the
    latest entry, the week's entries, those awaiting feedback). Grouped by author alone, it reads
    ``ix_entries_cohort_figures`` in order, with nothing to sort.
    """
    return (
        select(
            Entry.author_id,
            *[func.sum(case((Entry.kind == kind, 1), else_=0)).label(kind) for kind in KINDS],
            func.sum(case((Entry.kind == HOURS_KIND, Entry.hours))).label("clinical_hours"),
            *aggregates,
        )
        .where(counted_entries(cohort_id))
        .group_by(Entry.author_id)
    )


@dataclass
class Figures:
    """One intern's figures in the cohort: live entries, clinical hours, standing sign-off levels."""

    hours: Decimal = Decimal(0)
    entries: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    levels: dict[int, int] = field(default_factory=dict)  # competency id -> highest standing approved level


@cache
def _figure_statements():
    """The two statements behind ``figures_for``, built once and reused with new parameters
    (``cohort_id`` and the expanding ``intern_ids``)."""
    cohort_id, intern_ids = bindparam("cohort_id"), bindparam("intern_ids", expanding=True)
    entries = entry_totals(cohort_id).where(Entry.author_id.in_(intern_ids))
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
    for author_id, *counts, hours in db.session.execute(_figure_statements()[0], parameters):
        figures[author_id].entries = dict(zip(KINDS, (int(count) for count in counts), strict=True))
        figures[author_id].hours = Decimal(str(hours or 0))
    for intern_id, levels in signed_off_levels(cohort, intern_ids).items():
        figures[intern_id].levels = levels
    return figures
