"""Changing a cohort's credit requirements is audited field by field, old → new, minimum clinical hours
included, and the audit log shows each change under its plain name, never a stored key."""

import pytest
from sqlalchemy import select

from journal import audit
from journal.extensions import db
from journal.models import AuditEvent, Cohort, User
from tests.html import page, text_of, texts


@pytest.fixture
def world(make, auth):
    """A cohort using a framework of three competencies (C1–C3), its coordinator logged in."""
    cohort = make.cohort(name="Moshi spring")
    c1, c2, c3 = make.framework(cohort, competencies=3).competencies
    coordinator = make.admin(name="Dr Ana Ribeiro")
    auth.login(coordinator.email)
    return cohort, (c1, c2, c3), coordinator


def _save(client, cohort, hours="0", clinical="0", cultural="0", ethics="0", competencies=None):
    data = {
        "min_clinical_hours": hours,
        "min_clinical_entries": clinical,
        "min_cultural_entries": cultural,
        "min_ethics_entries": ethics,
    }
    if competencies is not None:
        data["competencies"] = [c.id for c in competencies]
    response = client.post(f"/cohorts/{cohort.id}/requirements", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def _changes(query) -> list[list[dict]]:
    return query(
        lambda s: [
            event.details["changes"]
            for event in s.scalars(
                select(AuditEvent).where(AuditEvent.action == "requirements.updated").order_by(AuditEvent.id)
            )
        ]
    )


def _details(client, cohort) -> list[str]:
    """Each requirements event's details on the audit log, newest first, as "name value" lines."""
    html = client.get(f"/cohorts/{cohort.id}/audit?action=requirements.updated").get_data(as_text=True)
    return [text_of(row, "dl.audit-details") for row in page(html).select("table.audit-table > tbody > tr")]


def test_every_changed_field_is_recorded_from_and_to(client, world, query):
    cohort, (c1, c2, c3), _ = world
    _save(client, cohort, hours="12", clinical="3", ethics="2", competencies=[c1, c2])
    _save(client, cohort, hours="20", clinical="3", ethics="1", cultural="4", competencies=[c1, c2, c3])
    first, second = _changes(query)
    assert first == [
        {"field": "min_clinical_hours", "from": "0", "to": "12"},
        {"field": "min_clinical_entries", "from": 0, "to": 3},
        {"field": "min_ethics_entries", "from": 0, "to": 2},
        {"field": "competencies", "from": "all", "to": ["C1", "C2"]},
    ]
    assert second == [
        {"field": "min_clinical_hours", "from": "12", "to": "20"},
        {"field": "min_cultural_entries", "from": 0, "to": 4},
        {"field": "min_ethics_entries", "from": 2, "to": 1},
        {"field": "competencies", "from": ["C1", "C2"], "to": "all"},
    ]


def test_the_log_names_each_change_plainly(client, world):
    cohort, (c1, c2, _), _ = world
    _save(client, cohort, hours="12", clinical="3", competencies=[c1, c2])
    _save(client, cohort, hours="20.5", clinical="3", ethics="2", competencies=[c1, c2])
    html = client.get(f"/cohorts/{cohort.id}/audit").get_data(as_text=True)
    newest, oldest = _details(client, cohort)
    assert newest == "Minimum clinical hours 12 → 20.5 Minimum ethics notes 0 → 2"
    assert oldest == (
        "Minimum clinical hours 0 → 12 Minimum clinical observations 0 → 3 "
        "Competencies required for credit all of the framework's → C1, C2"
    )
    for key in ("min_clinical_hours", "min_ethics_entries", "competencies", "changes", "Changes"):
        assert key not in " ".join(texts(html, "table.audit-table"))


def test_saving_without_a_change_says_so(client, world):
    cohort, *_ = world
    _save(client, cohort, hours="5")
    _save(client, cohort, hours="5")
    assert _details(client, cohort)[0] == "Changes none: saved as they were"


def test_hours_are_written_as_the_readers_language_writes_them(client, world, query):
    cohort, _, coordinator = world
    _save(client, cohort, hours="12.5")
    query(lambda s: (setattr(s.get(User, coordinator.id), "locale", "es"), s.commit()))
    assert "0 → 12,5" in _details(client, cohort)[0]


def test_an_event_recorded_before_changes_were_listed_still_reads_plainly(app, client, world):
    cohort, _, coordinator = world
    with app.app_context():
        audit.record(
            coordinator.id,
            "requirements.updated",
            db.session.get(Cohort, cohort.id),
            cohort.id,
            hours="40.5",
            min_clinical=3,
            min_cultural=0,
            min_ethics=2,
            competencies=2,
        )
        db.session.commit()
    details = _details(client, cohort)[0]
    assert details == (
        "Minimum clinical hours 40.5 Minimum clinical observations 3 Minimum cultural reflections 0 "
        "Minimum ethics notes 2 Competencies required 2"
    )
