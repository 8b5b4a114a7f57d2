"""Worlds for the account-deletion tests, built through the real services.

The person to be deleted (the "subject") has a name, an email and a word in everything they
wrote that appear nowhere else, so a search of every text column finds any trace of them.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from journal import audit
from journal.competencies import services as signoffs
from journal.credit.requirements import set_requirements
from journal.entries import services as entries
from journal.entries.drafts import draft_key, save_draft
from journal.extensions import db
from journal.feedback import services as feedback
from journal.models import Cohort, Competency, Entry, RecoveryCode, User, UserSession
from journal.models.types import utcnow
from journal.review import services as review
from tests import factories

SUBJECT_NAME = "Zephyrine Quillfeather"
SUBJECT_EMAIL = "zq.subject@example.org"
MARKER = "quokkaglyph"  # in every text the subject writes
OTHER_NAME = "Other Intern"
# A supervisor's decision is the intern's record: its note stays when the supervisor goes.
DECISION_NOTE = "Confident and careful with the sutures."


@dataclass
class World:
    """Ids of who is who and of what the tests look at afterwards."""

    subject: int
    cohort: int  # the subject's main cohort
    second_cohort: int
    supervisor: int
    reviewer: int
    coordinator: int
    other: int  # an intern who stays
    other_entry: int  # the other intern's shared entry, where the subject commented
    subject_comment: int  # the subject's comment on it
    other_reply: int  # the other intern's reply to that comment
    subject_submissions: list[int] = field(default_factory=list)  # oldest first
    other_submission: int | None = None
    export_job: int | None = None


def _entry(author: User, cohort: Cohort, kind: str, title: str, visibility: str = "private", **fields) -> Entry:
    """An entry written through the service (first revision, search index), then shared as asked;
    the subject's carry the marker in their text and tags."""
    word = MARKER if author.email == SUBJECT_EMAIL else "nothing"
    values = {"title": title, "body": f"what I saw today, {word} and more", "occurred_on": date.today(), **fields}
    entry = entries.create_entry(author, cohort, kind, values, ["ward", word])
    if visibility != "private":
        entries.set_visibility(entry, visibility)
    db.session.flush()
    return entry


def _clinical(author, cohort, title, visibility="private"):
    extra = {"setting": "ward", "specialty": "Medicine", "involvement": "observed", "hours": Decimal("3")}
    return _entry(author, cohort, "clinical", title, visibility, **extra)


def _sessions_and_codes(user: User, count: int) -> None:
    """Logged-in browsers and recovery codes, as the account-security pages make them."""
    for n in range(count):
        db.session.add(UserSession(user_id=user.id, token_hash=f"{user.id:08d}{n:056d}", user_agent=f"Firefox {n}"))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=f"{user.id:08d}{n:056d}"))
    audit.record(user.id, "login.succeeded", user, None, two_factor=False)
    audit.record(None, "login.failed", user, None, stage="password")


def _people(session, subject_role: str):
    cohort = factories.cohort(session, name="Kilimanjaro spring cohort", start=date.today() - timedelta(days=20))
    second = factories.cohort(session, name="Arusha summer cohort", start=date.today() - timedelta(days=10))
    framework = factories.framework(session, cohort_=cohort, competencies=3, required_level=3)
    factories.framework(session, cohort_=second, competencies=2)
    subject = factories.user(session, email=SUBJECT_EMAIL, name=SUBJECT_NAME)
    factories.membership(session, subject, cohort, subject_role)
    factories.membership(session, subject, second, "intern" if subject_role == "intern" else "reviewer")
    supervisor = factories.member(session, cohort, "supervisor", name="Dr Joseph Mwangi")
    factories.membership(session, supervisor, second, "supervisor")
    reviewer = factories.member(session, cohort, "reviewer", name="Prof. Sarah Okafor")
    other = factories.member(session, cohort, "intern", name=OTHER_NAME)
    coordinator = factories.user(session, name="Dr Ana Ribeiro", is_admin=True)
    invitation, _ = factories.invitation(session, cohort, email=SUBJECT_EMAIL, role=subject_role)
    invitation.display_name, invitation.accepted_at, invitation.invited_by_id = SUBJECT_NAME, utcnow(), coordinator.id
    competencies = list(session.scalars(select(Competency).where(Competency.framework_id == framework.id)))
    return cohort, second, competencies, subject, supervisor, reviewer, other, coordinator


def _others_journal(other: User, cohort: Cohort, supervisor: User) -> Entry:
    """The other intern's own journal: shared and private entries and a comment from the supervisor."""
    shared = _clinical(other, cohort, "Night shift on the children's ward", "cohort")
    _entry(other, cohort, "cultural", "Market day", "private", theme="language")
    feedback.add_comment(shared, supervisor, "Good observation, keep going.")
    _sessions_and_codes(other, 1)
    return shared


def intern_world(app) -> World:
    """The subject is an intern of two cohorts with everything an intern can have."""
    with app.app_context():
        session = db.session
        cohort, second, competencies, subject, supervisor, reviewer, other, coordinator = _people(session, "intern")
        other_entry = _others_journal(other, cohort, supervisor)

        ward = _clinical(subject, cohort, f"Ward round {MARKER}", "supervisors")
        entries.save_entry(ward, {**_fields(ward), "body": f"second version, {MARKER}"}, ["ward"], ward.version)
        home_visit = _entry(subject, cohort, "cultural", f"Home visit {MARKER}", "private", theme="family")
        consent = _entry(subject, cohort, "ethics", f"Consent {MARKER}", "cohort", principles=["consent", "autonomy"])
        binned = _clinical(subject, cohort, f"Binned {MARKER}")
        entries.move_to_trash(binned)
        elsewhere = _clinical(subject, second, f"First day in Arusha {MARKER}")
        save_draft(subject, cohort.id, draft_key(cohort.id, "clinical"), {"title": f"Draft {MARKER}", "body": MARKER})
        save_draft(subject, cohort.id, draft_key(cohort.id, "clinical", ward.id), {"body": MARKER}, entry_id=ward.id)

        signoffs.link_evidence(ward, [competencies[0].id])
        signoffs.link_evidence(consent, [competencies[1].id])
        approved = signoffs.request_signoff(subject, cohort, competencies[0], 3, f"please, {MARKER}")
        signoffs.approve(approved, supervisor, 3, "Well done.")
        returned = signoffs.request_signoff(subject, cohort, competencies[1], 2, f"ready? {MARKER}")
        signoffs.return_request(returned, supervisor, "Add one more observation.")

        feedback.add_comment(ward, supervisor, "What did you do next?")
        asked = feedback.add_comment(ward, subject, f"I asked the nurse, {MARKER}")
        feedback.add_comment(ward, supervisor, "Good.", parent_id=asked.id)
        feedback.add_comment(consent, other, "Interesting dilemma.")
        review.mark_reviewed(ward, supervisor)
        mine = feedback.add_comment(other_entry, subject, f"I saw the same, {MARKER}")
        reply = feedback.add_comment(other_entry, other, "Thanks for telling me.", parent_id=mine.id)

        _sessions_and_codes(subject, 2)
        session.flush()
        first = factories.submission(session, subject, cohort, [ward, home_visit])
        latest = factories.submission(session, subject, cohort, [ward, consent])
        factories.submission(session, subject, second, [elsewhere])
        theirs = factories.submission(session, other, cohort, [other_entry])
        job = factories.export_job(session, cohort, reviewer)
        session.commit()
        return World(
            subject=subject.id,
            cohort=cohort.id,
            second_cohort=second.id,
            supervisor=supervisor.id,
            reviewer=reviewer.id,
            coordinator=coordinator.id,
            other=other.id,
            other_entry=other_entry.id,
            subject_comment=mine.id,
            other_reply=reply.id,
            subject_submissions=[first.id, latest.id],
            other_submission=theirs.id,
            export_job=job.id,
        )


def supervisor_world(app) -> World:
    """The subject supervises a cohort (and reviews another): decisions, comments, reviews, a
    framework they imported, requirements they set, an export they asked for; the intern they
    supervised submitted a portfolio that names them."""
    with app.app_context():
        session = db.session
        cohort, second, competencies, subject, supervisor, reviewer, other, coordinator = _people(session, "supervisor")
        other_entry = _others_journal(other, cohort, supervisor)
        observation = _clinical(other, cohort, "Suturing in theatre", "supervisors")
        signoffs.link_evidence(observation, [competencies[0].id, competencies[1].id])
        approved = signoffs.request_signoff(other, cohort, competencies[0], 3, "Please look at my suturing.")
        signoffs.approve(approved, subject, 3, DECISION_NOTE)
        returned = signoffs.request_signoff(other, cohort, competencies[1], 3, "Ready, I think.")
        signoffs.return_request(returned, subject, "One more observation, please.")
        mine = feedback.add_comment(other_entry, subject, f"Well observed, {MARKER}")
        reply = feedback.add_comment(other_entry, other, "Thank you!", parent_id=mine.id)
        feedback.add_comment(observation, subject, f"Next time, {MARKER}")
        review.mark_reviewed(observation, subject)
        imported = factories.framework(session, name="Imported framework")
        imported.created_by_id = subject.id
        set_requirements(
            cohort,
            subject.id,
            hours=Decimal(10),
            entries={"clinical": 1, "cultural": 0, "ethics": 0},
            competency_ids=[c.id for c in competencies],
        )
        job = factories.export_job(session, cohort, subject)
        _sessions_and_codes(subject, 2)
        theirs = factories.submission(session, other, cohort, [other_entry, observation])
        session.commit()
        return World(
            subject=subject.id,
            cohort=cohort.id,
            second_cohort=second.id,
            supervisor=supervisor.id,
            reviewer=reviewer.id,
            coordinator=coordinator.id,
            other=other.id,
            other_entry=other_entry.id,
            subject_comment=mine.id,
            other_reply=reply.id,
            other_submission=theirs.id,
            export_job=job.id,
        )


def _fields(entry: Entry) -> dict:
    return {
        name: getattr(entry, name)
        for name in ("title", "body", "occurred_on", "setting", "specialty", "involvement", "hours")
    }


def invitation_sent_by(app, coordinator_id: int, cohort_id: int) -> int:
    """A pending invitation sent by ``coordinator_id``; its id."""
    with app.app_context():
        found, _ = factories.invitation(db.session, db.session.get(Cohort, cohort_id))
        found.invited_by_id = coordinator_id
        db.session.commit()
        return found.id
