"""The demo cohort that ``flask seed-demo`` creates: safe to run again, it adds only what is missing."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from journal.auth.passwords import hash_password
from journal.extensions import db
from journal.models import Cohort, Membership, User
from journal.models.types import utcnow

DEMO_PASSWORD = "demo-password"  # noqa: S105 (the published password of the demo accounts)
DEMO_COHORT = "Demo cohort"
# email, display name, role ("coordinator" means is_admin without a membership)
DEMO_ACCOUNTS = [
    ("coordinator@demo.test", "Dr Ana Ribeiro", "coordinator"),
    ("supervisor@demo.test", "Dr Joseph Mwangi", "supervisor"),
    ("intern1@demo.test", "Amira Haddad", "intern"),
    ("intern2@demo.test", "Lukas Becker", "intern"),
    ("intern3@demo.test", "Mei Lin", "intern"),
    ("reviewer@demo.test", "Prof. Sarah O'Connor", "reviewer"),
]


def _demo_cohort() -> tuple[Cohort, bool]:
    cohort = db.session.scalar(select(Cohort).where(Cohort.name == DEMO_COHORT))
    if cohort is not None:
        return cohort, False
    zone = "Africa/Dar_es_Salaam"
    today = utcnow().astimezone(ZoneInfo(zone)).date()
    start = today - timedelta(days=24)
    cohort = Cohort(
        name=DEMO_COHORT,
        host_site="Kilimanjaro Regional Hospital, Moshi",
        country="Tanzania",
        start_date=start,
        end_date=start + timedelta(weeks=8) - timedelta(days=1),
        timezone=zone,
        inactivity_threshold_days=3,
    )
    db.session.add(cohort)
    db.session.flush()
    return cohort, True


def seed_demo(password_hash: str | None = None) -> int:
    """Create whatever of the demo cohort and accounts is missing; return how many records were added.

    ``password_hash`` (a hash of DEMO_PASSWORD) saves hashing it once per account, for tests.
    """
    created = 0
    cohort, new = _demo_cohort()
    created += new
    for email, name, role in DEMO_ACCOUNTS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(
                email=email,
                display_name=name,
                password_hash=password_hash or hash_password(DEMO_PASSWORD),
                timezone=cohort.timezone,
                is_admin=role == "coordinator",
            )
            db.session.add(user)
            db.session.flush()
            created += 1
        if role == "coordinator":
            continue
        exists = db.session.scalar(
            select(Membership.id).where(Membership.user_id == user.id, Membership.cohort_id == cohort.id)
        )
        if exists is None:
            db.session.add(Membership(user_id=user.id, cohort_id=cohort.id, role=role))
            created += 1
    db.session.flush()
    return created
