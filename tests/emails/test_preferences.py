"""The account's email settings: every kind of email, named with who receives it, on until turned off;
the digest's cadence; saved with one POST and audited; a refused form keeps what was chosen; and it
says when the installation sends no email at all."""

import pytest
from sqlalchemy import select

from journal.emails.forms import KIND_HELP, KIND_NAMES
from journal.emails.outbox import queue_email
from journal.extensions import db
from journal.models import EMAIL_KINDS, AuditEvent, EmailOptOut, User
from tests.conftest import log_in_as
from tests.html import page


@pytest.fixture
def supervisor(make, client):
    found = make.member(make.cohort(), "supervisor", name="Dr Mwangi")
    log_in_as(client, found)
    return found


def ticked(html: str) -> list[str]:
    """The values of the ticked checkboxes and radio buttons of the page."""
    return [element["value"] for element in page(html).select("input[checked]")]


def state(query, user) -> tuple[list[str], str]:
    """The kinds the user turned off, and their digest cadence."""
    return query(
        lambda s: (
            sorted(s.scalars(select(EmailOptOut.kind).where(EmailOptOut.user_id == user.id))),
            s.get(User, user.id).digest_cadence,
        )
    )


def audited(query) -> list[dict]:
    return query(
        lambda s: [
            event.details for event in s.scalars(select(AuditEvent).where(AuditEvent.action == "emails.changed"))
        ]
    )


def test_every_kind_has_a_name_and_says_who_receives_it():
    assert set(KIND_NAMES) == set(KIND_HELP) == set(EMAIL_KINDS)


def test_the_page_lists_every_kind_on_and_the_daily_digest(client, supervisor):
    response = client.get("/account/emails")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert ticked(html) == [*EMAIL_KINDS, "daily"]
    assert "Comments on your entries" in html and "For supervisors: entries newly shared with you" in html
    assert "No mail server is set up here" in html  # the tests' app has no MAIL_SERVER


def test_the_account_page_links_to_it(client, supervisor):
    assert 'href="/account/emails"' in client.get("/account").get_data(as_text=True)


def test_saving_turns_kinds_off_and_on_with_one_post_and_audits_the_change(client, query, supervisor):
    keep = ["comment", "digest", "submission"]
    response = client.post("/account/emails", data={"kinds": keep, "digest_cadence": "weekly"})
    assert response.status_code == 302 and response.headers["Location"] == "/account/emails"
    assert state(query, supervisor) == (["invitation_expired", "reminder", "signoff_decided"], "weekly")
    page = client.get("/account/emails").get_data(as_text=True)
    assert "Your email settings are saved." in page
    assert ticked(page) == [*keep, "weekly"]

    client.post("/account/emails", data={"kinds": keep, "digest_cadence": "weekly"})  # the same again
    client.post("/account/emails", data={"kinds": [*keep, "reminder"], "digest_cadence": "weekly"})
    assert state(query, supervisor) == (["invitation_expired", "signoff_decided"], "weekly")
    assert audited(query) == [
        {
            "turned_off": ["invitation_expired", "reminder", "signoff_decided"],
            "turned_on": [],
            "digest_cadence": "weekly",
            "via": "settings",
        },
        {"turned_off": [], "turned_on": ["reminder"], "digest_cadence": "weekly", "via": "settings"},
    ]


def test_nothing_ticked_turns_every_kind_off(client, query, supervisor):
    assert client.post("/account/emails", data={"digest_cadence": "daily"}).status_code == 302
    assert state(query, supervisor) == (sorted(EMAIL_KINDS), "daily")


@pytest.mark.parametrize(
    "data",
    [
        {"kinds": ["comment", "everything"], "digest_cadence": "weekly"},
        {"kinds": ["comment", "reminder"], "digest_cadence": "hourly"},
        {"kinds": ["comment", "reminder"]},
    ],
)
def test_a_refused_form_keeps_the_choices_and_saves_nothing(client, query, supervisor, data):
    response = client.post("/account/emails", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Please check the form" in html
    kept = [kind for kind in data["kinds"] if kind in EMAIL_KINDS]
    assert ticked(html)[: len(kept)] == kept
    assert state(query, supervisor) == ([], "daily") and audited(query) == []


def test_a_kind_turned_off_is_not_written(app, client, query, supervisor):
    client.post("/account/emails", data={"kinds": ["digest"], "digest_cadence": "daily"})
    with app.test_request_context():
        user = db.session.get(User, supervisor.id)
        assert queue_email(user, "submission", "test:1", "comment", "Subject", {}) is None


def test_anonymous_visitors_are_sent_to_log_in(app):
    response = app.test_client().get("/account/emails")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_with_a_mail_server_the_page_does_not_warn(app, client, supervisor):
    app.config["MAIL_SERVER"] = "127.0.0.1"  # read on each page: nothing is sent from this page
    assert "No mail server is set up here" not in client.get("/account/emails").get_data(as_text=True)
