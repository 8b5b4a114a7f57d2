"""The demo cohort that ``flask seed-demo`` creates: safe to run again, it adds only what is missing."""

from datetime import time, timedelta
from decimal import Decimal

from sqlalchemy import select

from journal import access, audit
from journal.auth.passwords import hash_password
from journal.entries import drafts, services
from journal.extensions import db
from journal.models import Cohort, Entry, EntryRevision, Membership, User
from journal.seed.demo_entries import ENTRIES
from journal.seed.demo_portfolio import seed_portfolios
from journal.seed.demo_supervision import seed_supervision
from journal.seed.demo_times import happening_at, joined_at, later, local_moment
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


# The demo texts each intern wrote, oldest first: each their own, so that no title appears twice in
# the cohort. Each entry is shared as _SHARING says for its place in the list (cycled); the supervision
# part of the demo (demo_supervision._PLANS) relies on which of them are shared.
_WRITERS = {
    "intern1@demo.test": (
        "First ward round on paediatrics",
        "Consent through a translating relative",
        "Greeting the elders first",
        "Vaccination day in the village",
        "Traditional healer before the hospital",
        "Night shift in the emergency room",
        "Homesick in the fourth week",
        "A photo request on the ward",
        "Antenatal clinic",
        "Talking about death with families",
        "Malaria in a pregnant woman",
    ),
    "intern2@demo.test": (
        "Nurses run the health centre",
        "HIV clinic follow-up visits",
        "Telemedicine with the referral hospital",
        "Theatre: hernia repair",
        "Who gets the last oxygen concentrator",
        "Paying for the scan",
        "Language barrier at triage",
        "Diabetes clinic",
        "Market day and health education",
        "Limits of my competence",
        "Neonatal resuscitation",
    ),
    "intern3@demo.test": (
        "Time and punctuality",
        "Tuberculosis screening",
        "Reading a chest X-ray without a radiologist",
        "Learning Swahili from the ward clerk",
        "A relative asked me for the diagnosis",
        "Running at dawn before clinic",
        "Handover on the medical ward",
        "Weighing day at the nutrition clinic",
        "Donated equipment nobody can repair",
        "Clean water at the primary school",
    ),
}
_TEXTS = {text[1]: text for text in ENTRIES}
_SHARING = ("private", "supervisors", "private", "cohort", "supervisors", "private")
# How many days ago each intern's last entry was: one has gone quiet, so the dashboard flags them.
_QUIET_DAYS = {"intern3@demo.test": 5}


def _date_versions(entry: Entry, written) -> None:
    """The entry written at ``written`` (as the dashboard's activity figures expect), each later version
    saved forty minutes after the one before."""
    saved = written
    versions = select(EntryRevision).where(EntryRevision.entry_id == entry.id).order_by(EntryRevision.version)
    for revision in db.session.scalars(versions):
        revision.created_at = saved
        entry.updated_at = saved
        saved = later(saved, minutes=40)
    entry.created_at = written


def _seed_journal(user: User, cohort: Cohort, titles: tuple[str, ...]) -> int:
    """Give the intern entries over the last weeks, some revised, shared in every way, and a draft."""
    if db.session.scalar(select(Entry.id).where(access.entries_of(user.id, cohort.id))):
        return 0
    today = local_today(cohort.timezone)
    created = 0
    for position, title in enumerate(titles):
        kind, title, fields, tags, body = _TEXTS[title]
        # Every other day up to today, except that the quiet intern stopped some days ago.
        days_back = 2 * (len(titles) - 1 - position) + _QUIET_DAYS.get(user.email, 0)
        occurred_on = max(cohort.start_date, today - timedelta(days=days_back))
        content = dict(fields, title=title, body=body, occurred_on=occurred_on)
        if "hours" in content:
            content["hours"] = Decimal(content["hours"])
        first = dict(content, body=body.split("\n\n## What I learned")[0]) if position % 3 == 0 else content
        entry = services.create_entry(user, cohort, kind, first, list(tags))
        if first is not content:
            services.save_entry(entry, content, list(tags), entry.version)
        # Written on the evening of the day it happened, and shared (if it is) once its last version was saved.
        db.session.flush()
        _date_versions(entry, local_moment(cohort, occurred_on, time(18)))
        with happening_at(later(entry.updated_at, minutes=10)):
            services.set_visibility(entry, _SHARING[position % len(_SHARING)])
        created += 1
    drafts.save_draft(
        user,
        cohort.id,
        drafts.draft_key(cohort.id, "cultural"),
        {"title": "Sunday at the church choir", "body": "## What I noticed\n\nEveryone sang, even the"},
    )
    return created


def _join(people: dict[str, User], user: User, cohort: Cohort, role: str, when) -> int:
    """Make ``user`` a member in ``role`` as the placement began, added by the coordinator from the roster
    (recorded in the cohort's audit log, as the roster import records it); returns the records added."""
    with happening_at(when):
        db.session.add(Membership(user_id=user.id, cohort_id=cohort.id, role=role, created_at=when))
        coordinator = people.get(DEMO_ACCOUNTS[0][0])
        audit.record(
            coordinator.id if coordinator else None, "member.added", user, cohort.id, role=role, source="roster"
        )
    return 1


def seed_demo(password_hash: str | None = None) -> int:
    """Create whatever of the demo cohort and accounts is missing; return how many records were added.

    ``password_hash`` (a hash of DEMO_PASSWORD) saves hashing it once per account, for tests.
    """
    created = 0
    cohort, new = _demo_cohort()
    created += new
    people: dict[str, User] = {}
    for position, (email, name, role) in enumerate(DEMO_ACCOUNTS):
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
            created += _join(people, user, cohort, role, joined_at(cohort, position))
        if email in _WRITERS:
            db.session.flush()
            created += _seed_journal(user, cohort, _WRITERS[email])
    db.session.flush()
    created += seed_supervision(cohort, people)
    return created + seed_portfolios(cohort, people)
