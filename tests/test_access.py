"""The access table, checked: every route, as every person, answers as ``tests/access_table.py`` says.

The table (``ROUTES``), the levels it uses, the people and their world are described in
``tests/access_table.py``. Here each GET route is asked by everyone in one world; each POST route by
everyone it refuses, together in one world, and by each person it lets in, alone in a world of their
own. The first case of each endpoint also asks HEAD, OPTIONS and the methods the route does not take.
"""

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from tests import factories
from tests.access_table import PEOPLE, ROUTES, expected
from tests.conftest import log_in_as, without_csrf_tokens


def test_every_route_is_in_the_table(app):
    served = {
        (rule.endpoint, method) for rule in app.url_map.iter_rules() for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    missing = served - set(ROUTES)
    stale = set(ROUTES) - served
    assert not missing, f"routes with no access rule in tests/access_table.py: {sorted(missing)}"
    assert not stale, f"rules for routes that no longer exist: {sorted(stale)}"


def _allowed(key, person: str) -> bool:
    spec = ROUTES[key]
    return expected(spec.level, person, spec.ok) == spec.ok


def _cases():
    """One case per GET route (everyone asks, in one world: asking changes nothing that matters), and
    per POST route one case for everyone refused (in one world: a refused request changes nothing) and
    one case per person allowed (each in a fresh world, since their request changes it).

    The first case of each endpoint (its GET case when it has one) also checks, first, the other
    methods (``_method_problems``)."""
    checked = set()
    for key in sorted(ROUTES, key=lambda key: (key[0], key[1] != "GET")):
        method, endpoint = key[1], key[0]
        first = endpoint not in checked
        checked.add(endpoint)
        if method == "GET":
            yield pytest.param(key, tuple(PEOPLE), first, id=f"GET {endpoint}")
            continue
        refused = tuple(person for person in PEOPLE if not _allowed(key, person))
        if refused:
            yield pytest.param(key, refused, first, id=f"POST {endpoint} refused")
            first = False
        for person in PEOPLE:
            if person not in refused:
                yield pytest.param(key, (person,), first, id=f"POST {endpoint} {person}")
                first = False


def _client_as(app, people, person):
    """A test client with ``person`` logged in (no one for 'anonymous')."""
    client = app.test_client()
    if person != "anonymous":
        log_in_as(client, people[person])
    return client


def _ask(client, method, path, spec):
    """``client``'s answer to ``method`` on ``path``, sending the route's form or JSON with a POST."""
    if spec.json is not None and method == "POST":
        response = client.open(path, method=method, json=spec.json)
    else:
        response = client.open(path, method=method, data=spec.data if method == "POST" else None)
    response.close()
    return response


def _status_problem(client, values, key, person) -> str | None:
    """What is wrong with ``person``'s answer on the route (asked through ``client``), or None. On a
    GET route, HEAD must answer as GET did (status and redirect), with no body."""
    spec = ROUTES[key]
    path = spec.path.format(**values)
    method = key[1]
    response = _ask(client, method, path, spec)
    want = expected(spec.level, person, spec.ok)
    status, location = response.status_code, response.headers.get("Location", "")
    if want == "login" and spec.json is not None:
        ok = status == 401
    elif want == "login":
        ok = status == 302 and location.startswith("/login?next=")
    else:
        ok = status in want
    if not ok:
        return f"{method} {path} as {person}: {status} {location}, want {want}"
    if method == "GET":
        head = _ask(client, "HEAD", path, spec)
        answer = (head.status_code, head.headers.get("Location", ""), len(head.data))
        if answer != (status, location, 0):
            return f"HEAD {path} as {person}: {answer} (status, redirect, bytes), GET gave {status} {location}"
    return None


# Methods a browser or a script may send: each route takes some and must refuse the rest with 405.
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _nonexistent(values: dict) -> dict:
    """Values for the same placeholders that name nothing: ids, an invitation token and a
    verification code that no object has."""
    fake = {"token": "no-such-invitation-token", "code": "ZZZZ-ZZZZ-ZZZZ"}
    return {name: fake.get(name, 999_999_999) for name in values}


@contextmanager
def _views_reached(app) -> Iterator[list]:
    """Record the endpoints whose view functions run inside the block (they still run)."""
    reached = []
    originals = dict(app.view_functions)

    def watched(endpoint: str, view: Callable) -> Callable:
        def run(*args, **kwargs):
            reached.append(endpoint)
            return view(*args, **kwargs)

        return run

    app.view_functions.update({endpoint: watched(endpoint, view) for endpoint, view in originals.items()})
    try:
        yield reached
    finally:
        app.view_functions.update(originals)


def _answer(response) -> tuple:
    """What a response tells: its status, ``Allow`` header and page (a redirect's body, which
    repeats its own address, aside)."""
    body = "" if response.status_code in (301, 302, 303) else without_csrf_tokens(response.get_data(as_text=True))
    return response.status_code, response.headers.get("Allow"), body


def _method_problems(app, clients, values, endpoint) -> list[str]:
    """What is wrong with the answers to OPTIONS (as every person) and to the methods the endpoint
    does not take; its GET, HEAD and POST answers are checked by ``_status_problem``.

    Refused methods are asked as three people: anonymous, the first allowed and the first to whom
    the route is closed. Werkzeug's router refuses them before any blueprint hook or view runs,
    so nothing that knows the person or the object is reached (``_views_reached`` checks the
    views); three stand for all at a third of the cost."""
    keys = [key for key in ROUTES if key[0] == endpoint]
    spec = ROUTES[keys[0]]
    (rule,) = app.url_map.iter_rules(endpoint)
    path, missing = spec.path.format(**values), spec.path.format(**_nonexistent(values))
    refused_methods = [method for method in METHODS if method not in rule.methods]
    hidden = [person for person in PEOPLE if not any(_allowed(key, person) for key in keys)]
    allowed = [person for person in PEOPLE if person not in hidden]
    askers = {"anonymous", *allowed[:1], *[person for person in hidden if person != "anonymous"][:1]}
    problems = []
    with _views_reached(app) as reached:
        for person in PEOPLE:
            options = _ask(clients[person], "OPTIONS", path, spec)
            options_missing = _ask(clients[person], "OPTIONS", missing, spec) if person in hidden else options
            if path != missing and _answer(options) != _answer(options_missing):
                problems.append(
                    f"OPTIONS as {person} tells {path} ({options.status_code}) from {missing} "
                    f"({options_missing.status_code})"
                )
            for method in refused_methods if person in askers else ():
                response = _ask(clients[person], method, path, spec)
                allow = set(response.headers.get("Allow", "").split(", "))
                if (response.status_code, allow) != (405, set(rule.methods)):
                    problems.append(
                        f"{method} {path} as {person}: {response.status_code} (Allow: {sorted(allow)}), "
                        f"want 405 (Allow: {sorted(rule.methods)})"
                    )
    if reached:
        problems.append(f"OPTIONS or {refused_methods} on {path} reached the views {sorted(set(reached))}")
    return problems


@pytest.mark.parametrize(("key", "persons", "other_methods"), list(_cases()))
def test_access(app, world, key, persons, other_methods):
    people, values = world
    clients = {person: _client_as(app, people, person) for person in (PEOPLE if other_methods else persons)}
    problems = _method_problems(app, clients, values, key[0]) if other_methods else []
    problems += [_status_problem(clients[person], values, key, person) for person in persons]
    problems = [problem for problem in problems if problem]
    assert not problems, "\n".join(problems)


def test_denied_pages_do_not_reveal_the_cohort(client, world):
    people, values = world
    log_in_as(client, people["other_cohort_intern"])
    existing = client.get(f"/home/{values['cohort']}")
    missing = client.get("/home/999999")
    assert existing.status_code == missing.status_code == 404

    assert without_csrf_tokens(existing.get_data(as_text=True)) == without_csrf_tokens(missing.get_data(as_text=True))


@pytest.mark.parametrize(
    ("person", "reads_shared"),
    [("coordinator", False), ("coordinator_intern", False), ("coordinator_supervisor", True), ("supervisor", True)],
)
def test_a_coordinator_reads_entries_only_as_a_member_and_is_named_as_a_reader(app, world, person, reads_shared):
    """A coordinator who is a supervisor of the cohort reads what was shared with supervisors, like any
    supervisor, and the author's page names them among its readers; no coordinator reads a private entry."""
    people, values = world
    client = _client_as(app, people, person)
    assert client.get(f"/entries/{values['shared']}").status_code == (200 if reads_shared else 404)
    assert client.get(f"/entries/{values['entry']}").status_code == 404
    author_page = _client_as(app, people, "intern").get(f"/entries/{values['shared']}").get_data(as_text=True)
    readers = re.search(r'<span class="readers muted">([^<]*)</span>', author_page).group(1)
    assert bool(re.search(rf"\b{re.escape(people[person].display_name)}\b", readers)) is reads_shared


def test_factories_password_logs_in(client, world, auth):
    """The access table sets the session directly; this checks the same people can log in for real."""
    people, _ = world
    for person in ("intern", "coordinator"):
        assert auth.login(people[person].email, factories.PASSWORD).status_code == 302
        auth.logout()
