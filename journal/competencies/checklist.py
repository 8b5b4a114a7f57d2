"""An intern's checklist: every competency of the cohort's framework with its state.

Shared by the intern's own checklist page and the supervisor's intern page; the
evidence it lists is what the viewer may read, so the same code serves both.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from journal import access
from journal.extensions import db
from journal.models import Cohort, Competency, Decision, Domain, Entry, Evidence, SignOffRequest, User

STATE_LABELS = {
    "not_started": _l("Not started"),
    "evidence": _l("Evidence linked"),
    "requested": _l("Sign-off requested"),
    "returned": _l("Returned with feedback"),
    "signed_off": _l("Signed off"),
    "revoked": _l("Revoked"),
}
# A request's status names the competency's state while it is the latest request.
_STATE_OF_STATUS = {"pending": "requested", "returned": "returned", "approved": "signed_off", "revoked": "revoked"}


@dataclass
class Item:
    """One competency as it stands for one intern."""

    competency: Competency
    state: str = "not_started"
    current: SignOffRequest | None = None  # the latest request not withdrawn
    approved: SignOffRequest | None = None  # the highest approval still standing
    evidence: list[Entry] = field(default_factory=list)  # linked entries the viewer may read
    evidence_count: int = 0  # all linked entries, private ones included

    @property
    def approval(self) -> Decision | None:
        """The decision that approved the standing sign-off (its level may differ from the one asked)."""
        if self.approved is None:
            return None
        return next((d for d in reversed(self.approved.decisions) if d.outcome == "approved"), None)

    @property
    def approved_level(self) -> int | None:
        """The level the competency is signed off at, or None."""
        approval = self.approval
        return approval.level if approval is not None else None

    @property
    def last_decision(self) -> Decision | None:
        """The latest decision on the current request: its feedback or reason is shown."""
        return self.current.decisions[-1] if self.current is not None and self.current.decisions else None

    @property
    def state_label(self) -> str:
        """The state in words, in the current language; a sign-off names the level the supervisor approved."""
        if self.state == "signed_off" and self.approved_level is not None:
            return _("Signed off at level %(level)d", level=self.approved_level)
        return str(STATE_LABELS[self.state])

    @property
    def met(self) -> bool:
        """Signed off at or above the level the framework requires."""
        level = self.approved_level
        return level is not None and level >= self.competency.required_level


@dataclass
class Checklist:
    """The checklist, grouped by domain in the framework's order."""

    domains: list[tuple[Domain, list[Item]]]

    @property
    def items(self) -> list[Item]:
        """Every item, in the framework's order."""
        return [item for _, items in self.domains for item in items]

    def item(self, competency_id: int) -> Item | None:
        """The item of one competency, or None."""
        return next((i for i in self.items if i.competency.id == competency_id), None)

    @property
    def met_count(self) -> int:
        """How many competencies are signed off at or above the required level."""
        return sum(item.met for item in self.items)


def checklist_for(cohort: Cohort, intern: User, viewer: User) -> Checklist:
    """The intern's checklist in the cohort, as ``viewer`` may see it, in a fixed number of queries.

    An empty checklist when the cohort has no framework yet.
    """
    if cohort.framework_id is None:
        return Checklist([])
    competencies = db.session.scalars(
        select(Competency)
        .options(joinedload(Competency.domain))
        .where(Competency.framework_id == cohort.framework_id)
        .join(Competency.domain)
        .order_by(Domain.position, Competency.position, Competency.id)
    ).all()
    requests = db.session.scalars(
        select(SignOffRequest)
        .options(selectinload(SignOffRequest.decisions).joinedload(Decision.decided_by))
        .where(SignOffRequest.intern_id == intern.id, SignOffRequest.cohort_id == cohort.id)
        .order_by(SignOffRequest.id)
    ).all()
    evidence_counts = dict(
        db.session.execute(
            select(Evidence.competency_id, func.count())
            .join(Entry, Entry.id == Evidence.entry_id)
            .where(access.live_entries_of(intern.id, cohort.id))
            .group_by(Evidence.competency_id)
        ).all()
    )
    readable = defaultdict(list)
    rows = db.session.execute(
        access.visible_entries(viewer)
        .add_columns(Evidence.competency_id)
        .join(Evidence, Evidence.entry_id == Entry.id)
        .where(access.live_entries_of(intern.id, cohort.id))
        .order_by(Entry.occurred_on.desc(), Entry.id.desc())
    ).all()
    for entry, competency_id in rows:
        readable[competency_id].append(entry)

    items: dict[int, Item] = {}
    for competency in competencies:
        items[competency.id] = Item(
            competency, evidence=readable[competency.id], evidence_count=evidence_counts.get(competency.id, 0)
        )
    for request in requests:  # oldest first, so later requests supersede earlier ones
        item = items.get(request.competency_id)
        if item is None:
            continue
        if request.status != "withdrawn":
            item.current = request
        # The highest approval still standing counts (a revoked one no longer does), as on the dashboard.
        if request.status == "approved" and (
            item.approved is None or (request.approved_level or 0) >= (item.approved.approved_level or 0)
        ):
            item.approved = request
    for item in items.values():
        if item.current is not None:
            item.state = _STATE_OF_STATUS[item.current.status]
        elif item.evidence_count:
            item.state = "evidence"

    grouped: dict[int, tuple[Domain, list[Item]]] = {}
    for competency in competencies:
        grouped.setdefault(competency.domain_id, (competency.domain, []))[1].append(items[competency.id])
    return Checklist(list(grouped.values()))
