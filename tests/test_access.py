"""The access table: every route, who may use it, and what everyone else gets.

A route missing from ROUTES fails ``test_every_route_is_in_the_table``, so a new
route cannot be added without saying who may use it. Levels:

- ``public``: anyone, logged in or not;
- ``anonymous``: pages for logging in (logged-in people are sent home);
- ``login``: any logged-in person;
- ``coordinator``: coordinators only (others logged in get 403);
- ``member``: a role in the cohort named in the URL (everyone else gets 404);
- ``intern``: an intern of the cohort named in the URL (everyone else gets 404);
- ``author``: the author of the (private) entry named in the URL (everyone else gets 404);
- ``requester``: the intern who made the sign-off request named in the URL (everyone else gets 404);
- ``supervisor``: a supervisor of the cohort named in the URL (everyone else gets 404);
- ``dashboard``: a supervisor of the cohort, or a coordinator (figures only; everyone else gets 404);
- ``reader``: those who may read the entry shared with supervisors: its author and the cohort's
  supervisors (everyone else gets 404);
- ``signoff``: the intern who made the request and the cohort's supervisors (everyone else gets 404);
- ``decider``: the cohort's supervisors, never the intern who asked (everyone else gets 404);
- ``recipient``: the person the notification is for (everyone else gets 404);
- ``submission``: the intern who submitted the portfolio, and the cohort's supervisors, reviewers
  and coordinators (everyone else, a reviewer of another cohort included, gets 404);
- ``portfolios``: the cohort's supervisors and reviewers, and coordinators (everyone else gets 404).

Coordinators who also hold a role in the cohort (``coordinator_supervisor``, ``coordinator_intern``)
get what a coordinator gets on coordinators' routes and what their role gets everywhere else: a
coordinator who is a supervisor reads what interns share with supervisors, like any supervisor (the
membership is audited and named on the entry page), and never a private entry.

Every HTTP method is covered, not only the GET and POST each row names. For each route (each
endpoint), its first case also asks, as every person:

- ``HEAD`` where the route takes GET: the same status (and redirect) as GET, and no body;
- ``OPTIONS``: never reaches the view, and where the object in the URL is hidden from the person,
  the same answer (status, ``Allow`` header, page) as for an id that does not exist;
- every method the route does not take (of GET, HEAD, POST, PUT, PATCH, DELETE): 405 with the
  route's ``Allow`` header, for everyone, whether the object is hidden or not (the router decides
  before any object is looked up, so the answer cannot tell whether it exists), never reaching
  the view.

A new route needs only its rows in ROUTES (one per method it takes, GET and/or POST); the method
checks above then cover it. A new ``{placeholder}`` in a path needs a value in the ``world``
fixture (``_nonexistent`` gives it one that names nothing).
"""

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from journal.models import Entry, EntryRevision, Membership, Notification
from tests import factories
from tests.conftest import log_in_as, without_csrf_tokens


@dataclass(frozen=True)
class Route:
    level: str
    path: str
    ok: frozenset = frozenset({200})
    data: dict = field(default_factory=dict)
    json: dict | None = None


def route(level, path, ok=(200,), data=None, json=None):
    return Route(level, path, frozenset(ok), data or {}, json)


ENTRY = {"title": "At the clinic", "occurred_on": "2026-01-05", "body": "Notes", "tags": "clinic"}

ROUTES = {
    ("static", "GET"): route("public", "/static/css/app.css"),
    ("auth.login", "GET"): route("anonymous", "/login"),
    ("auth.login", "POST"): route("anonymous", "/login", data={"email": "x@example.org", "password": "wrong"}),
    ("auth.logout", "POST"): route("public", "/logout", ok=(302,)),
    ("auth.accept_invitation", "GET"): route("public", "/invitations/{token}"),
    ("auth.accept_invitation", "POST"): route(
        "public",
        "/invitations/{token}",
        ok=(302,),
        data={"display_name": "New", "password": "long enough password", "confirm": "long enough password"},
    ),
    ("account.settings", "GET"): route("login", "/account"),
    ("account.settings", "POST"): route("login", "/account", ok=(302,), data={"display_name": "N", "timezone": "UTC"}),
    ("account.password", "GET"): route("login", "/account/password"),
    ("account.password", "POST"): route("login", "/account/password", data={"current_password": "wrong"}),
    ("auth.login_code", "GET"): route("public", "/login/code", ok=(302,)),
    ("auth.login_code", "POST"): route("public", "/login/code", ok=(302,), data={"code": "123456"}),
    ("auth.confirm_password", "GET"): route("login", "/confirm-password"),
    ("auth.confirm_password", "POST"): route("login", "/confirm-password", data={"password": "wrong"}),
    ("account.security", "GET"): route("login", "/account/security"),
    ("account.end_other_sessions", "POST"): route("login", "/account/sessions/end-others", ok=(302,)),
    ("account.two_factor_start", "POST"): route("login", "/account/two-factor/start", ok=(302,)),
    ("account.two_factor_setup", "GET"): route("login", "/account/two-factor", ok=(302,)),
    ("account.two_factor_setup", "POST"): route("login", "/account/two-factor", ok=(302,), data={"code": "1"}),
    ("account.new_recovery_codes", "POST"): route("login", "/account/two-factor/recovery-codes", ok=(302,)),
    ("account.two_factor_disable", "POST"): route("login", "/account/two-factor/disable", ok=(302,)),
    ("account.delete_account", "GET"): route("login", "/account/delete"),
    ("account.delete_account", "POST"): route("login", "/account/delete", ok=(422,), data={"confirm": "wrong"}),
    ("home.index", "GET"): route("login", "/", ok=(200, 302)),
    ("home.cohort", "GET"): route("member", "/home/{cohort}"),
    ("cohorts.index", "GET"): route("coordinator", "/cohorts/"),
    ("cohorts.create", "GET"): route("coordinator", "/cohorts/new"),
    ("cohorts.create", "POST"): route("coordinator", "/cohorts/new", data={"name": ""}),
    ("cohorts.detail", "GET"): route("coordinator", "/cohorts/{cohort}"),
    ("cohorts.edit", "GET"): route("coordinator", "/cohorts/{cohort}/edit"),
    ("cohorts.edit", "POST"): route("coordinator", "/cohorts/{cohort}/edit", data={"name": ""}),
    ("cohorts.invite", "POST"): route(
        "coordinator", "/cohorts/{cohort}/invite", data={"email": "new@example.org", "role": "intern"}
    ),
    ("cohorts.renew_invitation", "POST"): route("coordinator", "/cohorts/{cohort}/invitations/{invitation}/renew"),
    ("cohorts.revoke_invitation", "POST"): route(
        "coordinator", "/cohorts/{cohort}/invitations/{invitation}/revoke", ok=(302,)
    ),
    ("cohorts.remove_member", "GET"): route("coordinator", "/cohorts/{cohort}/members/{membership}/remove"),
    ("cohorts.remove_member", "POST"): route("coordinator", "/cohorts/{cohort}/members/{membership}/remove", ok=(302,)),
    ("cohorts.change_role", "GET"): route("coordinator", "/cohorts/{cohort}/members/{reviewer_membership}/role"),
    ("cohorts.change_role", "POST"): route(
        "coordinator", "/cohorts/{cohort}/members/{reviewer_membership}/role", ok=(302,), data={"role": "supervisor"}
    ),
    ("cohorts.import_roster", "GET"): route("coordinator", "/cohorts/{cohort}/roster"),
    ("cohorts.import_roster", "POST"): route("coordinator", "/cohorts/{cohort}/roster", ok=(422,)),
    ("entries.journal", "GET"): route("intern", "/journal/{cohort}/"),
    ("entries.new", "GET"): route("intern", "/journal/{cohort}/new?kind=cultural"),
    ("entries.new", "POST"): route(
        "intern", "/journal/{cohort}/new?kind=cultural", ok=(302,), data=dict(ENTRY, theme="language")
    ),
    ("entries.trash", "GET"): route("intern", "/journal/{cohort}/trash"),
    ("entries.progress", "GET"): route("intern", "/journal/{cohort}/progress"),
    ("entries.export", "GET"): route("intern", "/journal/{cohort}/export"),
    ("entries.search_journal", "GET"): route("intern", "/journal/{cohort}/search?q=clinic"),
    ("entries.autosave", "POST"): route(
        "intern", "/journal/{cohort}/drafts", json={"kind": "ethics", "entry_id": None, "fields": {"title": "T"}}
    ),
    ("entries.discard_draft", "POST"): route(
        "intern", "/journal/{cohort}/drafts/discard", ok=(302,), data={"kind": "ethics"}
    ),
    ("entries.view", "GET"): route("author", "/entries/{entry}"),
    ("entries.edit", "GET"): route("author", "/entries/{entry}/edit"),
    ("entries.edit", "POST"): route(
        "author", "/entries/{entry}/edit", ok=(302,), data=dict(ENTRY, theme="language", base_version="1")
    ),
    ("entries.change_visibility", "POST"): route(
        "author", "/entries/{entry}/visibility", ok=(302,), data={"visibility": "cohort"}
    ),
    ("entries.confirm_identifiers", "POST"): route(
        "author", "/entries/{entry}/identifiers", ok=(302,), data={"visibility": "supervisors", "confirm": "yes"}
    ),
    ("entries.delete", "GET"): route("author", "/entries/{entry}/delete"),
    ("entries.delete", "POST"): route("author", "/entries/{entry}/delete", ok=(302,)),
    ("entries.restore", "POST"): route("author", "/entries/{trashed}/restore", ok=(302,)),
    ("entries.history", "GET"): route("author", "/entries/{entry}/history"),
    ("entries.revision", "GET"): route("author", "/entries/{entry}/history/1"),
    ("entries.restore_revision", "POST"): route("author", "/entries/{entry}/history/1/restore", ok=(302,)),
    ("notifications.index", "GET"): route("login", "/notifications/"),
    ("notifications.open_one", "GET"): route("recipient", "/notifications/{notification}", ok=(302,)),
    ("notifications.mark_all_read", "POST"): route("login", "/notifications/read", ok=(302,)),
    # -- competencies: checklist, evidence, requests, decisions --
    ("competencies.checklist", "GET"): route("intern", "/competencies/{cohort}/"),
    ("competencies.link_evidence", "GET"): route("intern", "/competencies/{cohort}/{competency}/evidence"),
    ("competencies.link_evidence", "POST"): route("intern", "/competencies/{cohort}/{competency}/evidence", ok=(302,)),
    ("competencies.entry_evidence", "POST"): route("author", "/entries/{entry}/competencies", ok=(302,)),
    ("competencies.request_signoff", "GET"): route("intern", "/competencies/{cohort}/{competency}/request"),
    ("competencies.request_signoff", "POST"): route(
        "intern", "/competencies/{cohort}/{competency}/request", ok=(422,), data={"level": "3"}
    ),
    ("competencies.signoff", "GET"): route("signoff", "/signoffs/{request}"),
    ("competencies.withdraw", "POST"): route("requester", "/signoffs/{request}/withdraw", ok=(302,)),
    ("competencies.approve", "POST"): route(
        "decider", "/signoffs/{request}/approve", ok=(302,), data={"approve-level": "3", "approve-note": ""}
    ),
    ("competencies.return_request", "POST"): route(
        "decider", "/signoffs/{request}/return", ok=(302,), data={"return-note": "Add a clinical entry."}
    ),
    ("competencies.revoke", "POST"): route(
        "decider", "/signoffs/{approved}/revoke", ok=(302,), data={"revoke-reason": "Seen again", "revoke-confirm": "y"}
    ),
    # -- review: dashboard, intern page, queue, comments --
    ("review.dashboard", "GET"): route("dashboard", "/review/{cohort}/"),
    ("review.intern", "GET"): route("dashboard", "/review/{cohort}/interns/{intern}"),
    ("review.queue", "GET"): route("supervisor", "/review/{cohort}/queue"),
    ("review.add_comment", "POST"): route("reader", "/entries/{shared}/comments", ok=(302,), data={"body": "Thanks."}),
    ("review.mark_reviewed", "POST"): route("supervisor", "/entries/{shared}/reviewed", ok=(302,)),
    # -- coordinators: frameworks and the audit log --
    ("cohorts.frameworks_index", "GET"): route("coordinator", "/cohorts/frameworks/"),
    ("cohorts.framework_import", "GET"): route("coordinator", "/cohorts/frameworks/import"),
    ("cohorts.framework_import", "POST"): route(
        "coordinator", "/cohorts/frameworks/import", ok=(422,), data={"name": "X"}
    ),
    ("cohorts.framework_example", "GET"): route("coordinator", "/cohorts/frameworks/example.csv"),
    # The world's only framework is the first one made, so its id is 1 (fresh SQLite; PostgreSQL restarts identities).
    ("cohorts.framework_detail", "GET"): route("coordinator", "/cohorts/frameworks/{framework}"),
    ("cohorts.framework_download", "GET"): route("coordinator", "/cohorts/frameworks/{framework}/csv"),
    ("cohorts.framework_assign", "POST"): route(
        "coordinator", "/cohorts/{cohort}/framework", ok=(302,), data={"framework_id": "1"}
    ),
    ("cohorts.audit_log", "GET"): route("coordinator", "/cohorts/{cohort}/audit"),
    ("cohorts.requirements", "GET"): route("coordinator", "/cohorts/{cohort}/requirements"),
    ("cohorts.requirements", "POST"): route(
        "coordinator", "/cohorts/{cohort}/requirements", ok=(422,), data={"min_clinical_hours": "-1"}
    ),
    # -- portfolios: the intern's submissions, each submission, the cohort's credit and exports --
    ("portfolio.index", "GET"): route("intern", "/portfolio/{cohort}/"),
    ("portfolio.build", "GET"): route("intern", "/portfolio/{cohort}/new"),
    ("portfolio.build", "POST"): route("intern", "/portfolio/{cohort}/new", ok=(422,)),
    ("portfolio.submit", "POST"): route("intern", "/portfolio/{cohort}/submit", ok=(422,)),
    ("portfolio.submission", "GET"): route("submission", "/submissions/{submission}"),
    ("portfolio.download_pdf", "GET"): route("submission", "/submissions/{submission}/portfolio.pdf"),
    ("portfolio.download_json", "GET"): route("submission", "/submissions/{submission}/portfolio.json"),
    ("portfolio.cohort_submissions", "GET"): route("portfolios", "/portfolio/{cohort}/submissions"),
    ("portfolio.credit_summary", "GET"): route("portfolios", "/portfolio/{cohort}/credit.csv"),
    ("portfolio.export_cohort", "POST"): route("portfolios", "/portfolio/{cohort}/exports", ok=(302,)),
    ("portfolio.export_status", "GET"): route("portfolios", "/exports/{export}"),
    ("portfolio.export_progress", "GET"): route("portfolios", "/exports/{export}/progress"),
    ("portfolio.export_download", "GET"): route("portfolios", "/exports/{export}/download"),
    # -- public verification --
    ("verify.start", "GET"): route("public", "/verify/"),
    ("verify.start", "POST"): route("public", "/verify/", ok=(422,)),
    ("verify.submission", "GET"): route("public", "/verify/{code}"),
    ("verify.submission", "POST"): route("public", "/verify/{code}", ok=(422,)),
    ("verify.schema", "GET"): route("public", "/schema/portfolio-1.0.schema.json"),
}

PEOPLE = [
    "anonymous",
    "outsider",
    "intern",
    "supervisor",
    "reviewer",
    "other_cohort_intern",
    "other_cohort_supervisor",
    "other_cohort_reviewer",
    "coordinator",
    "coordinator_supervisor",
    "coordinator_intern",
]
# The role each person holds in the world's cohort; the others hold none there.
ROLE = {
    "intern": "intern",
    "supervisor": "supervisor",
    "reviewer": "reviewer",
    "coordinator_supervisor": "supervisor",
    "coordinator_intern": "intern",
}
COORDINATORS = {"coordinator", "coordinator_supervisor", "coordinator_intern"}
# The intern who wrote the world's entries, asked for its sign-offs, submitted its portfolio and
# received its notification.
OWNER = "intern"


def test_every_route_is_in_the_table(app):
    served = {
        (rule.endpoint, method) for rule in app.url_map.iter_rules() for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    missing = served - set(ROUTES)
    stale = set(ROUTES) - served
    assert not missing, f"routes with no access rule in tests/test_access.py: {sorted(missing)}"
    assert not stale, f"rules for routes that no longer exist: {sorted(stale)}"


@pytest.fixture
def world(make, query):
    """A cohort with one person in each role, another cohort, an outsider and a coordinator."""
    cohort = make.cohort()
    other = make.cohort()
    people = {
        "intern": make.member(cohort, "intern"),
        "supervisor": make.member(cohort, "supervisor"),
        "reviewer": make.member(cohort, "reviewer"),
        "other_cohort_intern": make.member(other, "intern"),
        "other_cohort_supervisor": make.member(other, "supervisor"),
        "other_cohort_reviewer": make.member(other, "reviewer"),
        "outsider": make.user(),
        "coordinator": make.admin(),
        "coordinator_supervisor": make.member(cohort, "supervisor", is_admin=True),
        "coordinator_intern": make.member(cohort, "intern", is_admin=True),
    }
    invitation, token = make.invitation(cohort)
    entry = make.entry(people["intern"], cohort, kind="cultural", visibility="private")
    query(
        lambda s: (
            s.add(EntryRevision(entry_id=entry.id, version=1, content=s.get(Entry, entry.id).content())),
            s.commit(),
        )
    )
    trashed = make.entry(people["intern"], cohort, deleted=True)
    shared = make.entry(people["intern"], cohort, kind="ethics", visibility="supervisors")
    competency, other_competency, _ = make.framework(cohort).competencies
    make.evidence(shared, competency.id)
    pending = make.signoff(people["intern"], cohort, competency.id)
    approved = make.signoff(people["intern"], cohort, other_competency.id, status="approved")
    make.comment(shared, people["supervisor"])
    notification = query(
        lambda s: (
            s.add(
                n := Notification(user_id=people["intern"].id, cohort_id=cohort.id, kind="comment", entry_id=shared.id)
            ),
            s.commit(),
            n.id,
        )[-1]
    )
    submission = make.submission(people["intern"], cohort, [entry, shared])
    export = make.export_job(cohort, people["reviewer"])
    membership = query(lambda s: s.scalar(select(Membership.id).where(Membership.user_id == people["intern"].id)))
    reviewer_membership = query(
        lambda s: s.scalar(select(Membership.id).where(Membership.user_id == people["reviewer"].id))
    )
    values = {
        "cohort": cohort.id,
        "token": token,
        "invitation": invitation.id,
        "membership": membership,
        "reviewer_membership": reviewer_membership,
        "entry": entry.id,
        "trashed": trashed.id,
        "shared": shared.id,
        "competency": competency.id,
        "framework": competency.framework_id,
        "request": pending.id,
        "approved": approved.id,
        "notification": notification,
        "intern": people["intern"].id,
        "submission": submission.id,
        "code": submission.code,
        "export": export.id,
    }
    return people, values


def expected(level: str, person: str, ok: frozenset) -> frozenset | str:
    """The statuses ``person`` should get on a route of ``level``; 'login' means sent to log in."""
    if level == "public":
        return ok
    if level == "anonymous":
        return ok if person == "anonymous" else frozenset({302})
    if person == "anonymous":
        return "login"
    role, coordinator, owner = ROLE.get(person), person in COORDINATORS, person == OWNER
    allowed = {
        "login": True,
        "coordinator": coordinator,
        "member": role is not None,
        "intern": role == "intern",
        "author": owner,
        "requester": owner,
        "recipient": owner,
        "reader": owner or role == "supervisor",
        "signoff": owner or role == "supervisor",
        "supervisor": role == "supervisor",
        "decider": role == "supervisor",
        "dashboard": role == "supervisor" or coordinator,
        "submission": owner or role in ("supervisor", "reviewer") or coordinator,
        "portfolios": role in ("supervisor", "reviewer") or coordinator,
    }
    if level not in allowed:
        raise AssertionError(f"unknown level {level}")
    if allowed[level]:
        return ok
    return frozenset({403}) if level == "coordinator" else frozenset({404})


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
