"""Builders for test data. Each takes a session, adds objects and flushes; callers commit."""

import io
import itertools
import zipfile
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from journal.auth.passwords import HASH_METHOD
from journal.auth.services import new_token
from journal.models import (
    Cohort,
    Comment,
    Competency,
    Decision,
    Domain,
    Entry,
    EntryTag,
    Evidence,
    ExportJob,
    Framework,
    Invitation,
    Membership,
    PasswordResetToken,
    SignOffRequest,
    Submission,
    User,
)
from journal.models.types import utcnow

PASSWORD = "correct horse battery staple"


def password_hash(password: str) -> str:
    """A real scrypt hash of ``password`` at an eighth of the app's cost (N=4096 instead of 32768).

    A check uses the cost the hash names, so each of the suite's hundreds of logins takes about
    15 ms instead of 130. Passwords set through the app are hashed at the app's own cost."""
    return generate_password_hash(password, method=f"{HASH_METHOD}:4096:8:1")


# One real scrypt hash, computed once: building users stays fast and logins check a real hash.
PASSWORD_HASH = password_hash(PASSWORD)

_counter = itertools.count(1)


def user(
    session: Session,
    *,
    email: str | None = None,
    name: str | None = None,
    is_admin: bool = False,
    timezone: str = "UTC",
    locale: str | None = None,
) -> User:
    """An account whose password is ``PASSWORD`` (with no language chosen, unless ``locale``)."""
    n = next(_counter)
    found = User(
        email=(email or f"person{n}@example.org").lower(),
        display_name=name or f"Person {n}",
        password_hash=PASSWORD_HASH,
        is_admin=is_admin,
        timezone=timezone,
        locale=locale,
    )
    session.add(found)
    session.flush()
    return found


def cohort(
    session: Session,
    *,
    name: str | None = None,
    start: date | None = None,
    days: int = 56,
    timezone: str = "UTC",
    requires_two_factor: bool = False,
) -> Cohort:
    """A cohort running now unless ``start`` says otherwise."""
    n = next(_counter)
    start = start or (date.today() - timedelta(days=10))
    found = Cohort(
        name=name or f"Cohort {n}",
        host_site=f"Host hospital {n}",
        country="Tanzania",
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        timezone=timezone,
        inactivity_threshold_days=3,
        requires_two_factor=requires_two_factor,
    )
    session.add(found)
    session.flush()
    return found


def membership(session: Session, user_: User, cohort_: Cohort, role: str) -> Membership:
    """Give an existing user a role in the cohort, from the placement's first morning (UTC) if it has
    begun, as coordinators add people before a placement starts; else from now."""
    began = datetime.combine(cohort_.start_date, time(6), UTC)
    found = Membership(user_id=user_.id, cohort_id=cohort_.id, role=role, created_at=min(began, utcnow()))
    session.add(found)
    session.flush()
    return found


def member(session: Session, cohort_: Cohort, role: str, **user_fields) -> User:
    """A new user holding ``role`` in the cohort."""
    found = user(session, **user_fields)
    membership(session, found, cohort_, role)
    return found


def invitation(
    session: Session,
    cohort_: Cohort,
    *,
    email: str | None = None,
    role: str = "intern",
    expires_in: timedelta = timedelta(days=7),
) -> tuple[Invitation, str]:
    """A pending invitation and the secret token of its link."""
    token, token_hash = new_token()
    found = Invitation(
        cohort_id=cohort_.id,
        email=(email or f"invitee{next(_counter)}@example.org").lower(),
        role=role,
        token_hash=token_hash,
        expires_at=utcnow() + expires_in,
    )
    session.add(found)
    session.flush()
    return found, token


def entry(
    session: Session,
    author: User,
    cohort_: Cohort,
    *,
    kind: str = "clinical",
    visibility: str = "private",
    title: str | None = None,
    body: str = "What happened, what I learned.",
    tags: tuple[str, ...] = (),
    occurred_on: date | None = None,
    deleted: bool = False,
    **fields,
) -> Entry:
    """An entry by ``author`` in the cohort; ``fields`` sets kind fields such as setting or hours."""
    found = Entry(
        author_id=author.id,
        cohort_id=cohort_.id,
        kind=kind,
        title=title or f"Entry {next(_counter)}",
        body=body,
        occurred_on=occurred_on or date.today(),
        visibility=visibility,
        deleted_at=utcnow() if deleted else None,
        **fields,
    )
    found.tags = [EntryTag(name=name) for name in tags]
    session.add(found)
    session.flush()
    return found


def framework(
    session: Session,
    *,
    cohort_: Cohort | None = None,
    name: str | None = None,
    version: int = 1,
    competencies: int = 3,
    required_level: int = 3,
) -> Framework:
    """A framework of one domain with ``competencies`` competencies (codes C1, C2, ...), assigned
    to ``cohort_`` when given."""
    found = Framework(name=name or f"Framework {next(_counter)}", version=version, description="For tests")
    domain_ = Domain(title="Clinical skills", canmeds_role="Medical Expert", position=0)
    found.domains = [domain_]
    found.competencies = [
        Competency(
            domain=domain_,
            position=n,
            code=f"C{n}",
            title=f"Competency {n}",
            description=f"What competency {n} asks for",
            required_level=required_level,
        )
        for n in range(1, competencies + 1)
    ]
    session.add(found)
    session.flush()
    if cohort_ is not None:
        session.get(Cohort, cohort_.id).framework_id = found.id
        session.flush()
    return found


def evidence(session: Session, entry_: Entry, competency_id: int) -> Evidence:
    """Link an entry to a competency as evidence."""
    found = Evidence(entry_id=entry_.id, competency_id=competency_id)
    session.add(found)
    session.flush()
    return found


def signoff(
    session: Session,
    intern: User,
    cohort_: Cohort,
    competency_id: int,
    *,
    level: int = 3,
    status: str = "pending",
    supervisor: User | None = None,
    note: str = "Please sign this off",
) -> SignOffRequest:
    """A sign-off request, with the decisions that brought it to ``status``."""
    found = SignOffRequest(
        intern_id=intern.id,
        cohort_id=cohort_.id,
        competency_id=competency_id,
        level=level,
        note=note,
        status=status,
        approved_level=level if status in ("approved", "revoked") else None,
    )
    session.add(found)
    session.flush()
    decider = supervisor.id if supervisor else None
    if status in ("approved", "revoked"):
        session.add(
            Decision(request_id=found.id, decided_by_id=decider, outcome="approved", level=level, note="Well done")
        )
    if status == "revoked":
        session.add(Decision(request_id=found.id, decided_by_id=decider, outcome="revoked", note="Seen again: not yet"))
    if status == "returned":
        session.add(Decision(request_id=found.id, decided_by_id=decider, outcome="returned", note="More evidence"))
    session.flush()
    return found


def comment(session: Session, entry_: Entry, author: User, *, body: str = "Good observation.", parent=None) -> Comment:
    """A comment on an entry."""
    found = Comment(entry_id=entry_.id, author_id=author.id, body=body, parent_id=parent.id if parent else None)
    session.add(found)
    session.flush()
    return found


def submission(
    session: Session, intern: User, cohort_: Cohort, entries: list[Entry], *, public_url: str = "http://localhost"
) -> Submission:
    """A portfolio submitted through the real service (needs an application context)."""
    from journal.portfolio.services import submit_portfolio

    found = submit_portfolio(
        session.get(User, intern.id),
        session.get(Cohort, cohort_.id),
        {e.id: session.get(Entry, e.id).version for e in entries},
        public_url=public_url,
    )
    session.flush()
    return found


def export_job(session: Session, cohort_: Cohort, user_: User, *, status: str = "done") -> ExportJob:
    """A cohort export in ``status``; a finished one holds a (tiny, real) zip."""
    content = None
    if status == "done":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("README.txt", "test export")
        content = buffer.getvalue()
    found = ExportJob(
        cohort_id=cohort_.id,
        requested_by_id=user_.id,
        status=status,
        filename="test-export.zip",
        content=content,
        size=len(content) if content else None,
        done=1 if content else 0,
        total=1,
    )
    session.add(found)
    session.flush()
    return found


def password_reset_link(
    session: Session, user_: User, *, expires_in: timedelta = timedelta(hours=1)
) -> tuple[PasswordResetToken, str]:
    """An unused password-reset link for ``user_`` and the secret token of its address."""
    token, token_hash = new_token()
    found = PasswordResetToken(user_id=user_.id, token_hash=token_hash, expires_at=utcnow() + expires_in)
    session.add(found)
    session.flush()
    return found, token
