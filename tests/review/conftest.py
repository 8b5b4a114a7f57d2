"""The supervision tests' cohort: two supervisors and two interns."""

import pytest


@pytest.fixture
def team(make):
    cohort = make.cohort()
    return {
        "cohort": cohort,
        "supervisor": make.member(cohort, "supervisor", name="Dr Mwangi"),
        "other_supervisor": make.member(cohort, "supervisor", name="Dr Osei"),
        "intern": make.member(cohort, "intern", name="Amira Haddad"),
        "fellow": make.member(cohort, "intern", name="Bruno Costa"),
    }
