"""Every route, with hostile values in its URL: ids past what the database holds, and text with
NUL, markup and path tricks where a token or code belongs.

Each such request is refused plainly (a 404 page, or a page saying the link is not valid) and
never reaches the database as a statement it refuses: no 500, nothing logged, nothing changed.
"""

import string
from urllib.parse import quote

from tests.access_table import ROUTES
from tests.hostile import harness
from tests.hostile.fuzzing import served_routes
from tests.test_every_route import USER_FOR_LEVEL

INTEGERS = [str(2**31), str(10**20)]  # just past PostgreSQL's INTEGER, and past any database integer
TEXTS = ["a\x00b<script>alert(1)</script>", "..%2F..%2Fetc%2Fpasswd", "'; DROP TABLE users;--", "😀" * 300]


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def test_hostile_values_in_every_url(app, context):
    served = served_routes()
    tried = 0
    for key in sorted(served & set(ROUTES)):
        endpoint, method = key
        spec = ROUTES[key]
        if endpoint == "static":
            continue
        person = USER_FOR_LEVEL[spec.level]
        user = context.people[person] if person else None
        for name in _placeholders(spec.path):
            is_integer = isinstance(context.values[name], int)  # an id in the URL, or a token or code
            for value in INTEGERS if is_integer else TEXTS:
                path = spec.path.format(**{**context.values, name: value if is_integer else quote(value, safe="%")})
                client = harness.client_as(app, user)
                body = {"json": spec.json} if spec.json is not None else {"data": spec.data}
                outcome = harness.send(
                    app,
                    client,
                    f"{method} {path[:120]}",
                    lambda c=client, p=path, b=body, m=method: c.open(p, method=m, **b),
                    compare=method != "GET",
                )
                harness.check_no_failure(outcome)
                assert outcome.status in (302, 400, 404, 422), f"{outcome.description}: {outcome.status}"
                assert not outcome.changes, f"{outcome.description}: stored {sorted(outcome.changes)}"
                harness.check_refusal(outcome, saves=False)
                tried += 1
    assert tried > 50, f"only {tried} hostile URLs were tried: are the routes' paths still templates?"
