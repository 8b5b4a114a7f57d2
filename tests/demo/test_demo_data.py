"""The demo cohort reads like a real placement: members joined as it began, entries were written and
shared over the weeks (not all in one minute), no title is written by two interns, evidence fits the
competency it is offered for, and comments and decisions follow what they are about."""

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from journal.extensions import db
from journal.models import (
    AuditEvent,
    Cohort,
    Comment,
    Competency,
    Decision,
    Entry,
    Evidence,
    Membership,
    Notification,
    SignOffRequest,
    User,
)
from journal.models.types import utcnow
from journal.seed import demo
from journal.seed.demo_entries import ENTRIES
from tests import factories


@pytest.fixture(scope="session")
def password_hash() -> str:
    return factories.password_hash(demo.DEMO_PASSWORD)


@pytest.fixture
def cohort(app, saved_databases, password_hash) -> Cohort:
    """The seeded demo cohort (seeded once per run, copied into each test's database)."""

    def seed(app) -> int:
        with app.app_context():
            demo.seed_demo(password_hash=password_hash)
            db.session.commit()
            return db.session.scalar(select(Cohort.id).where(Cohort.name == demo.DEMO_COHORT))

    cohort_id = saved_databases.load(app, "demo-data", seed)
    with app.app_context():
        found = db.session.get(Cohort, cohort_id)
        db.session.expunge(found)
        return found


def local(cohort: Cohort, moment):
    return moment.astimezone(ZoneInfo(cohort.timezone))


def test_no_title_is_written_twice_and_every_demo_text_once(cohort, query):
    titles = query(lambda s: s.scalars(select(Entry.title).where(Entry.cohort_id == cohort.id)).all())
    assert sorted(titles) == sorted(text[1] for text in ENTRIES)
    assert len(set(titles)) == len(titles)


def test_members_joined_as_the_placement_began_and_the_log_says_so(cohort, query):
    joined = query(lambda s: s.scalars(select(Membership.created_at).where(Membership.cohort_id == cohort.id)).all())
    assert len(joined) == 5
    assert {local(cohort, moment).date() for moment in joined} == {cohort.start_date}
    added = query(
        lambda s: s.execute(
            select(AuditEvent.object_id, AuditEvent.created_at, AuditEvent.details).where(
                AuditEvent.cohort_id == cohort.id, AuditEvent.action == "member.added"
            )
        ).all()
    )
    members = query(lambda s: set(s.scalars(select(Membership.user_id).where(Membership.cohort_id == cohort.id))))
    assert {user_id for user_id, _, _ in added} == members
    assert {local(cohort, when).date() for _, when, _ in added} == {cohort.start_date}
    assert {details["source"] for _, _, details in added} == {"roster"}


def test_entries_were_shared_over_the_placement_each_after_it_was_written(cohort, query):
    shares = query(
        lambda s: s.execute(
            select(AuditEvent.created_at, Entry.created_at, Entry.updated_at, Entry.occurred_on)
            .join(Entry, Entry.id == AuditEvent.object_id)
            .where(AuditEvent.action == "entry.shared", AuditEvent.object_type == "entry")
        ).all()
    )
    now = utcnow()
    assert len(shares) >= 10
    for shared_at, written_at, saved_at, occurred_on in shares:
        assert written_at <= saved_at <= shared_at <= now
        assert local(cohort, written_at).date() == occurred_on  # its evening, or the seed's moment for today's
    days = {local(cohort, shared_at).date() for shared_at, *_ in shares}
    assert len(days) >= 8  # every other day or so, not one burst when the seed ran
    assert (max(days) - min(days)).days >= 14


def test_each_piece_of_evidence_fits_its_competency(cohort, query):
    linked = query(
        lambda s: set(
            s.execute(
                select(User.email, Competency.code, Entry.title)
                .select_from(Evidence)
                .join(Entry, Entry.id == Evidence.entry_id)
                .join(Competency, Competency.id == Evidence.competency_id)
                .join(User, User.id == Entry.author_id)
            ).all()
        )
    )
    assert linked == {
        ("intern1@demo.test", "GPH3", "Vaccination day in the village"),
        ("intern1@demo.test", "COM1", "Consent through a translating relative"),
        ("intern1@demo.test", "CH1", "Talking about death with families"),
        ("intern1@demo.test", "EP1", "A photo request on the ward"),
        ("intern1@demo.test", "CS2", "Antenatal clinic"),
        ("intern2@demo.test", "CS4", "Theatre: hernia repair"),
        ("intern2@demo.test", "CS1", "HIV clinic follow-up visits"),
        ("intern2@demo.test", "EP2", "Limits of my competence"),
        ("intern3@demo.test", "GPH3", "Tuberculosis screening"),
        ("intern3@demo.test", "WB1", "Running at dawn before clinic"),
    }


def test_requests_decisions_and_comments_follow_what_they_are_about(cohort, query):
    now = utcnow()
    requests = query(
        lambda s: s.execute(
            select(SignOffRequest.id, SignOffRequest.created_at, func.max(Entry.created_at))
            .join(Evidence, Evidence.competency_id == SignOffRequest.competency_id)
            .join(Entry, (Entry.id == Evidence.entry_id) & (Entry.author_id == SignOffRequest.intern_id))
            .group_by(SignOffRequest.id, SignOffRequest.created_at)
        ).all()
    )
    assert len(requests) == 8
    assert all(evidence_written < asked <= now for _, asked, evidence_written in requests)
    asked_at = {request_id: asked for request_id, asked, _ in requests}
    decisions = query(lambda s: s.execute(select(Decision.request_id, Decision.created_at)).all())
    assert all(asked_at[request_id] < decided <= now for request_id, decided in decisions)
    comments = query(
        lambda s: s.execute(
            select(Comment.created_at, Entry.created_at).join(Entry, Entry.id == Comment.entry_id)
        ).all()
    )
    assert comments and all(written < commented <= now for commented, written in comments)
    # Their audit events and notifications carry the same moments, not the moment the seed ran.
    stamps = query(
        lambda s: set(
            s.scalars(
                select(AuditEvent.created_at).where(AuditEvent.action.in_(["signoff.requested", "comment.added"]))
            )
        )
    )
    assert stamps == set(asked_at.values()) | {commented for commented, _ in comments}


def test_only_the_requests_waiting_for_a_decision_are_new_to_the_supervisor(cohort, query):
    rows = query(
        lambda s: s.execute(
            select(SignOffRequest.status, Notification.read_at)
            .join(Notification, Notification.request_id == SignOffRequest.id)
            .where(Notification.kind == "signoff_requested")
        ).all()
    )
    assert rows and all((read_at is None) == (status == "pending") for status, read_at in rows)


def test_seeding_again_moves_no_date(app, cohort, query, password_hash):
    def dates(session):
        return (
            sorted(session.scalars(select(Membership.created_at))),
            sorted(session.scalars(select(AuditEvent.created_at))),
            sorted(session.scalars(select(Entry.updated_at))),
        )

    before = query(dates)
    with app.app_context():
        assert demo.seed_demo(password_hash=password_hash) == 0
        db.session.commit()
    assert query(dates) == before
