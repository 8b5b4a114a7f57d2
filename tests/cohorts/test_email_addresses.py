"""Inviting by email, one by one or from a roster: a refused address says what is wrong with it, and in
development the demo's own domain (demo.test, reserved for tests elsewhere) is accepted."""

import io

import pytest
from sqlalchemy import select

from journal.cohorts.addresses import DEMO_DOMAIN, BadAddress, checked_address, reason
from journal.models import Invitation
from journal.seed.demo import DEMO_ACCOUNTS
from tests.html import text_of, texts

DEVELOPMENT = {"APP_ENV": "development"}


@pytest.fixture
def admin(make, auth):
    found = make.admin()
    auth.login(found.email)
    return found


def _invite(client, cohort, email):
    return client.post(f"/cohorts/{cohort.id}/invite", data={"email": email, "role": "intern"})


def _field_error(response) -> str:
    """The invite form's error under the email field."""
    assert response.status_code == 422
    return " ".join(texts(response.get_data(as_text=True), "#email-error, .field-error"))


def _roster(client, cohort, lines: str):
    data = ("email,name,role\n" + lines).encode()
    return client.post(
        f"/cohorts/{cohort.id}/roster",
        data={"roster": (io.BytesIO(data), "roster.csv")},
        content_type="multipart/form-data",
    )


def _problems(response) -> list[str]:
    """Each problem row of the roster page: "<line> <reason>"."""
    return texts(response.get_data(as_text=True), ".error-summary tbody tr")


def test_the_demo_accounts_use_the_demo_domain():
    assert {email.split("@")[1] for email, _, _ in DEMO_ACCOUNTS} == {DEMO_DOMAIN}


@pytest.mark.parametrize("app_config", [DEVELOPMENT, {"ACCEPT_DEMO_DOMAIN": True}])
def test_in_development_someone_at_the_demo_domain_is_invited(client, admin, make, query, app_config):
    cohort = make.cohort()
    response = _invite(client, cohort, "Someone@Demo.test")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert query(lambda s: s.scalar(select(Invitation.email))) == "someone@demo.test"


def test_elsewhere_the_demo_domain_is_refused_saying_why(client, admin, make, query):
    cohort = make.cohort()
    error = _field_error(_invite(client, cohort, "someone@demo.test"))
    assert "The domain name demo.test does not accept email: it is reserved for special uses such as testing." in error
    assert "Enter an email address like name@example.org." in error
    assert query(lambda s: s.scalar(select(Invitation.email))) is None


@pytest.mark.parametrize("app_config", [DEVELOPMENT])
def test_development_accepts_only_the_demo_domain_of_the_reserved_ones(client, admin, make, app_config):
    cohort = make.cohort()
    for email, domain in (("someone@other.test", "other.test"), ("someone@site.invalid", "site.invalid")):
        error = _field_error(_invite(client, cohort, email))
        assert f"The domain name {domain} does not accept email" in error


@pytest.mark.parametrize(
    ("email", "said"),
    [
        ("not-an-email", "An email address must have an @-sign."),
        ("@example.org", "There must be something before the @-sign."),
        ("amira@", "There must be something after the @-sign."),
        ("amira@hospital", "The domain name hospital is not complete: it should have a period, as in example.org."),
        ("amira..haddad@example.org", "An email address cannot have two periods in a row."),
        ("amira haddad@example.org", "The address contains characters an email address cannot have: SPACE."),
    ],
)
def test_the_invite_form_says_what_is_wrong_with_an_address(client, admin, make, email, said):
    error = _field_error(_invite(client, make.cohort(), email))
    assert said in error


def test_a_rare_problem_keeps_the_validators_own_words(app):
    with app.test_request_context():
        assert reason("Something new the validator says.", "x.org") == (
            "This is not a valid email address: Something new the validator says."
        )
        with pytest.raises(BadAddress):
            checked_address("a@" + "x" * 300 + ".org")


def test_the_roster_gives_the_line_and_the_reason(client, admin, make):
    cohort = make.cohort()
    response = _roster(
        client, cohort, "amira@example.org,Amira,intern\nbad-address,Lukas,intern\nmei@demo.test,Mei,intern\n"
    )
    assert response.status_code == 422
    assert _problems(response) == [
        "3 “bad-address” is not a valid email address: An email address must have an @-sign.",
        "4 “mei@demo.test” is not a valid email address: The domain name demo.test does not accept email: "
        "it is reserved for special uses such as testing.",
    ]


@pytest.mark.parametrize("app_config", [DEVELOPMENT])
def test_in_development_the_roster_accepts_the_demo_domain(client, admin, make, query, app_config):
    cohort = make.cohort()
    response = _roster(client, cohort, "mei@demo.test,Mei Lin,intern\n")
    assert response.status_code == 200, text_of(response.get_data(as_text=True), "main")[:500]
    assert query(lambda s: s.scalar(select(Invitation.email))) == "mei@demo.test"
