"""Fixtures for the journal tests."""

import pytest


@pytest.fixture
def intern(make, auth):
    """An intern of a new cohort, logged in: (user, cohort)."""
    cohort = make.cohort()
    person = make.member(cohort, "intern")
    auth.login(person.email)
    return person, cohort
