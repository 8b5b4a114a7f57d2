"""A cohort with an intern whose journal holds every kind of entry, shared and private, in
several scripts, with comments and a sign-off, for the portfolio tests."""

import os
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest

from journal.models import Entry
from tests import factories

PRIVATE_MARKER = "PRIVATE-UNSELECTED-7f3a"
FELLOW_COMMENT = "FELLOW-INTERN-COMMENT-91c2"
MULTI_SCRIPT = "Café à Moshi — مرحبا بكم في العيادة — 你好，医生 — a good day 😀"


@dataclass
class Portfolio:
    """Who is who, and the entries the intern has."""

    cohort: object
    other: object
    intern: object
    fellow: object
    supervisor: object
    reviewer: object
    other_reviewer: object
    coordinator: object
    clinical: Entry
    cultural: Entry
    ethics: Entry
    secret: Entry  # private, never chosen
    competencies: list

    @property
    def chosen(self) -> list[Entry]:
        return [self.clinical, self.cultural, self.ethics]

    def selection(self, entries=None) -> list[str]:
        """The form values for ``entries`` (the chosen ones by default)."""
        return [f"{e.id}:{e.version}" for e in (entries or self.chosen)]


@pytest.fixture
def portfolio(make):
    cohort = make.cohort(name="Moshi spring cohort", start=date.today() - timedelta(days=20))
    other = make.cohort()
    competencies = make.framework(cohort).competencies
    intern = make.member(cohort, "intern", name="Amira Haddad")
    fellow = make.member(cohort, "intern", name="Bruno Costa")
    supervisor = make.member(cohort, "supervisor", name="Dr Joseph Mwangi")
    reviewer = make.member(cohort, "reviewer", name="Prof. Sarah O'Connor")
    other_reviewer = make.member(other, "reviewer")
    coordinator = make.admin(name="Dr Ana Ribeiro")
    day = date.today() - timedelta(days=5)
    clinical = make.entry(
        intern,
        cohort,
        kind="clinical",
        visibility="supervisors",
        title="Malaria in a pregnant woman",
        body=f"## What happened\n\nA woman in her second trimester. {MULTI_SCRIPT}",
        tags=("malaria",),
        occurred_on=day,
        setting="ward",
        specialty="Obstetrics",
        involvement="observed",
        hours=Decimal("3.5"),
    )
    cultural = make.entry(
        intern,
        cohort,
        kind="cultural",
        visibility="cohort",
        title="Greeting the elders",
        occurred_on=day,
        theme="family",
    )
    ethics = make.entry(
        intern,
        cohort,
        kind="ethics",
        visibility="private",
        title="Consent through an interpreter",
        occurred_on=day + timedelta(days=1),
        principles=["autonomy", "consent"],
    )
    secret = make.entry(
        intern, cohort, kind="clinical", title=f"Never chosen {PRIVATE_MARKER}", body=PRIVATE_MARKER, hours=Decimal(2)
    )
    make.comment(clinical, supervisor, body="Well observed. What would you check next time?")
    make.comment(cultural, fellow, body=FELLOW_COMMENT)
    make.signoff(intern, cohort, competencies[0].id, status="approved", level=3, supervisor=supervisor)
    return Portfolio(
        cohort=cohort,
        other=other,
        intern=intern,
        fellow=fellow,
        supervisor=supervisor,
        reviewer=reviewer,
        other_reviewer=other_reviewer,
        coordinator=coordinator,
        clinical=clinical,
        cultural=cultural,
        ethics=ethics,
        secret=secret,
        competencies=competencies,
    )


@pytest.fixture
def submitted(make, portfolio):
    """The intern's portfolio of the three chosen entries, submitted."""
    return make.submission(portfolio.intern, portfolio.cohort, portfolio.chosen)


def log_in(auth, person) -> None:
    response = auth.login(person.email, factories.PASSWORD)
    assert response.status_code == 302, response.status_code


REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def redis_or_skip():
    """A connection to the Redis CI always has; elsewhere, without one, the test is skipped."""
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisDown:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL} (CI always has one)")
    return connection
