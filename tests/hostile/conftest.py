"""Fixtures and the Hypothesis profile for the hostile-input tests.

The profile ``hostile``: no deadline (a request may wait on the database), health checks that
object to function-scoped fixtures and slow examples switched off (each test gets one world
and sends many requests into it), and, when ``CI`` is set, a fixed seed and no example
database, so CI runs the same examples every time; locally each run tries new ones. Each route's
number of examples is set in ``tests/hostile/specs.py``; ``HOSTILE_SCALE=10`` multiplies them
all for a longer local hunt.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.hostile.fuzzing import Context

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

settings.register_profile(
    "hostile",
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
    derandomize=IN_CI,
    database=None if IN_CI else settings.default.database,
    print_blob=True,
)
settings.load_profile("hostile")


@pytest.fixture
def app_config():
    """Rate limits off: the limits have their own tests, and here they would answer 429 to most examples."""
    return {"RATELIMIT_ENABLED": False}


@pytest.fixture
def context(app, world, make):
    """The world as the specs see it."""
    people, values = world
    return Context(app, people, values, make)
