"""The audit log as services write it: sharing and unsharing, and what an event may hold."""

import pytest
from sqlalchemy import select

from journal import audit
from journal.entries.services import set_visibility
from journal.extensions import db
from journal.models import AuditEvent, Entry


@pytest.mark.parametrize(
    "before, after, action",
    [
        ("private", "supervisors", "entry.shared"),
        ("supervisors", "cohort", "entry.shared"),
        ("cohort", "supervisors", "entry.unshared"),
        ("supervisors", "private", "entry.unshared"),
    ],
)
def test_each_change_of_visibility_is_recorded_without_the_text(app, make, before, after, action):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    entry = make.entry(intern, cohort, visibility=before, title="Secret title", body="Secret body")
    with app.app_context():
        set_visibility(db.session.get(Entry, entry.id), after)
        db.session.commit()
        event = db.session.scalar(select(AuditEvent))
        assert (event.action, event.actor_id, event.object_type, event.object_id, event.cohort_id) == (
            action,
            intern.id,
            "entry",
            entry.id,
            cohort.id,
        )
        assert event.details == {"previous": before, "visibility": after}


def test_setting_the_same_visibility_records_nothing(app, make):
    cohort = make.cohort()
    entry = make.entry(make.member(cohort, "intern"), cohort, visibility="cohort")
    with app.app_context():
        set_visibility(db.session.get(Entry, entry.id), "cohort")
        db.session.commit()
        assert db.session.scalar(select(AuditEvent)) is None


def test_an_unknown_action_is_refused(app, make):
    cohort = make.cohort()
    with app.app_context(), pytest.raises(ValueError, match="unknown audit action"):
        audit.record(None, "entry.read", db.session.get(type(cohort), cohort.id), cohort.id)
