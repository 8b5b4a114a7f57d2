"""Every form route of the app, posted hostile values by someone allowed to use it.

The routes come from the app's URL map, so a new route is fuzzed as soon as it exists (with its
access-table sample data as text fields, or field by field once it has a spec in ``specs.py``);
a route missing from the access table fails here with a message saying where to add it.

For every request: never a 500 and no error logged; no protected column changed; if the database
did not change, the answer says what to fix; if it did, the request succeeded and every echoed
field is stored exactly as sent (after its documented normalisation), and the page it leads to
renders.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import example, given, settings

from tests.access_table import ROUTES
from tests.hostile import harness
from tests.hostile.fuzzing import budget, materialise, plans, served_routes, sweep
from tests.hostile.specs import ANY_PAGE, GET_SPECS, SPECS, spec_for
from tests.test_every_route import USER_FOR_LEVEL

SERVED = served_routes()
FORM_POSTS = sorted(key for key in SERVED if key[1] == "POST" and (key not in ROUTES or ROUTES[key].json is None))


def describe(form) -> str:
    """The form data in a line, long values cut short (the full example is printed by Hypothesis)."""
    parts = []
    for name, value in form.items(multi=True):
        shown = repr(value)[:40] + (f"…(len {len(value)})" if isinstance(value, str) and len(value) > 30 else "")
        parts.append(f"{name[:20]!r}={shown}")
    return ", ".join(parts) or "(no fields)"


def person_for(key, spec) -> str | None:
    """Who sends the route's requests: someone the access table allows."""
    if spec.person is not None:
        return spec.person
    return USER_FOR_LEVEL[ROUTES[key].level]


def test_every_spec_is_a_served_route():
    stale = sorted((set(SPECS) | set(GET_SPECS)) - SERVED)
    assert not stale, f"tests/hostile/specs.py has specs for routes that no longer exist: {stale}"


def fuzz(app, context, key, spec, method: str = "POST") -> None:
    """Send the route hostile values drawn from ``spec``, checking every answer."""
    person = person_for(key, spec)
    user = context.people[person] if person else None
    template = spec.path or ROUTES[key].path

    @settings(max_examples=budget(spec.examples))
    @given(drawn=plans(spec))
    def send_hostile_values(drawn):
        path_values = {**context.values, **(spec.prepare(context) if spec.prepare else {})}
        form, query, expected = materialise(spec, drawn, context)
        path = template.format(**path_values)
        if query:
            path += ("&" if "?" in path else "?") + urlencode(list(query.items(multi=True)))
        client = harness.client_as(app, user)
        if method == "GET":
            form.clear()  # a page is sent its query string only
        outcome = harness.send(
            app,
            client,
            f"{method} {path} [{describe(form)}]",
            lambda: harness.post_form(client, path, form, method),
            compare=method != "GET",
        )
        harness.check_no_failure(outcome)
        if method == "GET":
            harness.check_refusal(outcome, saves=False)
        elif outcome.changes:
            harness.check_acceptance(outcome, expected)
        else:
            harness.check_refusal(outcome, spec.saves)

    # Each route keeps its own failing examples (and, in CI, its own fixed seed).
    send_hostile_values.hypothesis.inner_test._hypothesis_internal_add_digest = f"{method} {key}".encode()
    for plan in sweep(spec):
        send_hostile_values = example(drawn=plan)(send_hostile_values)
    send_hostile_values()


@pytest.mark.parametrize("key", FORM_POSTS, ids=lambda key: key[0])
def test_hostile_form_input(app, context, key):
    fuzz(app, context, key, spec_for(key))


def test_hostile_query_strings(app, context):
    """Pages that read their query string get hostile values in it; every other page gets junk in
    the usual parameters. One world for all: a page view changes nothing a later one depends on."""
    for key in sorted(GET_SPECS):
        fuzz(app, context, key, GET_SPECS[key], method="GET")
    others = sorted(key for key in SERVED if key[1] == "GET" and key not in GET_SPECS)
    for key in others:
        if key in ROUTES:
            fuzz(app, context, key, ANY_PAGE, method="GET")
    unknown = [key for key in others if key not in ROUTES]
    assert not unknown, f"pages served but not in tests/access_table.py ROUTES (add them there): {unknown}"
