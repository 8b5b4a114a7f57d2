"""Supervisors' digests: from 07:00 in their time zone, once a day (or on Mondays), only with something to say,
titles only of entries they may read, never any entry's text; sent through a real SMTP server."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from journal import schedule
from journal.emails import preferences
from journal.emails.digests import queue_digests
from journal.extensions import db
from journal.i18n import format_date
from journal.models import AuditEvent, Cohort, Entry, OutgoingEmail, User
from tests import factories
from tests.emails.conftest import MONDAY, at, mail_settings, received
from tests.threads import at_the_same_moment

SECRET_BODY = "Patient in bed four told me about the cough"


@pytest.fixture
def app_config(smtp):
    controller, _ = smtp
    return mail_settings(controller.port)


def run(app, now: datetime, jobs=("digests", "deliver_emails")):
    """The scheduler's run at ``now`` (the digest job and the sender)."""
    with app.app_context():
        schedule.run_due_jobs(now, only=jobs)


def shared(app, author, cohort, title: str, when: datetime, visibility: str = "supervisors") -> int:
    """An entry by ``author`` shared at ``when`` (its audit event says so), with text nobody else may get."""
    with app.app_context():
        entry = factories.entry(
            db.session, author, cohort, title=title, body=SECRET_BODY, visibility=visibility, created_at=when
        )
        db.session.add(
            AuditEvent(
                actor_id=author.id,
                action="entry.shared",
                object_type="entry",
                object_id=entry.id,
                cohort_id=cohort.id,
                details={"previous": "private", "visibility": visibility},
                created_at=when,
            )
        )
        db.session.commit()
        return entry.id


@pytest.fixture
def placement(make):
    """A running cohort (threshold 3 days) with a supervisor in Lima and two interns: Ana wrote yesterday,
    Bruno has written nothing since the start, three weeks ago."""
    cohort = make.cohort(start=MONDAY - timedelta(days=21), days=60)
    supervisor = make.member(cohort, "supervisor", name="Sofia Supervisor", timezone="America/Lima")
    ana = make.member(cohort, "intern", name="Ana Active")
    bruno = make.member(cohort, "intern", name="Bruno Quiet")
    make.entry(ana, cohort, title="Ana's private note", body=SECRET_BODY, created_at=at(-1, 9))
    return cohort, supervisor, ana, bruno


def test_a_daily_digest_comes_from_seven_local_once_a_day(app, smtp, placement):
    cohort, supervisor, _, _ = placement
    run(app, at(0, 6, 59, "America/Lima"))
    assert received(smtp, supervisor.email) == []
    run(app, at(0, 7, 0, "America/Lima"))
    first = received(smtp, supervisor.email)
    assert len(first) == 1
    assert first[0]["subject"] == f"Your daily digest for {cohort.name}"
    run(app, at(0, 8, 0, "America/Lima"))
    run(app, at(0, 23, 0, "America/Lima"))  # already the next day in UTC, still the same day in Lima
    assert len(received(smtp, supervisor.email)) == 1
    run(app, at(1, 7, 5, "America/Lima"))
    assert len(received(smtp, supervisor.email)) == 2


def test_a_digest_is_a_morning_email_never_sent_late_because_something_happened_late(app, smtp, make):
    """Nothing to say at 07:00; a share at 22:00 waits for the next morning's digest, not a midnight one."""
    cohort = make.cohort(start=MONDAY - timedelta(days=21), days=60)
    supervisor = make.member(cohort, "supervisor", timezone="America/Lima")
    intern = make.member(cohort, "intern")
    make.entry(intern, cohort, title="Wrote today", created_at=at(0, 6, 0, "America/Lima"))
    run(app, at(0, 7, 0, "America/Lima"))
    assert received(smtp, supervisor.email) == []
    shared(app, intern, cohort, "Shared late", at(0, 22, 0, "America/Lima"))
    run(app, at(0, 23, 0, "America/Lima"))
    assert received(smtp, supervisor.email) == []
    run(app, at(1, 9, 30, "America/Lima"))  # the scheduler was down at 07:00: it catches up that morning
    [digest] = received(smtp, supervisor.email)
    assert "Shared late" in digest["text"]


def test_a_weekly_digest_comes_only_on_mondays(app, smtp, placement):
    _, supervisor, _, _ = placement
    with app.app_context():
        preferences.set_preferences(db.session.get(User, supervisor.id), ["digest"], "weekly")
        db.session.commit()
    run(app, at(-1, 9, 0, "America/Lima"))  # Sunday
    run(app, at(0, 6, 30, "America/Lima"))  # Monday, too early
    assert received(smtp, supervisor.email) == []
    run(app, at(0, 7, 0, "America/Lima"))
    assert len(received(smtp, supervisor.email)) == 1
    assert received(smtp, supervisor.email)[0]["subject"].startswith("Your weekly digest for ")
    for day in range(1, 7):  # Tuesday to Sunday
        run(app, at(day, 10, 0, "America/Lima"))
    assert len(received(smtp, supervisor.email)) == 1
    run(app, at(7, 7, 0, "America/Lima"))
    assert len(received(smtp, supervisor.email)) == 2


def test_the_digest_names_shared_entries_waiting_requests_and_quiet_interns(app, smtp, make, placement):
    cohort, supervisor, ana, bruno = placement
    framework = make.framework(cohort)
    make.signoff(ana, cohort, framework.competencies[0].id)
    make.signoff(ana, cohort, framework.competencies[1].id)
    entry_id = shared(app, ana, cohort, "Market day in the clinic", at(-1, 15, 0, "America/Lima"))
    run(app, at(0, 7, 0, "America/Lima"))
    [digest] = received(smtp, supervisor.email)
    for body in (digest["text"], digest["html"]):
        assert "Market day in the clinic" in body
        assert f"http://127.0.0.1:5000/entries/{entry_id}" in body
        assert "Ana Active: 2 requests" in body
        assert "Bruno Quiet: " in body and "no entry yet" in body
        assert f"http://127.0.0.1:5000/review/{cohort.id}/" in body
        assert format_date(MONDAY) in body  # the supervisor's local day
    quiet = digest["text"].split("No entry for more than 3 days:")[1]
    assert "Bruno Quiet: no entry yet" in quiet and "Ana Active" not in quiet  # she wrote yesterday


def test_only_titles_of_entries_the_supervisor_may_read_and_never_any_text(app, smtp, make, placement):
    cohort, supervisor, ana, bruno = placement
    other = make.cohort(start=MONDAY - timedelta(days=21), days=60)
    stranger = make.member(other, "intern")
    yesterday = at(-1, 12, 0, "America/Lima")
    shared(app, ana, cohort, "Shared with supervisors", yesterday)
    shared(app, bruno, cohort, "Shared with the cohort", yesterday, visibility="cohort")
    unshared = shared(app, ana, cohort, "Shared then made private", yesterday)
    trashed = shared(app, ana, cohort, "Shared then deleted", yesterday)
    shared(app, stranger, other, "Shared in another cohort", yesterday)
    make.entry(bruno, cohort, title="Bruno's private reflection", body=SECRET_BODY, created_at=yesterday)
    shared(app, ana, cohort, "Shared before the last digest", at(-1, 6, 0, "America/Lima"))
    shared(app, ana, cohort, "Shared after seven today", at(0, 7, 30, "America/Lima"))
    with app.app_context():
        db.session.get(Entry, unshared).visibility = "private"
        db.session.get(Entry, trashed).deleted_at = yesterday
        db.session.commit()
    run(app, at(0, 8, 0, "America/Lima"))
    [digest] = received(smtp, supervisor.email)
    for body in (digest["text"], digest["html"]):
        assert "Shared with supervisors" in body and "Shared with the cohort" in body
        for hidden in (
            "Shared then made private",
            "Shared then deleted",
            "Shared in another cohort",
            "private reflection",
            "private note",
            "Shared before the last digest",
            "Shared after seven today",
            SECRET_BODY,
        ):
            assert hidden not in body
    assert "Shared with you since the last digest: 2 entries" in digest["text"]
    run(app, at(1, 7, 0, "America/Lima"))
    tomorrow = received(smtp, supervisor.email)[1]
    assert "Shared after seven today" in tomorrow["text"] and "Shared with supervisors" not in tomorrow["text"]
    with app.app_context():
        stored = " ".join(e.body_text + e.body_html for e in db.session.scalars(select(OutgoingEmail)))
    assert SECRET_BODY not in stored


def test_no_digest_when_there_is_nothing_to_say(app, smtp, make):
    cohort = make.cohort(start=MONDAY - timedelta(days=21), days=60)
    supervisor = make.member(cohort, "supervisor")
    intern = make.member(cohort, "intern")
    make.entry(intern, cohort, created_at=at(-1, 9))  # active, nothing shared, nothing asked
    run(app, at(0, 9))
    assert received(smtp, supervisor.email) == []


def test_no_digest_for_a_supervisor_who_turned_it_off(app, smtp, placement):
    _, supervisor, _, _ = placement
    with app.app_context():
        preferences.turn_off(db.session.get(User, supervisor.id), "digest")
        db.session.commit()
    run(app, at(0, 9, 0, "America/Lima"))
    assert received(smtp, supervisor.email) == []


def test_after_the_placement_nobody_is_called_quiet_and_long_ended_cohorts_are_left_alone(app, smtp, make):
    ended = make.cohort(start=MONDAY - timedelta(days=40), days=35)  # ended five days before MONDAY
    supervisor = make.member(ended, "supervisor")
    intern = make.member(ended, "intern", name="Quiet After The End")
    run(app, at(0, 9))
    assert received(smtp, supervisor.email) == []  # nothing shared, nothing waiting: quiet interns do not count
    shared(app, intern, ended, "A last reflection", at(0, 12))
    run(app, at(1, 9))
    [digest] = received(smtp, supervisor.email)
    assert "A last reflection" in digest["text"] and "Quiet After The End:" not in digest["text"]
    shared(app, intern, ended, "Far too late", at(20, 12))
    run(app, at(21, 9))  # ended 26 days before: no more digests
    assert len(received(smtp, supervisor.email)) == 1


def test_the_digest_day_is_the_supervisors_own(app, smtp, placement):
    """At 07:00 on Monday in Auckland it is still Sunday in UTC: the digest is Monday's."""
    _, supervisor, _, _ = placement
    with app.app_context():
        db.session.get(User, supervisor.id).timezone = "Pacific/Auckland"
        db.session.commit()
    run(app, at(0, 6, 0, "Pacific/Auckland"))
    assert received(smtp, supervisor.email) == []
    run(app, at(0, 7, 0, "Pacific/Auckland"))
    [digest] = received(smtp, supervisor.email)
    assert format_date(MONDAY) in digest["text"]
    with app.app_context():
        key = db.session.scalar(select(OutgoingEmail.dedupe_key).where(OutgoingEmail.kind == "digest"))
    assert key.endswith(MONDAY.isoformat())


def test_two_schedulers_at_once_write_one_digest(app, smtp, placement):
    _, supervisor, _, _ = placement
    at_the_same_moment(
        app, [lambda: schedule.run_due_jobs(at(0, 9, 0, "America/Lima"), only=("digests", "deliver_emails"))] * 3
    )
    # A run of the job itself in another slot of the same day finds the digest written.
    with app.app_context(), schedule.public_request():
        assert queue_digests(at(0, 11, 0, "America/Lima")) == {"digests": 0}
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(OutgoingEmail)) == 1
    run(app, at(0, 11, 1, "America/Lima"), jobs=("deliver_emails",))  # the sender may have run before it was written
    assert len(received(smtp, supervisor.email)) == 1


def _cohort_of(app, interns: int) -> int:
    """A cohort with two supervisors and ``interns`` interns: half quiet, each with a shared entry and a
    request waiting, so that every part of the digest has rows. Returns its id."""
    with app.app_context():
        session = db.session
        cohort = factories.cohort(session, start=MONDAY - timedelta(days=21), days=60)
        framework = factories.framework(session, cohort_=cohort)
        for _ in range(2):
            factories.member(session, cohort, "supervisor")
        for number in range(interns):
            intern = factories.member(session, cohort, "intern")
            when = at(-1, 12) if number % 2 else at(-10, 12)
            entry = factories.entry(session, intern, cohort, visibility="supervisors", created_at=when)
            session.add(
                AuditEvent(
                    actor_id=intern.id,
                    action="entry.shared",
                    object_type="entry",
                    object_id=entry.id,
                    cohort_id=cohort.id,
                    details={},
                    created_at=when + timedelta(days=1),
                )
            )
            factories.signoff(session, intern, cohort, framework.competencies[0].id)
        session.commit()
        return cohort.id


def _statements(app, now: datetime) -> int:
    """How many SQL statements the digest job sends at ``now`` (it must write two digests)."""
    with app.app_context():
        engine, statements = db.engine, []

        def record(conn, cursor, statement, *args):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            runs = schedule.run_due_jobs(now, only=("digests",))
        finally:
            event.remove(engine, "before_cursor_execute", record)
        assert runs[0].details == "digests=2"
    return len(statements)


def test_the_digests_cost_the_same_queries_for_5_or_50_interns(app):
    small = _cohort_of(app, 5)
    five = _statements(app, at(0, 9))
    with app.app_context():  # the small cohort's placement moves to the past: its supervisors hear no more
        cohort = db.session.get(Cohort, small)
        cohort.start_date, cohort.end_date = MONDAY - timedelta(days=400), MONDAY - timedelta(days=300)
        db.session.commit()
    _cohort_of(app, 50)
    fifty = _statements(app, at(1, 9))
    assert fifty == five
