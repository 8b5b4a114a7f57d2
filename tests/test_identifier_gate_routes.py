"""No route lets anyone but an entry's author read its text unless the identifier gate let it through.

Every route of the app (every endpoint of ``app.url_map``) is classified here, once:

- ``PUBLISHES``: hands an entry's text to others (sharing it, submitting it in a portfolio, saving
  new text into an entry already shared, and any export made for others later). Each has a probe
  that tries to publish, through that route,
  an entry naming a patient with her record number: it must call the one gate function
  (``journal.identifiers.require_resolved``), leave the text unreadable to the supervisor and out
  of every submission, and publish it once the author's confirmation is recorded;
- ``GATED_CONTENT``: shows entry text to others, but only text that went through a PUBLISHES route
  (shared entries, frozen submissions and what is built from them);
- ``AUTHOR_ONLY``: shows or changes entry text for its author alone; the access table of
  ``tests/access_table.py`` must let only the intern (``intern``) or the author (``author``) in;
- ``NO_ENTRY_TEXT``: shows no entry text to anyone.

A new route in none of them fails ``test_every_route_is_classified``: whoever adds it says which it
is, and a route that publishes needs its probe.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import has_request_context, request
from sqlalchemy import select

from journal import identifiers
from journal.extensions import db
from journal.models import Entry, Submission
from tests.access_table import ROUTES
from tests.conftest import log_in_as

IDENTIFYING = "Saw Mrs Achieng on the ward; her MRN is 00417733 and she was born 12/03/1958."
RECORD_NUMBER = "00417733"
CLEAN = "Saw an older woman on the ward; she was worried about the cost."


@dataclass
class World:
    """An intern's cohort with a supervisor, and the intern's entry naming a patient (``entry``)."""

    app: object
    client: object  # logged in as the intern
    intern: object
    supervisor: object
    cohort: object
    entry: int


def _entry_form(body: str, base_version: int | None = None) -> dict:
    form = {"title": "Ward round", "occurred_on": "2026-01-10", "theme": "other", "body": body}
    return form if base_version is None else {**form, "base_version": str(base_version)}


def _record_confirmation(world: World) -> None:
    """The author's confirmation, recorded as the entry page or the portfolio preview records it."""
    with world.app.app_context():
        identifiers.confirm_identifiers(db.session.get(Entry, world.entry))
        db.session.commit()


# -- the probes: publish ``world.entry`` through the route, with or without the author's confirmation --


def _share(world: World, confirmed: bool) -> None:
    if confirmed:
        _record_confirmation(world)
    world.client.post(f"/entries/{world.entry}/visibility", data={"visibility": "supervisors"})


def _confirm_and_share(world: World, confirmed: bool) -> None:
    data = {"visibility": "supervisors", **({"confirm": "yes"} if confirmed else {})}
    world.client.post(f"/entries/{world.entry}/identifiers", data=data)


def _submit_portfolio(world: World, confirmed: bool) -> None:
    data = {"entries": [f"{world.entry}:1"], "confirm": "y", "idempotency_key": f"{'c' if confirmed else 'u'}" * 43}
    if confirmed:
        data["identifiers_ok"] = [str(world.entry)]
    world.client.post(f"/portfolio/{world.cohort.id}/submit", data=data)


def _keep_shared(confirmed: bool) -> dict:
    """The button of the page listing the findings that confirms them and keeps the entry shared."""
    return {"identifiers": "confirm"} if confirmed else {}


def _edit_shared(world: World, confirmed: bool) -> None:
    """The entry is shared while clean (through the gate), then edited to name the patient."""
    entry_id = _new_entry(world, CLEAN)
    world.client.post(f"/entries/{entry_id}/visibility", data={"visibility": "supervisors"})
    world.entry = entry_id
    data = _entry_form(IDENTIFYING, base_version=1) | _keep_shared(confirmed)
    world.client.post(f"/entries/{entry_id}/edit", data=data)


def _restore_shared_revision(world: World, confirmed: bool) -> None:
    """The patient is edited out, the entry shared (through the gate), then the first version restored."""
    entry_id = _new_entry(world, IDENTIFYING)
    world.client.post(f"/entries/{entry_id}/edit", data=_entry_form(CLEAN, base_version=1))
    world.client.post(f"/entries/{entry_id}/visibility", data={"visibility": "supervisors"})
    world.entry = entry_id
    world.client.post(f"/entries/{entry_id}/history/1/restore", data=_keep_shared(confirmed))


def _new_entry(world: World, body: str) -> int:
    response = world.client.post(f"/journal/{world.cohort.id}/new?kind=cultural", data=_entry_form(body))
    assert response.status_code == 302, response.status_code
    return int(response.headers["Location"].rsplit("/", 1)[1])


PUBLISHES: dict[str, Callable[[World, bool], None]] = {
    "entries.change_visibility": _share,
    "entries.confirm_identifiers": _confirm_and_share,
    "portfolio.submit": _submit_portfolio,
    # new text for the readers of an entry already shared
    "entries.edit": _edit_shared,
    "entries.restore_revision": _restore_shared_revision,
}
GATED_CONTENT = {
    "entries.view",  # a shared entry, to its readers
    "entries.restore",  # back from the trash with the visibility it had when shared
    "review.queue",
    "review.intern",
    "competencies.signoff",  # the evidence the viewer may read
    "notifications.index",  # titles of entries the person may read
    "portfolio.submission",
    "portfolio.download_pdf",
    "portfolio.download_json",
    "portfolio.download_leap2a",  # the submission's frozen entries, from its stored document
    "portfolio.export_download",  # every latest submission of the cohort
    "portfolio.credit_summary",  # figures from the submitted documents
    "credentials.download_badge",  # titles of evidence entries shared at issue time (never private, never text)
    "credentials.download_clr",  # figures from the submitted document; badges naming only submitted entries
}
AUTHOR_ONLY = {
    "entries.journal",
    "entries.search_journal",
    "entries.progress",
    "entries.export",
    "entries.export_leap2a",  # the author's own journal, for their ePortfolio
    "account.journal_download",  # starts the author's own download (entries.export); shows no entry text
    "entries.new",
    "entries.autosave",
    "entries.check_identifiers",  # the author's own text, typed into the form, checked for the author
    "entries.discard_draft",
    "entries.trash",
    "entries.delete",
    "entries.history",
    "entries.revision",
    "competencies.checklist",
    "competencies.link_evidence",
    "competencies.entry_evidence",
    "competencies.request_signoff",
    "portfolio.index",
    "portfolio.build",  # the preview: the document as it would be submitted, to the intern only
}
NO_ENTRY_TEXT = {
    "static",
    "credential_status.status_list_credential",  # bits, a date and a signature
    "home.index",
    "home.cohort",
    "review.dashboard",
    "feedback.add_comment",
    "review.mark_reviewed",
    "competencies.approve",
    "competencies.return_request",
    "competencies.revoke",
    "competencies.withdraw",
    "notifications.open_one",
    "notifications.mark_all_read",
    "portfolio.cohort_submissions",
    "portfolio.export_cohort",
    "portfolio.export_status",
    "portfolio.export_progress",
    "verify.start",
    "verify.submission",
    "verify.schema",
    "issuer.profile",  # the credentials' issuer: a name and public keys
    "verify.credential",
    "emails.unsubscribe",
    "offline.manifest",
    "offline.page",
    "offline.service_worker",
    "offline.start",
    "offline.session_state",  # whose session this is (an opaque marker) and a form token
    *(
        f"auth.{name}"
        for name in (
            "login",
            "logout",
            "login_code",
            "confirm_password",
            "accept_invitation",
            "choose_language",
            "forgot_password",
            "reset_password",
        )
    ),
    *(
        f"account.{name}"
        for name in (
            "settings",
            "password",
            "security",
            "end_other_sessions",
            "two_factor_start",
            "two_factor_setup",
            "new_recovery_codes",
            "two_factor_disable",
            "delete_account",
            "emails",
        )
    ),
    *(
        f"cohorts.{name}"
        for name in (
            "index",
            "create",
            "detail",
            "edit",
            "invite",
            "renew_invitation",
            "revoke_invitation",
            "remove_member",
            "change_role",
            "import_roster",
            "frameworks_index",
            "framework_import",
            "framework_example",
            "framework_detail",
            "framework_download",
            "framework_case",
            "framework_assign",
            "audit_log",
            "requirements",
        )
    ),
}
CLASSES = {
    "publishes": set(PUBLISHES),
    "gated content": GATED_CONTENT,
    "author only": AUTHOR_ONLY,
    "no entry text": NO_ENTRY_TEXT,
}


def test_every_route_is_classified(app):
    served = {rule.endpoint for rule in app.url_map.iter_rules()}
    counts = Counter(endpoint for endpoints in CLASSES.values() for endpoint in endpoints)
    assert not [e for e, n in counts.items() if n > 1], "a route is in two classes"
    missing, stale = served - set(counts), set(counts) - served
    assert not missing, (
        f"routes not classified in tests/test_identifier_gate_routes.py: {sorted(missing)}. "
        "One that lets others read entry text needs the identifier gate and a probe in PUBLISHES."
    )
    assert not stale, f"classified routes that no longer exist: {sorted(stale)}"


def test_author_only_routes_let_only_the_author_in():
    levels = {endpoint: set() for endpoint in AUTHOR_ONLY}
    for (endpoint, _method), spec in ROUTES.items():
        if endpoint in levels:
            levels[endpoint].add(spec.level)
    wrong = {endpoint: found for endpoint, found in levels.items() if not found or not found <= {"intern", "author"}}
    assert not wrong, f"'author only' routes the access table opens to others (or lacks): {wrong}"


@pytest.fixture
def world(app, make):
    cohort = make.cohort()
    intern, supervisor = make.member(cohort, "intern"), make.member(cohort, "supervisor")
    entry = make.entry(intern, cohort, kind="cultural", title="Ward round", body=IDENTIFYING)
    client = app.test_client()
    log_in_as(client, intern)
    return World(app, client, intern, supervisor, cohort, entry.id)


@pytest.fixture
def gate_calls(monkeypatch) -> list[str]:
    """The endpoints of the requests that called the gate (it still decides as before)."""
    calls: list[str] = []
    gate = identifiers.require_resolved

    def recording(entries):
        calls.append(request.endpoint if has_request_context() else "")
        return gate(entries)

    monkeypatch.setattr(identifiers, "require_resolved", recording)
    return calls


def _readable_by_others(world: World) -> bool:
    """Whether the supervisor can read the record number on the entry's page, or any submission holds it."""
    reader = world.app.test_client()
    log_in_as(reader, world.supervisor)
    page = reader.get(f"/entries/{world.entry}")
    with world.app.app_context():
        documents = db.session.scalars(select(Submission.document)).all()
    return (page.status_code == 200 and RECORD_NUMBER in page.get_data(as_text=True)) or any(
        RECORD_NUMBER in document for document in documents
    )


@pytest.mark.parametrize("endpoint", sorted(PUBLISHES))
def test_each_route_that_publishes_entry_text_goes_through_the_gate(endpoint, world, gate_calls):
    PUBLISHES[endpoint](world, False)
    assert not _readable_by_others(world), f"{endpoint} published a patient's record number unchecked"
    PUBLISHES[endpoint](world, True)
    assert _readable_by_others(world), f"the probe of {endpoint} publishes nothing even once confirmed"
    assert endpoint in gate_calls, f"{endpoint} does not call journal.identifiers.require_resolved"
