"""Credit requirements: what an intern must reach for credit, and what is still missing.

Assessments are made from ``credit.figures``, aggregated in SQL for any number of interns
in a fixed number of queries, so the dashboard, the credit summary and each submission can
all say, in the same words, whether the requirements are met.

What is missing is kept as gaps (codes and numbers, no words) and put into words, in the
reader's language, only when it is read (``describe_gap``), so a stored gap can be shown in
any language later.
"""

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import ngettext

from journal import audit
from journal.credit.figures import Figures, figures_for
from journal.extensions import db
from journal.framework_words.display import stored_title
from journal.i18n import format_hours
from journal.models import Cohort, Competency, CreditRequirements
from journal.models.competencies import LEVELS
from journal.models.entries import KINDS, hours_text
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


# A thing missing for credit, without words (JSON-ready): one of
#   {"requirement": "hours", "have": "3", "need": "10"}                      (hours as ``hours_text``)
#   {"requirement": "entries", "kind": "clinical", "have": 1, "need": 3}
#   {"requirement": "competency", "code": "C2", "title": "…", "need": 3, "have": None}  (have: None or a level)
# An older frozen document holds the sentence itself instead, which is shown as it is.
Gap = dict | str


def _entries_gap(kind: str, have: int, need: int) -> str:
    """Entries of ``kind`` missing, one whole sentence per kind (each language words the kind its way)."""
    if kind == "clinical":
        return ngettext(
            "Clinical observations: %(have)d of %(need)d (%(num)d more)",
            "Clinical observations: %(have)d of %(need)d (%(num)d more)",
            need - have,
            have=have,
            need=need,
        )
    if kind == "cultural":
        return ngettext(
            "Cultural reflections: %(have)d of %(need)d (%(num)d more)",
            "Cultural reflections: %(have)d of %(need)d (%(num)d more)",
            need - have,
            have=have,
            need=need,
        )
    return ngettext(
        "Ethics notes: %(have)d of %(need)d (%(num)d more)",
        "Ethics notes: %(have)d of %(need)d (%(num)d more)",
        need - have,
        have=have,
        need=need,
    )


def describe_gap(gap: Gap) -> str:
    """A thing missing for credit in words, in the current language (an older document's sentence as it is).

    ``Clinical hours: 3 of 10 (7 more)``, ``Ethics notes: 0 of 2 (2 more)``,
    ``C2 Consent: needs level 3 (acts with indirect supervision), now signed off at level 2``.
    """
    if isinstance(gap, str):
        return gap
    if gap["requirement"] == "hours":
        have, need = Decimal(gap["have"]), Decimal(gap["need"])
        return _(
            "Clinical hours: %(have)s of %(need)s (%(more)s more)",
            have=format_hours(have),
            need=format_hours(need),
            more=format_hours(need - have),
        )
    if gap["requirement"] == "entries":
        return _entries_gap(gap["kind"], gap["have"], gap["need"])
    need, have = gap["need"], gap["have"]
    values = {
        "code": gap["code"],
        "title": stored_title(gap["code"], gap["title"]),
        "need": need,
        "need_words": str(LEVELS[need]).lower(),
    }
    if have is None:
        return _("%(code)s %(title)s: needs level %(need)d (%(need_words)s), now not signed off", **values)
    return _(
        "%(code)s %(title)s: needs level %(need)d (%(need_words)s), now signed off at level %(have)d",
        have=have,
        **values,
    )


@dataclass
class Assessment:
    """Whether the requirements are met and, if not, each thing missing (``gaps``; ``missing`` in words)."""

    gaps: list[Gap]

    @property
    def met(self) -> bool:
        return not self.gaps

    @property
    def missing(self) -> list[str]:
        """Each thing missing, in words in the current language."""
        return [describe_gap(gap) for gap in self.gaps]

    @property
    def summary(self) -> str:
        """``Requirements met``, or how many things are missing."""
        if self.met:
            return _("Requirements met")
        return ngettext("%(num)d requirement missing", "%(num)d requirements missing", len(self.gaps))


def set_requirements(
    cohort: Cohort,
    actor_id: int,
    *,
    hours: Decimal,
    entries: dict[str, int],
    competency_ids: list[int],
) -> CreditRequirements:
    """Save the cohort's requirements and audit the change (every field changed, from → to); flushes.

    ``competency_ids`` are of the cohort's framework; choosing all of them is stored as "all".
    """
    before = requirements_for(cohort)
    row = db.session.get(CreditRequirements, cohort.id) or CreditRequirements(cohort_id=cohort.id)
    framework = _framework_competencies(cohort)
    every = {c.id for c in framework}
    chosen = sorted(set(competency_ids) & every)
    row.min_clinical_hours = hours
    for kind in KINDS:
        setattr(row, f"min_{kind}_entries", entries[kind])
    row.framework_id = cohort.framework_id
    row.competency_ids = None if set(chosen) == every else chosen
    row.updated_at, row.updated_by_id = utcnow(), actor_id
    db.session.add(row)
    db.session.flush()
    codes = [c.code for c in framework if c.id in chosen]
    after = {
        "min_clinical_hours": hours_text(hours),
        **{f"min_{kind}_entries": entries[kind] for kind in KINDS},
        "competencies": "all" if row.competency_ids is None else codes,
    }
    audit.record(actor_id, "requirements.updated", cohort, cohort.id, changes=_changes(before, after))
    return row


def _changes(before: Requirements, after: dict) -> list[dict]:
    """Each requirement that differs, as ``{"field", "from", "to"}`` in the form order (codes and numbers, no
    words: the audit log puts them into words when it is read). Competencies are ``"all"`` or a list of codes."""
    was = {
        "min_clinical_hours": hours_text(before.hours),
        **{f"min_{kind}_entries": before.entries[kind] for kind in KINDS},
        "competencies": "all" if before.all_competencies else before.competency_codes,
    }
    return [{"field": key, "from": was[key], "to": value} for key, value in after.items() if was[key] != value]


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
    """What ``figures`` still lack against ``requirements``, one gap per missing thing."""
    gaps: list[Gap] = []
    if figures.hours < requirements.hours:
        gaps.append({"requirement": "hours", "have": hours_text(figures.hours), "need": hours_text(requirements.hours)})
    for kind, minimum in requirements.entries.items():
        have = figures.entries.get(kind, 0)
        if have < minimum:
            gaps.append({"requirement": "entries", "kind": kind, "have": have, "need": minimum})
    for competency in requirements.competencies:
        level = figures.levels.get(competency.id)
        if level is None or level < competency.required_level:
            gaps.append(
                {
                    "requirement": "competency",
                    "code": competency.code,
                    "title": competency.title,
                    "need": competency.required_level,
                    "have": level,
                }
            )
    return Assessment(gaps)


def assessments_for(cohort: Cohort, intern_ids: list[int]) -> dict[int, Assessment]:
    """Each intern's assessment, in four queries whatever their number."""
    requirements = requirements_for(cohort)
    return {intern_id: assess(requirements, figures) for intern_id, figures in figures_for(cohort, intern_ids).items()}


def _framework_competencies(cohort: Cohort) -> list[Competency]:
    """The competencies of the cohort's framework, in its order (none without a framework)."""
    if cohort.framework_id is None:
        return []
    return list(db.session.scalars(Competency.in_framework(cohort.framework_id)))
