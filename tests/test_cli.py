"""The ``seed-demo`` and ``create-admin`` commands."""

import pytest
from sqlalchemy import func, select

from journal.models import (
    Cohort,
    Comment,
    CreditRequirements,
    Decision,
    Draft,
    Entry,
    EntryRevision,
    Evidence,
    Framework,
    Membership,
    Notification,
    SignOffRequest,
    Submission,
    User,
)
from journal.seed.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


def _counts(session):
    return tuple(session.scalar(select(func.count(model.id))) for model in (User, Cohort, Membership, Entry, Draft))


def test_demo_journals_are_varied(runner, query):
    runner.invoke(args=["seed-demo"])
    kinds = query(lambda s: set(s.scalars(select(Entry.kind))))
    visibilities = query(lambda s: set(s.scalars(select(Entry.visibility))))
    revised = query(lambda s: s.scalar(select(func.count(Entry.id)).where(Entry.version > 1)))
    revisions = query(lambda s: s.scalar(select(func.count(EntryRevision.id))))
    assert kinds == {"clinical", "cultural", "ethics"}
    assert visibilities == {"private", "supervisors", "cohort"}
    assert revised > 0
    assert revisions == 32 + revised
    today = query(lambda s: s.scalar(select(func.max(Entry.occurred_on))))
    first = query(lambda s: s.scalar(select(func.min(Entry.occurred_on))))
    assert (today - first).days >= 20


def test_seed_demo_gives_the_supervisor_a_living_dashboard(app, runner, query):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    cohort = query(lambda s: s.scalar(select(Cohort).where(Cohort.name == "Demo cohort")))
    framework = query(lambda s: s.get(Framework, cohort.framework_id))
    assert framework.name == "Global health clinical placement"
    statuses = query(lambda s: set(s.scalars(select(SignOffRequest.status))))
    assert statuses == {"pending", "approved", "returned", "revoked"}
    outcomes = query(lambda s: set(s.scalars(select(Decision.outcome))))
    assert outcomes == {"approved", "returned", "revoked"}
    assert query(lambda s: s.scalar(select(func.count()).select_from(Evidence))) >= 8
    replies = query(lambda s: s.scalar(select(func.count()).where(Comment.parent_id.is_not(None))))
    assert replies >= 1
    kinds = query(lambda s: set(s.scalars(select(Notification.kind))))
    assert kinds == {"comment", "signoff_requested", "signoff_decided", "entry_shared", "portfolio_submitted"}
    # Every entry offered as evidence for a request is one the supervisors may read.
    private_evidence_of_requests = query(
        lambda s: s.scalar(
            select(func.count())
            .select_from(SignOffRequest)
            .join(Evidence, Evidence.competency_id == SignOffRequest.competency_id)
            .join(Entry, (Entry.id == Evidence.entry_id) & (Entry.author_id == SignOffRequest.intern_id))
            .where(Entry.visibility == "private")
        )
    )
    assert private_evidence_of_requests == 0


def test_seed_demo_is_idempotent(app, runner, query):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Created 75 new records" in first.output
    counts = query(_counts)
    assert counts == (6, 1, 5, 32, 3)
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert "Nothing new to add" in second.output
    assert query(_counts) == counts
    assert query(lambda s: s.scalar(select(func.count(Submission.id)))) == 2


def test_seed_demo_gives_two_interns_a_submitted_portfolio(runner, query):
    runner.invoke(args=["seed-demo"])
    submitted = query(
        lambda s: s.execute(
            select(User.email, Submission.entry_count, Submission.requirements_met)
            .join(Submission, Submission.intern_id == User.id)
            .order_by(User.email)
        ).all()
    )
    assert [row.email for row in submitted] == ["intern1@demo.test", "intern2@demo.test"]
    assert all(row.entry_count > 0 for row in submitted)
    # The demo cohort's requirements are set, and the demo interns do not meet them all yet.
    assert query(lambda s: s.scalar(select(func.count()).select_from(CreditRequirements))) == 1
    assert not any(row.requirements_met for row in submitted)


def test_seed_demo_prints_every_account(runner):
    output = runner.invoke(args=["seed-demo"]).output
    assert DEMO_PASSWORD in output
    for email, _, _ in DEMO_ACCOUNTS:
        assert email in output


@pytest.mark.parametrize(
    ("email", "home"),
    [
        ("coordinator@demo.test", "/cohorts/"),
        ("supervisor@demo.test", "/home/"),
        ("intern1@demo.test", "/home/"),
        ("intern2@demo.test", "/home/"),
        ("intern3@demo.test", "/home/"),
        ("reviewer@demo.test", "/home/"),
    ],
)
def test_every_demo_account_logs_in_through_the_form(client, runner, auth, email, home):
    runner.invoke(args=["seed-demo"])
    response = auth.login(email, DEMO_PASSWORD)
    assert response.status_code == 302
    landing = client.get("/").headers["Location"]
    assert landing.startswith(home)
    assert client.get(landing).status_code == 200


def test_create_admin_asks_for_a_password(runner, client, auth, query):
    result = runner.invoke(
        args=["create-admin", "--email", "Head@Example.org", "--name", "Head of Programme"],
        input="a long admin password\na long admin password\n",
    )
    assert result.exit_code == 0, result.output
    assert "Coordinator head@example.org created." in result.output
    assert query(lambda s: s.scalar(select(User.is_admin).where(User.email == "head@example.org"))) is True
    assert auth.login("head@example.org", "a long admin password").status_code == 302


def test_create_admin_refuses_a_short_password(runner, query):
    result = runner.invoke(args=["create-admin", "--email", "x@example.org"], input="short\nshort\n")
    assert result.exit_code != 0
    assert "Use at least 12 characters" in result.output
    assert query(lambda s: s.scalar(select(func.count(User.id)))) == 0


def test_create_admin_promotes_an_existing_account(runner, make, query):
    person = make.user(email="promote@example.org")
    result = runner.invoke(args=["create-admin", "--email", "promote@example.org"])
    assert result.exit_code == 0
    assert "is now a coordinator" in result.output
    assert query(lambda s: s.get(User, person.id).is_admin) is True


def test_seed_demo_refuses_outside_development(app, runner, query):
    app.config["APP_ENV"] = "production"
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "runs only with APP_ENV=development" in result.output
    assert query(lambda s: s.scalar(select(func.count(User.id)))) == 0
    assert runner.invoke(args=["seed-demo", "--force"]).exit_code == 0
