"""The daily upkeep deletes for good what the app promised to forget: the trash after 30 days, drafts
untouched for 60, spent reset links, old emails and old runs; and keeps everything younger."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, text

from journal import schedule, search
from journal.entries import services
from journal.extensions import db
from journal.models import (
    Cohort,
    Comment,
    Draft,
    Entry,
    EntryRevision,
    EntryTag,
    OutgoingEmail,
    PasswordResetToken,
    ScheduledRun,
    User,
)

NOW = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
FIELDS = {"title": "Ward round", "body": "Saw the round with the team.", "occurred_on": date(2026, 11, 1)}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def indexed(entry_id: int) -> bool:
    if db.session.get_bind().dialect.name == "sqlite":
        statement = "SELECT count(*) FROM entry_search_fts WHERE rowid = :id"
    else:
        statement = "SELECT count(*) FROM entry_search WHERE entry_id = :id"
    return db.session.scalar(text(statement), {"id": entry_id}) == 1


def test_the_trash_is_emptied_after_thirty_days_with_everything_hanging_from_its_entries(app, make):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    supervisor = make.member(cohort, "supervisor")
    with app.app_context():
        author, place = db.session.get(User, intern.id), db.session.get(Cohort, cohort.id)
        old, recent, live = (services.create_entry(author, place, "cultural", FIELDS, ["market"]) for _ in range(3))
        old.deleted_at, recent.deleted_at = NOW - timedelta(days=30, seconds=1), NOW - timedelta(days=29)
        db.session.add(Comment(entry_id=old.id, author_id=supervisor.id, body="Good."))
        ids = old.id, recent.id, live.id
        db.session.commit()
        assert all(indexed(entry_id) for entry_id in ids)

        [run] = schedule.run_due_jobs(NOW, only=("upkeep",))
        assert (run.outcome, run.details.split(", ")[2]) == ("done", "entries_purged=1")
        assert sorted(db.session.scalars(select(Entry.id))) == sorted(ids[1:])
        assert [indexed(entry_id) for entry_id in ids] == [False, True, True]
        assert db.session.scalar(select(func.count()).where(EntryRevision.entry_id == ids[0])) == 0
        assert db.session.scalar(select(func.count()).where(EntryTag.entry_id == ids[0])) == 0
        assert count(Comment) == 0
        # The author's search no longer finds the purged entry's words, and still finds the live one.
        assert [hit.entry_id for hit in search.search_entries(intern.id, cohort.id, "round")] == [ids[2]]


def test_drafts_untouched_for_sixty_days_go_and_younger_ones_stay(app, make):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    with app.app_context():
        for key, age in (("old", 60), ("young", 59)):
            db.session.add(
                Draft(user_id=intern.id, cohort_id=cohort.id, key=key, content={}, updated_at=NOW - timedelta(days=age))
            )
        db.session.commit()
        schedule.run_due_jobs(NOW, only=("upkeep",))
        assert db.session.scalars(select(Draft.key)).all() == ["young"]


def test_spent_links_old_emails_and_old_runs_go(app, make):
    user = make.user()
    with app.app_context():
        db.session.add_all(
            [
                PasswordResetToken(user_id=user.id, token_hash="a" * 64, expires_at=NOW - timedelta(days=2)),
                PasswordResetToken(user_id=user.id, token_hash="b" * 64, expires_at=NOW + timedelta(minutes=30)),
                ScheduledRun(job="upkeep", slot="1", outcome="done", started_at=NOW - timedelta(days=31)),
            ]
        )
        for status, age in (("sent", 91), ("sent", 89), ("pending", 200)):
            db.session.add(
                OutgoingEmail(
                    kind="comment",
                    dedupe_key=f"{status}:{age}",
                    recipient="a@example.org",
                    subject="s",
                    body_text="t",
                    body_html="h",
                    status=status,
                    created_at=NOW - timedelta(days=age),
                )
            )
        db.session.commit()
        [run] = schedule.run_due_jobs(NOW, only=("upkeep",))
        assert run.details == (
            "drafts_deleted=0, emails_deleted=1, entries_purged=0, reset_links_deleted=1, runs_deleted=1"
        )
        assert db.session.scalars(select(PasswordResetToken.token_hash)).all() == ["b" * 64]
        assert sorted(db.session.scalars(select(OutgoingEmail.dedupe_key))) == ["pending:200", "sent:89"]
        assert db.session.scalars(select(ScheduledRun.slot).where(ScheduledRun.job == "upkeep")).all() != ["1"]
