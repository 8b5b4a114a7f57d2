"""The access table: every route, who may use it, and what everyone else gets.

A route missing from ROUTES fails ``test_every_route_is_in_the_table``, so a new
route cannot be added without saying who may use it. Levels:

- ``public``: anyone, logged in or not;
- ``anonymous``: pages for logging in (logged-in people are sent home);
- ``login``: any logged-in person;
- ``login_script``: any logged-in person, asked by a page's script: anonymous visitors get 401 (JSON),
  not the login form a script cannot follow;
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
checks above then cover it. A new ``{placeholder}`` in a path needs a value in ``build_world``
(``_nonexistent`` in ``tests/test_access.py`` gives it one that names nothing).

The table is checked in ``tests/test_access.py``; ``tests/test_every_route.py``, the hostile-input
tests (``tests/hostile/``) and ``tests/test_identifier_gate_routes.py`` use it too. The ``world``
fixture is built once per run (per pytest-xdist worker) and copied into each test's own database
(``tests/saved_database.py``), so every case starts from the same world, in a database of its own.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy import select

from journal.emails import preferences
from journal.extensions import db
from journal.models import Entry, EntryRevision, Membership, Notification, User
from journal.portfolio.services import store_pdf
from tests.conftest import Maker


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
    ("auth.choose_language", "POST"): route("public", "/language", ok=(302,), data={"lang": "es"}),
    ("auth.accept_invitation", "GET"): route("public", "/invitations/{token}"),
    ("auth.accept_invitation", "POST"): route(
        "public",
        "/invitations/{token}",
        ok=(302,),
        data={"display_name": "New", "password": "long enough password", "confirm": "long enough password"},
    ),
    ("account.settings", "GET"): route("login", "/account"),
    ("account.settings", "POST"): route(
        "login", "/account", ok=(302,), data={"display_name": "N", "timezone": "UTC", "locale": "en"}
    ),
    ("account.password", "GET"): route("login", "/account/password"),
    ("account.password", "POST"): route("login", "/account/password", data={"current_password": "wrong"}),
    ("auth.forgot_password", "GET"): route("public", "/password/forgot"),
    ("auth.forgot_password", "POST"): route("public", "/password/forgot", data={"email": "x@example.org"}),
    ("auth.reset_password", "GET"): route("public", "/password/reset/{reset_token}"),
    ("auth.reset_password", "POST"): route(
        "public",
        "/password/reset/{reset_token}",
        ok=(302,),
        data={"password": "long enough password", "confirm": "long enough password"},
    ),
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
    ("account.emails", "GET"): route("login", "/account/emails"),
    ("account.emails", "POST"): route(
        # No kind ticked: valid for everyone (a kind is offered only to the roles it can reach).
        "login",
        "/account/emails",
        ok=(302,),
        data={"digest_cadence": "weekly"},
    ),
    # An email's one-click unsubscribe link: its signed token is the only key, logged in or not.
    ("emails.unsubscribe", "GET"): route("public", "/email/unsubscribe/{unsubscribe}"),
    ("emails.unsubscribe", "POST"): route("public", "/email/unsubscribe/{unsubscribe}"),
    # Where "Download my journal" lands after the password: says the download started, and starts it.
    ("account.journal_download", "GET"): route("intern", "/account/download/{cohort}"),
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
    ("entries.export_leap2a", "GET"): route("intern", "/journal/{cohort}/export/leap2a"),
    ("entries.search_journal", "GET"): route("intern", "/journal/{cohort}/search?q=clinic"),
    ("entries.autosave", "POST"): route(
        "intern", "/journal/{cohort}/drafts", json={"kind": "ethics", "entry_id": None, "fields": {"title": "T"}}
    ),
    # The identifier check of an entry form being typed: the intern's own text, answered to the intern alone.
    ("entries.check_identifiers", "POST"): route(
        "intern", "/journal/{cohort}/identifiers", json={"entry_id": None, "fields": {"body": "Saw Mrs Achieng."}}
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
    # -- credentials: the intern's badge of an approved sign-off --
    ("credentials.download_badge", "GET"): route("requester", "/signoffs/{approved}/badge.json"),
    # -- review: dashboard, intern page, queue, comments --
    ("review.dashboard", "GET"): route("dashboard", "/review/{cohort}/"),
    ("review.intern", "GET"): route("dashboard", "/review/{cohort}/interns/{intern}"),
    ("review.queue", "GET"): route("supervisor", "/review/{cohort}/queue"),
    ("feedback.add_comment", "POST"): route(
        "reader", "/entries/{shared}/comments", ok=(302,), data={"body": "Thanks."}
    ),
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
    ("cohorts.framework_case", "GET"): route("coordinator", "/cohorts/frameworks/{framework}/case.json"),
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
    ("portfolio.download_leap2a", "GET"): route("submission", "/submissions/{submission}/portfolio-leap2a.zip"),
    ("portfolio.cohort_submissions", "GET"): route("portfolios", "/portfolio/{cohort}/submissions"),
    ("portfolio.credit_summary", "GET"): route("portfolios", "/portfolio/{cohort}/credit.csv"),
    ("portfolio.export_cohort", "POST"): route("portfolios", "/portfolio/{cohort}/exports", ok=(302,)),
    ("portfolio.export_status", "GET"): route("portfolios", "/exports/{export}"),
    ("portfolio.export_progress", "GET"): route("portfolios", "/exports/{export}/progress"),
    ("portfolio.export_download", "GET"): route("portfolios", "/exports/{export}/download"),
    ("credentials.download_clr", "GET"): route("submission", "/submissions/{submission}/clr.json"),
    # -- public verification --
    ("verify.start", "GET"): route("public", "/verify/"),
    ("verify.start", "POST"): route("public", "/verify/", ok=(422,)),
    ("verify.submission", "GET"): route("public", "/verify/{code}"),
    ("verify.submission", "POST"): route("public", "/verify/{code}", ok=(422,)),
    ("verify.schema", "GET"): route("public", "/schema/portfolio-1.0.schema.json"),
    ("issuer.profile", "GET"): route("public", "/issuer"),
    ("verify.credential", "GET"): route("public", "/verify/credential"),
    ("verify.credential", "POST"): route("public", "/verify/credential", ok=(422,), data={"credential": "{}"}),
    ("credential_status.status_list_credential", "GET"): route("public", "/credentials/status/1"),
    # -- the installable app: the same for everyone, except where it opens --
    ("offline.manifest", "GET"): route("public", "/manifest.webmanifest"),
    ("offline.page", "GET"): route("public", "/offline"),
    ("offline.service_worker", "GET"): route("public", "/service-worker.js"),
    # Anonymous visitors log in first and come back; everyone else is sent to their journal or home.
    ("offline.start", "GET"): route("login", "/start", ok=(302,)),
    # What a page's offline sender asks before sending: whose session this is, and a fresh form token.
    ("offline.session_state", "GET"): route("login_script", "/offline/session"),
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


def expected(level: str, person: str, ok: frozenset) -> frozenset | str:
    """The statuses ``person`` should get on a route of ``level``; 'login' means sent to log in."""
    if level == "public":
        return ok
    if level == "anonymous":
        return ok if person == "anonymous" else frozenset({302})
    if person == "anonymous":
        return frozenset({401}) if level == "login_script" else "login"
    role, coordinator, owner = ROLE.get(person), person in COORDINATORS, person == OWNER
    allowed = {
        "login": True,
        "login_script": True,
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


def build_world(app) -> tuple[dict[str, int], dict]:
    """A cohort with one person in each role, another cohort, an outsider and a coordinator, and in
    the cohort what the routes name: returns each person's user id and the values of the paths'
    placeholders."""
    make = Maker(app)
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
    # Open for the whole run (the world is built once): a real link lasts an hour.
    _, reset_token = make.password_reset_link(people["intern"], expires_in=timedelta(days=3650))
    entry = make.entry(people["intern"], cohort, kind="cultural", visibility="private")
    with app.app_context():
        db.session.add(EntryRevision(entry_id=entry.id, version=1, content=db.session.get(Entry, entry.id).content()))
        db.session.commit()
    trashed = make.entry(people["intern"], cohort, deleted=True)
    shared = make.entry(people["intern"], cohort, kind="ethics", visibility="supervisors")
    competency, other_competency, _ = make.framework(cohort).competencies
    make.evidence(shared, competency.id)
    pending = make.signoff(people["intern"], cohort, competency.id)
    approved = make.signoff(people["intern"], cohort, other_competency.id, status="approved")
    make.comment(shared, people["supervisor"])
    with app.app_context():
        notification = Notification(
            user_id=people["intern"].id, cohort_id=cohort.id, kind="comment", entry_id=shared.id
        )
        db.session.add(notification)
        db.session.commit()
        notification_id = notification.id
    submission = make.submission(people["intern"], cohort, [entry, shared])
    with app.app_context():
        store_pdf(submission.id)  # what the job the submit view starts does: the PDF exists before anyone asks
    export = make.export_job(cohort, people["reviewer"])
    with app.app_context():
        unsubscribe = preferences.unsubscribe_token(db.session.get(User, people["intern"].id), "comment")
    with app.app_context():
        membership, reviewer_membership = (
            db.session.scalar(select(Membership.id).where(Membership.user_id == people[person].id))
            for person in ("intern", "reviewer")
        )
    values = {
        "cohort": cohort.id,
        "token": token,
        "reset_token": reset_token,
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
        "notification": notification_id,
        "intern": people["intern"].id,
        "submission": submission.id,
        "code": submission.code,
        "export": export.id,
        "unsubscribe": unsubscribe,
    }
    return {person: user.id for person, user in people.items()}, values


@pytest.fixture
def world(app, saved_databases):
    """The world of ``build_world`` in the test's database: each person (a detached user, loaded for
    this test) by name, and the values of the paths' placeholders."""
    ids, values = saved_databases.load(app, "access_world", build_world)
    with app.app_context():
        users = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(ids.values())))}
        db.session.expunge_all()
    return {person: users[user_id] for person, user_id in ids.items()}, dict(values)
