"""Reminders to interns: after the cohort's threshold of days without an entry (as the dashboard counts them),
only during the placement, at a decent local hour, at most one a week; sent through a real SMTP server."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from journal import schedule
from journal.emails import preferences
from journal.extensions import db
from journal.models import Membership, OutgoingEmail, User
from tests.emails.conftest import MONDAY, at, mail_settings, received
from tests.threads import at_the_same_moment

SECRET = "The patient's daughter translated for us"


@pytest.fixture
def app_config(smtp):
    controller, _ = smtp
    return mail_settings(controller.port)


def run(app, now: datetime, jobs=("reminders", "deliver_emails")):
    """The scheduler's run at ``now`` (the reminder job and the sender)."""
    with app.app_context():
        schedule.run_due_jobs(now, only=jobs)


@pytest.fixture
def placement(make):
    """A cohort in Nairobi (threshold 3 days) running from three weeks before MONDAY to ten days after it,
    and an intern in Nairobi whose latest entry (private) was written eight days before MONDAY."""
    cohort = make.cohort(start=MONDAY - timedelta(days=21), days=32, timezone="Africa/Nairobi")
    intern = make.member(cohort, "intern", name="Ines Intern", timezone="Africa/Nairobi")
    make.entry(intern, cohort, title="Night shift on the ward", body=SECRET, created_at=at(-8, 10))
    return cohort, intern


def test_a_quiet_intern_gets_a_gentle_reminder_without_any_entry(app, smtp, placement):
    cohort, intern = placement
    run(app, at(0, 9, 0, "Africa/Nairobi"))
    [reminder] = received(smtp, intern.email)
    assert reminder["subject"] == f"A few lines for your journal in {cohort.name}?"
    for body in (reminder["text"], reminder["html"]):
        assert f"Your last entry in {cohort.name} was 8 days ago." in body
        assert f"http://127.0.0.1:5000/journal/{cohort.id}/new" in body
        assert "Night shift on the ward" not in body and SECRET not in body


def test_no_reminder_before_eight_local(app, smtp, placement):
    _, intern = placement
    with app.app_context():
        db.session.get(User, intern.id).timezone = "America/Sao_Paulo"  # the intern flew home: their hours count
        db.session.commit()
    run(app, at(0, 7, 59, "America/Sao_Paulo"))
    assert received(smtp, intern.email) == []
    run(app, at(0, 8, 0, "America/Sao_Paulo"))
    assert len(received(smtp, intern.email)) == 1


def test_no_reminder_late_in_the_evening(app, smtp, placement):
    _, intern = placement
    run(app, at(0, 21, 0, "Africa/Nairobi"))
    run(app, at(0, 23, 0, "Africa/Nairobi"))
    assert received(smtp, intern.email) == []


def test_no_reminder_when_an_entry_is_recent(app, smtp, make, placement):
    cohort, intern = placement
    make.entry(intern, cohort, created_at=at(-3, 20, 0, "Africa/Nairobi"))  # three days ago: not past the threshold
    run(app, at(0, 9, 0, "Africa/Nairobi"))
    assert received(smtp, intern.email) == []
    run(app, at(1, 9, 0, "Africa/Nairobi"))  # four days: past it
    assert len(received(smtp, intern.email)) == 1


def test_an_entry_in_the_trash_does_not_count(app, smtp, make, placement):
    cohort, intern = placement
    make.entry(intern, cohort, created_at=at(-1, 9), deleted=True)
    run(app, at(0, 9, 0, "Africa/Nairobi"))
    assert len(received(smtp, intern.email)) == 1


def test_never_more_than_one_a_week(app, smtp, placement):
    _, intern = placement
    run(app, at(-1, 9, 0, "Africa/Nairobi"))  # Sunday
    assert len(received(smtp, intern.email)) == 1
    run(app, at(-1, 15, 0, "Africa/Nairobi"))  # the same day
    run(app, at(0, 9, 0, "Africa/Nairobi"))  # Monday: a new ISO week, but not seven days yet
    run(app, at(5, 9, 0, "Africa/Nairobi"))
    assert len(received(smtp, intern.email)) == 1
    run(app, at(6, 9, 0, "Africa/Nairobi"))  # the next Sunday: seven days on
    assert len(received(smtp, intern.email)) == 2


def test_not_before_the_placement_nor_after_it(app, smtp, make):
    early = make.cohort(start=MONDAY + timedelta(days=1), days=10, timezone="Pacific/Auckland")
    waiting = make.member(early, "intern", timezone="UTC")
    make.entry(waiting, early, created_at=at(-10, 9))  # written before leaving: ten days without one since
    run(app, at(0, 10))  # 23:00 on the eve in Auckland: the placement has not begun
    assert received(smtp, waiting.email) == []

    ended = make.cohort(start=MONDAY - timedelta(days=30), days=30, timezone="Africa/Nairobi")  # last day: Sunday
    done = make.member(ended, "intern", timezone="Africa/Nairobi")
    run(app, at(0, 9, 0, "Africa/Nairobi"))
    assert received(smtp, done.email) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutgoingEmail)) == 0
    run(app, at(-1, 9, 0, "Africa/Nairobi"))  # its last day: still reminded
    assert len(received(smtp, done.email)) == 1


def test_each_cohort_counts_on_its_own(app, smtp, make, placement):
    cohort, intern = placement
    second = make.cohort(start=MONDAY - timedelta(days=21), days=32, timezone="Africa/Nairobi")
    make.membership(intern, second, "intern")
    run(app, at(0, 9, 0, "Africa/Nairobi"))
    names = sorted(email["subject"] for email in received(smtp, intern.email))
    assert names == sorted(f"A few lines for your journal in {c.name}?" for c in (cohort, second))


def test_no_reminder_for_an_intern_who_turned_them_off(app, smtp, placement):
    _, intern = placement
    with app.app_context():
        preferences.turn_off(db.session.get(User, intern.id), "reminder")
        db.session.commit()
    run(app, at(0, 9, 0, "Africa/Nairobi"))
    assert received(smtp, intern.email) == []


def test_an_intern_without_any_entry_is_reminded_once_the_threshold_has_passed(app, smtp, make):
    cohort = make.cohort(start=MONDAY - timedelta(days=3), days=30)
    intern = make.member(cohort, "intern")
    run(app, at(0, 9))  # three days since the first day: not past the threshold yet
    assert received(smtp, intern.email) == []
    run(app, at(1, 9))
    [reminder] = received(smtp, intern.email)
    assert f"You have not written an entry in {cohort.name} yet." in reminder["text"]


def test_an_intern_who_joined_late_is_counted_from_the_day_they_joined(app, smtp, make):
    cohort = make.cohort(start=MONDAY - timedelta(days=20), days=40)
    intern = make.member(cohort, "intern")
    with app.app_context():
        db.session.execute(update(Membership).where(Membership.user_id == intern.id).values(created_at=at(-2, 8)))
        db.session.commit()
    run(app, at(0, 9))  # two days after joining, though the placement is twenty days old
    assert received(smtp, intern.email) == []
    run(app, at(2, 9))  # four days after joining: past the threshold of three
    assert len(received(smtp, intern.email)) == 1


def test_two_schedulers_at_once_write_one_reminder(app, smtp, placement):
    _, intern = placement
    at_the_same_moment(app, [lambda: schedule.run_due_jobs(at(0, 9, 0, "Africa/Nairobi"), only=("reminders",))] * 3)
    run(app, at(0, 10, 0, "Africa/Nairobi"))  # the next hour's run finds it written, and sends it
    assert len(received(smtp, intern.email)) == 1
