"""Migration 0017: upgrading sends no backlog. Notifications written before it count as emailed, and
invitations that expired before it as told, so the first scheduled run emails nobody about the past."""

from datetime import timedelta

from flask_migrate import upgrade
from sqlalchemy import select

from journal import schedule
from journal.extensions import db
from journal.models import Invitation, Notification, OutgoingEmail
from tests import factories
from tests.conftest import make_app
from tests.entries.test_search_migration import empty_url, later_columns_for_the_models  # noqa: F401 (a fixture)

BEFORE = "0016_chosen_language"


def test_upgrading_sends_no_emails_about_what_happened_before(empty_url):  # noqa: F811
    app = make_app(empty_url)
    with app.app_context():
        upgrade(revision=BEFORE)
        with later_columns_for_the_models(db.session.connection()):
            cohort = factories.cohort(db.session)
            factories.user(db.session, is_admin=True, locale="en")
            intern = factories.member(db.session, cohort, "intern", locale="en")
            supervisor = factories.member(db.session, cohort, "supervisor", locale="en")
            entry = factories.entry(db.session, intern, cohort, visibility="supervisors")
            old, _ = factories.invitation(db.session, cohort, email="late@example.org", expires_in=timedelta(days=-3))
            pending, _ = factories.invitation(db.session, cohort, email="soon@example.org")
            db.session.add(
                Notification(
                    user_id=intern.id, kind="comment", actor_id=supervisor.id, cohort_id=cohort.id, entry_id=entry.id
                )
            )
            db.session.flush()
            old_id, pending_id = old.id, pending.id
        db.session.commit()

        upgrade()
        invitations = dict(db.session.execute(select(Invitation.id, Invitation.expired_at)).all())
        assert invitations[old_id] is not None and invitations[pending_id] is None
        assert db.session.scalar(select(Notification.emailed_at)) is not None
        runs = schedule.run_due_jobs(only=("notification_emails", "expired_invitations"))
        assert [run.outcome for run in runs] == ["done", "done"]
        assert db.session.scalars(select(OutgoingEmail)).all() == []
        db.session.rollback()
        db.engine.dispose()
