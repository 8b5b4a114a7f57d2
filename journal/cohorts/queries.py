"""Read-only facts about cohorts that several pages show: where today falls in the placement, and
who is in it by role. The coordinator's pages and each person's home read them from here."""

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from journal.extensions import db
from journal.models import Cohort, Membership
from journal.timezones import local_today


def placement_progress(cohort: Cohort) -> dict:
    """Where today falls in the placement: before, during (day N of M) or after."""
    today = local_today(cohort.timezone)
    total = (cohort.end_date - cohort.start_date).days + 1
    if today < cohort.start_date:
        return {"phase": "before", "days_to_start": (cohort.start_date - today).days, "total_days": total}
    if today > cohort.end_date:
        return {"phase": "after", "total_days": total}
    day = (today - cohort.start_date).days + 1
    return {"phase": "during", "day": day, "total_days": total, "percent": round(100 * day / total)}


def members_by_role(cohort_id: int) -> dict[str, list[Membership]]:
    """The cohort's memberships with their users, grouped by role, sorted by name."""
    rows = db.session.scalars(
        select(Membership).options(joinedload(Membership.user)).where(Membership.cohort_id == cohort_id)
    ).all()
    grouped: dict[str, list[Membership]] = {"intern": [], "supervisor": [], "reviewer": []}
    for row in sorted(rows, key=lambda m: m.user.display_name.casefold()):
        grouped[row.role].append(row)
    return grouped


def role_counts(cohort_ids: list[int]) -> dict[int, dict[str, int]]:
    """Number of members per role for each cohort, in one query."""
    counts: dict[int, dict[str, int]] = {cid: {"intern": 0, "supervisor": 0, "reviewer": 0} for cid in cohort_ids}
    if not cohort_ids:
        return counts
    rows = db.session.execute(
        select(Membership.cohort_id, Membership.role, func.count())
        .where(Membership.cohort_id.in_(cohort_ids))
        .group_by(Membership.cohort_id, Membership.role)
    )
    for cohort_id, role, count in rows:
        counts[cohort_id][role] = count
    return counts
