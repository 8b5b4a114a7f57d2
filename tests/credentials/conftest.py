"""The scene most credential tests start from, checked by the independent Node verifier at the end."""

import pytest

from tests.credentials.issued import scene
from tests.credentials.node import assert_everything_issued_verifies


@pytest.fixture
def world(app):
    """The scene of ``issued.scene``; every credential the test issued is then verified by the independent Node
    verifier (a module may extend the scene with a fixture of its own of the same name)."""
    found = scene(app)
    yield found
    assert_everything_issued_verifies(app)
