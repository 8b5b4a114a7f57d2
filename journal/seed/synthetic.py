"""``flask seed-synthetic``: a cohort at the scale of a large programme, for benchmarks and trials.

``seed_synthetic(interns, days)`` writes one cohort on the default framework: ``interns``
interns, a supervisor for every twenty of them, a reviewer and a coordinator, all with the
password ``SYNTHETIC_PASSWORD``. Every intern writes one to three entries a day for ``days``
days up to today (a few have gone quiet lately), of every kind and length, with tags and
kind fields, half of them shared; supervisors comment and mark entries reviewed, interns link
evidence and ask for sign-offs, which are decided; the audit log and notifications hold what
those acts would have left. Each entry has its first revision (some a second) and is in the
full-text search index.

Rows are written with bulk inserts (SQLAlchemy Core, one ``executemany`` per table and batch)
and ids handed out here, so 200 interns × 365 days take seconds, not hours. Entries are written
day by day, everyone's in turn, so an intern's entries lie apart in the tables as real ones do.
The same ``seed`` writes the same text, sharing and decisions (only ids and timestamps follow the
database and the clock), and each intern draws from a stream of their own, so the first 100
interns of a cohort of 1,000 write what a cohort of 100 would.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, text

from journal import search
from journal.auth.passwords import hash_password
from journal.competencies.frameworks import default_framework
from journal.extensions import db
from journal.models import (
    AuditEvent,
    Cohort,
    Comment,
    Competency,
    Decision,
    Entry,
    EntryReview,
    EntryRevision,
    EntryTag,
    Evidence,
    Membership,
    Notification,
    SignOffRequest,
    User,
)
from journal.models.entries import INVOLVEMENTS, PRINCIPLES, SETTINGS, THEMES
from journal.models.types import utcnow
from journal.seed import synthetic_supervision
from journal.seed.synthetic_text import SPECIALTIES, body, tags, title

SYNTHETIC_PASSWORD = "synthetic-password"  # noqa: S105 (the published password of synthetic accounts)
EMAIL_DOMAIN = "synthetic.test"
COHORT_PREFIX = "Synthetic cohort"
TIMEZONE = "Africa/Dar_es_Salaam"
INTERNS_PER_SUPERVISOR = 20
BATCH_ENTRIES = 20_000  # rows are written whenever this many entries are waiting
# Insert order: a table only refers to tables before it.
TABLES = (
    User,
    Membership,
    Entry,
    EntryTag,
    EntryRevision,
    Comment,
    EntryReview,
    Evidence,
    SignOffRequest,
    Decision,
    Notification,
    AuditEvent,
)
# (name, cumulative share): half the entries are private; half are clinical.
SHARING = (("private", 0.5), ("supervisors", 0.8), ("cohort", 1.0))
KIND_WEIGHTS = (("clinical", 0.5), ("cultural", 0.75), ("ethics", 1.0))
SUPERVISED = ("id", "author_id", "created_at", "visibility", "deleted_at")  # what supervision needs of an entry


class NotEmpty(Exception):
    """The database already holds accounts; seeding needs ``force`` to add to it."""


@dataclass
class Rows:
    """Rows waiting to be written, by model, with the next id of each table that has one."""

    next_ids: dict[str, int]
    pending: dict[type, list[dict]] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)
    entry_range: list[int] = field(default_factory=list)  # ids of the entries waiting, for the search index

    def new_id(self, model) -> int:
        """The id the next row of ``model`` gets."""
        value = self.next_ids[model.__tablename__]
        self.next_ids[model.__tablename__] = value + 1
        return value

    def add(self, model, **values) -> dict:
        """Queue one row; it gets an id first when its table has one. Returns the row."""
        if model.__tablename__ in self.next_ids and "id" not in values:
            values["id"] = self.new_id(model)
        self.pending.setdefault(model, []).append(values)
        if model is Entry:
            self.entry_range.append(values["id"])
        return values

    def flush(self) -> None:
        """Write every waiting row, table by table, then index the new entries for search."""
        for model in TABLES:
            rows = self.pending.pop(model, [])
            if rows:
                db.session.execute(insert(model.__table__), rows)
                self.written[model.__tablename__] = self.written.get(model.__tablename__, 0) + len(rows)
        if self.entry_range:
            search.index_entries(min(self.entry_range), max(self.entry_range))
            self.entry_range = []


@dataclass
class Seeded:
    """What ``seed_synthetic`` made: the cohort, who is in it and how many rows of each table."""

    cohort_id: int
    cohort_name: str
    coordinator: str
    supervisors: list[str]
    reviewer: str
    interns: list[str]
    counts: dict[str, int]


def _next_ids() -> dict[str, int]:
    """For every table written with ids, one more than its highest id."""
    return {
        model.__tablename__: (db.session.scalar(select(func.max(model.__table__.c.id))) or 0) + 1
        for model in TABLES
        if "id" in model.__table__.c
    }


def _written_at(day: date, zone: ZoneInfo, rng: random.Random, now: datetime) -> datetime:
    """Some time in the evening (local time) of ``day``, in UTC, never later than now."""
    local = _evening(day, zone) + timedelta(minutes=int(rng.random() * 300))
    return min(local, now - timedelta(minutes=1 + int(rng.random() * 119)))


@lru_cache(maxsize=4096)
def _evening(day: date, zone: ZoneInfo) -> datetime:
    """Five in the afternoon of ``day`` where the cohort is, in UTC (the same for every intern)."""
    return datetime.combine(day, time(17), zone).astimezone(UTC)


_SETTINGS, _INVOLVEMENTS, _THEMES, _PRINCIPLES = (
    tuple(names) for names in (SETTINGS, INVOLVEMENTS, THEMES, PRINCIPLES)
)
_HOURS = tuple(Decimal(n) / 2 for n in range(1, 21))  # half an hour to ten hours


def _one(rng: random.Random, options: tuple):
    """One of ``options`` at random (``rng.choice`` without its checks: this runs a million times)."""
    return options[int(rng.random() * len(options))]


def _kind_fields(rng: random.Random, kind: str) -> dict:
    """Every kind field: the entry's own kind filled in, the others empty, as the services store them."""
    clinical, cultural, ethics = kind == "clinical", kind == "cultural", kind == "ethics"
    return {
        "setting": _one(rng, _SETTINGS) if clinical else None,
        "specialty": _one(rng, SPECIALTIES) if clinical else None,
        "involvement": _one(rng, _INVOLVEMENTS) if clinical else None,
        "hours": _one(rng, _HOURS) if clinical else None,
        "theme": _one(rng, _THEMES) if cultural else None,
        "principles": sorted(rng.sample(_PRINCIPLES, 1 + (rng.random() < 0.5))) if ethics else None,
    }


def _content(entry: dict, entry_tags: list[str], body_text: str) -> dict:
    """A revision's content, as ``Entry.content()`` records it."""
    fields = ("title", "occurred_on", "setting", "specialty", "involvement", "theme", "principles")
    content = {name: entry[name] for name in fields}
    content.update(body=body_text, occurred_on=entry["occurred_on"].isoformat(), tags=entry_tags)
    content["hours"] = None if entry["hours"] is None else str(entry["hours"])
    return content


def _pick(rng: random.Random, cumulative: tuple[tuple[str, float], ...]) -> str:
    """A name drawn by weight, from (name, cumulative share) pairs."""
    draw = rng.random()
    return next(name for name, share in cumulative if draw < share)


def _write_entry(rows: Rows, rng: random.Random, intern_id: int, cohort_id: int, day: date, written: datetime) -> dict:
    """One entry of the intern on ``day`` with its tags and revisions; returns the entry's row."""
    kind = _pick(rng, KIND_WEIGHTS)
    text_now = body(rng, kind)
    revised = rng.random() < 0.1
    entry = rows.add(
        Entry,
        author_id=intern_id,
        cohort_id=cohort_id,
        kind=kind,
        title=title(rng, kind),
        body=text_now,
        occurred_on=day,
        visibility=_pick(rng, SHARING),
        version=2 if revised else 1,
        created_at=written,
        updated_at=written + timedelta(minutes=40) if revised else written,
        deleted_at=written + timedelta(minutes=5) if rng.random() < 0.01 else None,
        **_kind_fields(rng, kind),
    )
    entry_tags = tags(rng, kind)
    for name in entry_tags:
        rows.add(EntryTag, entry_id=entry["id"], name=name)
    first = text_now.split("\n\n")[:2] if revised else None  # the first version stopped after one heading
    versions = [("\n\n".join(first), written), (text_now, entry["updated_at"])] if first else [(text_now, written)]
    for number, (text_then, when) in enumerate(versions, start=1):
        content = _content(entry, entry_tags, text_then)
        rows.add(EntryRevision, entry_id=entry["id"], version=number, content=content, created_at=when)
    if entry["visibility"] != "private":
        details = {"previous": "private", "visibility": entry["visibility"]}
        rows.add(
            AuditEvent,
            actor_id=intern_id,
            action="entry.shared",
            object_type="entry",
            object_id=entry["id"],
            cohort_id=cohort_id,
            details=details,
            created_at=written + timedelta(minutes=10),
        )
    return entry


def _journals(rows: Rows, rngs: list, intern_ids: list[int], cohort: Cohort, per_day: tuple[int, int], now) -> list:
    """Every intern's entries from the start of the placement to today (or the day they went quiet),
    written day by day as real ones are, so one intern's entries lie apart in the tables.

    Each intern draws from their own ``rngs`` stream, so their journal is the same whatever the
    size of the cohort. Returns, per intern, what supervision needs of each entry.
    """
    zone = ZoneInfo(cohort.timezone)
    today = now.astimezone(zone).date()
    quiet = [rng.randint(4, 12) if rng.random() < 0.08 else 0 for rng in rngs]  # some stopped writing lately
    written: list[list[dict]] = [[] for _ in intern_ids]
    day = cohort.start_date
    while day <= today:
        for n, (rng, intern_id) in enumerate(zip(rngs, intern_ids, strict=True)):
            if day > today - timedelta(days=quiet[n]):
                continue
            for _ in range(rng.randint(*per_day)):
                entry = _write_entry(rows, rng, intern_id, cohort.id, day, _written_at(day, zone, rng, now))
                written[n].append({key: entry[key] for key in SUPERVISED})
        if len(rows.pending.get(Entry, ())) >= BATCH_ENTRIES:
            rows.flush()
        day += timedelta(days=1)
    return written


def _people(rows: Rows, interns: int, tag: str, password_hash: str) -> dict[str, list[dict]]:
    """The accounts, by role (``coordinator`` is an administrator without a membership)."""
    now = utcnow()
    supervisors = max(1, -(-interns // INTERNS_PER_SUPERVISOR))
    plan = [("coordinator", "Coordinator", 1), ("supervisor", "Dr Supervisor", supervisors)]
    plan += [("reviewer", "Prof. Reviewer", 1), ("intern", "Intern", interns)]
    people: dict[str, list[dict]] = {}
    for role, name, count in plan:
        for n in range(1, count + 1):
            people.setdefault(role, []).append(
                rows.add(
                    User,
                    email=f"{role}{n}.{tag}@{EMAIL_DOMAIN}",
                    display_name=f"{name} {n} ({tag})",
                    password_hash=password_hash,
                    timezone=TIMEZONE,
                    is_admin=role == "coordinator",
                    created_at=now,
                    last_login_at=None,
                )
            )
    return people


def _cohort(number: int, days: int, coordinator_id: int, now: datetime) -> Cohort:
    """The cohort, started ``days`` days ago (today included), on the default framework."""
    today = now.astimezone(ZoneInfo(TIMEZONE)).date()
    cohort = Cohort(
        name=f"{COHORT_PREFIX} {number}",
        host_site="Synthetic regional hospital",
        country="Tanzania",
        start_date=today - timedelta(days=days - 1),
        end_date=today + timedelta(days=14),
        timezone=TIMEZONE,
        inactivity_threshold_days=3,
        framework_id=default_framework().id,
    )
    db.session.add(cohort)
    db.session.flush()
    details = {"version": 1, "previous_framework_id": None}
    db.session.add(
        AuditEvent(
            actor_id=coordinator_id,
            action="framework.assigned",
            object_type="framework",
            object_id=cohort.framework_id,
            cohort_id=cohort.id,
            details=details,
        )
    )
    return cohort


def _advance_sequences(rows: Rows) -> None:
    """On PostgreSQL, move each id sequence past the ids written here."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for name in rows.next_ids:
        db.session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")  # noqa: S608
        )


def seed_synthetic(
    interns: int,
    days: int,
    *,
    seed: int = 0,
    per_day: tuple[int, int] = (1, 3),
    force: bool = False,
    password_hash: str | None = None,
) -> Seeded:
    """Write one synthetic cohort; flushes, the caller commits.

    Raises NotEmpty when the database already holds accounts and ``force`` is not given (seeding
    beside real people would give them colleagues with a published password). With ``force``,
    a further cohort is added beside what is there, its accounts tagged with its number.
    ``password_hash`` (of SYNTHETIC_PASSWORD) saves hashing it again.
    """
    if interns < 1 or days < 1 or not 1 <= per_day[0] <= per_day[1]:
        raise ValueError("interns and days must be at least 1, and per_day a range of at least one entry")
    if not force and db.session.scalar(select(User.id).limit(1)) is not None:
        raise NotEmpty("The database already holds accounts.")
    now = utcnow()
    number = 1 + db.session.scalar(
        select(func.count(Cohort.id)).where(Cohort.name.like(f"{COHORT_PREFIX} %"))  # one more than before
    )
    rows = Rows(_next_ids())
    people = _people(rows, interns, f"c{number}", password_hash or hash_password(SYNTHETIC_PASSWORD))
    rows.flush()
    cohort = _cohort(number, days, people["coordinator"][0]["id"], now)
    rows.next_ids = _next_ids()  # the framework and its audit event took ids of their own
    for role in ("supervisor", "reviewer", "intern"):
        for person in people[role]:
            rows.add(Membership, user_id=person["id"], cohort_id=cohort.id, role=role, created_at=now)
    competencies = list(
        db.session.execute(
            select(Competency.id, Competency.required_level).where(Competency.framework_id == cohort.framework_id)
        )
    )
    # One random stream per intern: the same intern writes the same journal in a cohort of any size.
    rngs = [random.Random(f"{seed}:{n}") for n in range(interns)]  # noqa: S311 (made-up data, not secrets)
    journals = _journals(rows, rngs, [intern["id"] for intern in people["intern"]], cohort, per_day, now)
    supervision = synthetic_supervision.Supervision(rows, cohort, people, competencies, now)
    for n, (intern, entries) in enumerate(zip(people["intern"], journals, strict=True)):
        supervision.follow(rngs[n], intern, n, entries)
        if len(rows.pending.get(Comment, ())) >= BATCH_ENTRIES:
            rows.flush()
    rows.flush()
    _advance_sequences(rows)
    db.session.flush()

    def emails(role: str) -> list[str]:
        return [person["email"] for person in people[role]]

    return Seeded(
        cohort_id=cohort.id,
        cohort_name=cohort.name,
        coordinator=emails("coordinator")[0],
        supervisors=emails("supervisor"),
        reviewer=emails("reviewer")[0],
        interns=emails("intern"),
        counts=dict(rows.written),
    )
