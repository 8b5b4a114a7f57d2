"""The demo cohort that ``flask seed-demo`` creates: safe to run again, it adds only what is missing."""

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from journal import access
from journal.auth.passwords import hash_password
from journal.entries import drafts, services
from journal.extensions import db
from journal.models import Cohort, Entry, Membership, User
from journal.models.types import utcnow
from journal.seed.demo_entries import ENTRIES
from journal.seed.demo_portfolio import seed_portfolios
from journal.seed.demo_supervision import seed_supervision
from journal.timezones import local_today

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
    today = local_today(zone)
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


# Which demo texts each intern wrote, and how each entry is shared (cycled).
_WRITERS = {"intern1@demo.test": range(0, 11), "intern2@demo.test": range(8, 19), "intern3@demo.test": range(14, 24)}
_SHARING = ("private", "supervisors", "private", "cohort", "supervisors", "private")
# How many days ago each intern's last entry was: one has gone quiet, so the dashboard flags them.
_QUIET_DAYS = {"intern3@demo.test": 5}


def _seed_journal(user: User, cohort: Cohort, texts: range) -> int:
    """Give the intern entries over the last weeks, some revised, shared in every way, and a draft."""
    if db.session.scalar(select(Entry.id).where(access.entries_of(user.id, cohort.id))):
        return 0
    today = local_today(cohort.timezone)
    created = 0
    for position, index in enumerate(texts):
        kind, title, fields, tags, body = ENTRIES[index]
        # Every other day up to today, except that the quiet intern stopped some days ago.
        days_back = 2 * (len(texts) - 1 - position) + _QUIET_DAYS.get(user.email, 0)
        occurred_on = max(cohort.start_date, today - timedelta(days=days_back))
        content = dict(fields, title=title, body=body, occurred_on=occurred_on)
        if "hours" in content:
            content["hours"] = Decimal(content["hours"])
        first = dict(content, body=body.split("\n\n## What I learned")[0]) if position % 3 == 0 else content
        entry = services.create_entry(user, cohort, kind, first, list(tags))
        if first is not content:
            services.save_entry(entry, content, list(tags), entry.version)
        services.set_visibility(entry, _SHARING[position % len(_SHARING)])
        # Written on the evening of the day it happened, as the dashboard's activity figures expect.
        written = datetime.combine(occurred_on, time(18), ZoneInfo(cohort.timezone)).astimezone(UTC)
        entry.created_at = entry.updated_at = min(written, utcnow())
        created += 1
    drafts.save_draft(
        user,
        cohort.id,
        drafts.draft_key(cohort.id, "cultural"),
        {"title": "Sunday at the church choir", "body": "## What I noticed\n\nEveryone sang, even the"},
    )
    return created


def seed_demo(password_hash: str | None = None) -> int:
    """Create whatever of the demo cohort and accounts is missing; return how many records were added.

    ``password_hash`` (a hash of DEMO_PASSWORD) saves hashing it once per account, for tests.
    """
    created = 0
    cohort, new = _demo_cohort()
    created += new
    people: dict[str, User] = {}
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
        people[email] = user
        if role == "coordinator":
            continue
        exists = db.session.scalar(
            select(Membership.id).where(Membership.user_id == user.id, Membership.cohort_id == cohort.id)
        )
        if exists is None:
            db.session.add(Membership(user_id=user.id, cohort_id=cohort.id, role=role))
            created += 1
        if email in _WRITERS:
            db.session.flush()
            created += _seed_journal(user, cohort, _WRITERS[email])
    db.session.flush()
    created += seed_supervision(cohort, people)
    return created + seed_portfolios(cohort, people)
