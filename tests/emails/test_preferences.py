"""The account's email settings: the kinds of email that can reach the person given their roles (and
only those), each named with who receives it, on until turned off; the digest's cadence for supervisors;
saved with one POST and audited, a kind not offered keeping its setting; a refused form keeps what was
chosen; and it says when the installation sends no email at all."""

import pytest
from sqlalchemy import select

from journal.emails import preferences
from journal.emails.forms import KIND_HELP, KIND_NAMES
from journal.emails.outbox import queue_email
from journal.extensions import db
from journal.models import EMAIL_KINDS, AuditEvent, EmailOptOut, User
from tests.conftest import log_in_as
from tests.html import page

INTERN_KINDS = ["comment", "signoff_decided", "reminder"]


@pytest.fixture
def supervisor(make, client):
    """A coordinator who is an intern, a supervisor and a reviewer (in three cohorts): offered every kind."""
    found = make.member(make.cohort(), "supervisor", name="Dr Mwangi", is_admin=True)
    for role in ("intern", "reviewer"):
        make.membership(found, make.cohort(), role)
    log_in_as(client, found)
    return found


def offered(html: str) -> list[str]:
    """The kinds of email the page offers (its checkboxes), and the cadences if it offers those."""
    return [element["value"] for element in page(html).select("input[type=checkbox], input[type=radio]")]


def applicable(app, user) -> tuple[str, ...]:
    with app.app_context():
        return preferences.applicable_kinds(db.session.get(User, user.id))


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


@pytest.mark.parametrize(
    ("role", "kinds"),
    [
        ("intern", INTERN_KINDS),
        ("supervisor", ["digest", "daily", "weekly"]),
        ("reviewer", ["submission"]),
    ],
)
def test_each_role_is_offered_only_the_emails_that_can_reach_it(app, client, make, role, kinds):
    person = make.member(make.cohort(), role)
    log_in_as(client, person)
    html = client.get("/account/emails").get_data(as_text=True)
    assert offered(html) == kinds
    assert applicable(app, person) == tuple(kind for kind in kinds if kind in EMAIL_KINDS)
    assert ("How often the supervisor digest comes" in html) == (role == "supervisor")


def test_a_coordinator_is_offered_the_expired_invitations(app, client, make):
    coordinator = make.admin()
    log_in_as(client, coordinator)
    assert offered(client.get("/account/emails").get_data(as_text=True)) == ["invitation_expired"]
    assert applicable(app, coordinator) == ("invitation_expired",)


def test_someone_with_several_roles_is_offered_the_union(app, client, make):
    person = make.member(make.cohort(), "intern")
    make.membership(person, make.cohort(), "supervisor")
    log_in_as(client, person)
    html = client.get("/account/emails").get_data(as_text=True)
    assert offered(html) == [*INTERN_KINDS, "digest", "daily", "weekly"]
    assert "Portfolio submissions" not in html and "Expired invitations" not in html
    assert "Choose which emails you receive, and how often your digest comes." in client.get("/account").get_data(
        as_text=True
    )


def test_someone_with_no_role_yet_is_told_so_instead_of_an_empty_form(app, client, make):
    person = make.user()
    log_in_as(client, person)
    html = client.get("/account/emails").get_data(as_text=True)
    assert "There are no emails to choose yet" in html and offered(html) == []
    assert "Save email settings" not in html
    assert applicable(app, person) == ()
    assert "Intern Journal sends you no emails until you belong to a cohort" in client.get("/account").get_data(
        as_text=True
    )


def test_the_account_page_names_no_digest_to_an_intern(client, make):
    log_in_as(client, make.member(make.cohort(), "intern"))
    html = client.get("/account").get_data(as_text=True)
    assert "Choose which emails you receive." in html and "digest" not in html


def test_saving_changes_only_the_kinds_offered(app, client, make, query):
    """An intern who was once a supervisor turned the digest off and chose it weekly; a kind they were
    never offered (submissions) is on. Saving the intern's kinds leaves both as they were."""
    intern = make.member(make.cohort(), "intern")
    with app.app_context():
        user = db.session.get(User, intern.id)
        preferences.set_preferences(user, ["comment"], "weekly", among=["comment", "digest"])
        db.session.commit()
    assert state(query, intern) == (["digest"], "weekly")
    log_in_as(client, intern)

    assert client.post("/account/emails", data={"kinds": ["reminder"]}).status_code == 302
    assert state(query, intern) == (["comment", "digest", "signoff_decided"], "weekly")
    client.post("/account/emails", data={"kinds": INTERN_KINDS, "digest_cadence": "daily"})
    assert state(query, intern) == (["digest"], "weekly")  # a cadence sent without the digest is ignored
    assert audited(query)[-1] == {
        "turned_off": [],
        "turned_on": ["comment", "signoff_decided"],
        "digest_cadence": "weekly",
        "via": "settings",
    }


def test_a_kind_not_offered_cannot_be_turned_on_or_off(app, client, make, query):
    intern = make.member(make.cohort(), "intern")
    with app.app_context():
        preferences.turn_off(db.session.get(User, intern.id), "digest")
        db.session.commit()
    log_in_as(client, intern)
    response = client.post("/account/emails", data={"kinds": ["comment", "digest"]})
    assert response.status_code == 422
    assert state(query, intern) == (["digest"], "daily") and audited(query) == []


def test_set_preferences_refuses_a_kind_enabled_that_was_not_offered(app, make):
    intern = make.member(make.cohort(), "intern")
    with app.app_context(), pytest.raises(ValueError):
        preferences.set_preferences(db.session.get(User, intern.id), ["digest"], None, among=INTERN_KINDS)
