"""The fields of every form route, how each is fuzzed, and what an accepted value is stored as.

A route of the app that is not listed here is still fuzzed (see ``spec_for``): the sample data
of its row in ``tests/access_table.py`` ``ROUTES`` is taken as its fields, each fuzzed as text.
Listing a route here makes the fuzzing field-aware (dates as dates, ids as ids, files as files)
and checks that what it accepts is what it stores.
"""

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from types import SimpleNamespace

from sqlalchemy import select, update

from journal.models import Entry, User, normalize_email
from tests import factories
from tests.access_table import ROUTES
from tests.hostile.fuzzing import Context, Field, FormSpec, default_spec, same, strip, strip_optional

_unique = itertools.count(1)

# A CASE 1.1 CFPackage with one competency, for the framework import page (journal.competencies.case.importing).
_CASE_TIME = "2024-05-01T09:30:00+00:00"
CASE_PACKAGE = (
    '{"CFDocument": {"identifier": "d0000000-0000-4000-8000-000000000000", "uri": "https://example.org/d", '
    f'"creator": "Tests", "title": "Hostile CASE", "lastChangeDateTime": "{_CASE_TIME}"}}, '
    '"CFItems": [{"identifier": "10000000-0000-4000-8000-000000000001", "uri": "https://example.org/i", '
    f'"fullStatement": "Listens well", "humanCodingScheme": "COM1", "lastChangeDateTime": "{_CASE_TIME}"}}], '
    '"CFAssociations": [{"identifier": "20000000-0000-4000-8000-000000000001", "uri": "https://example.org/a", '
    '"associationType": "isChildOf", "originNodeURI": {"title": "COM1", "identifier": '
    '"10000000-0000-4000-8000-000000000001", "uri": "https://example.org/i"}, "destinationNodeURI": {"title": '
    '"Hostile CASE", "identifier": "d0000000-0000-4000-8000-000000000000", "uri": "https://example.org/d"}, '
    f'"lastChangeDateTime": "{_CASE_TIME}"}}]}}'
)

# -- valid values that depend on the world --


def _today(context: Context) -> str:
    return (date.today() - timedelta(days=1)).isoformat()


def _unique_name(prefix: str) -> Callable[[Context], str]:
    return lambda context: f"{prefix} {next(_unique)}"


def _unique_email(context: Context) -> str:
    return f"new{next(_unique)}@example.org"


def _entry_version(context: Context) -> str:
    return str(context.query(lambda s: s.get(Entry, context.values["entry"]).version))


def _portfolio_choice(context: Context) -> list[str]:
    """Both of the intern's live entries, as ``id:version``."""
    ids = [context.values["entry"], context.values["shared"]]
    rows = context.query(lambda s: s.execute(select(Entry.id, Entry.version).where(Entry.id.in_(ids))).all())
    return [f"{id_}:{version}" for id_, version in rows]


def _fresh_invitation(context: Context) -> dict:
    """A new invitation for each request, so accepting or revoking one leaves the next still usable."""
    invitation, token = context.make.invitation(SimpleNamespace(id=context.values["cohort"]))
    return {"token": token, "invitation": invitation.id}


def _fresh_reset_link(context: Context) -> dict:
    """A new password-reset link for each request, so using one leaves the next still open."""
    _, token = context.make.password_reset_link(context.people["intern"])
    return {"reset_token": token}


def _default_framework(context: Context) -> dict:
    """The default framework made, as the new-cohort form makes it on first use (even when refused)."""
    from journal.competencies.frameworks import default_framework
    from journal.extensions import db

    with context.app.test_request_context():
        default_framework()
        db.session.commit()
    return {}


def _reset_password(context: Context) -> dict:
    """The intern's password back to the known one, so an accepted change leaves the next request valid."""
    context.query(
        lambda s: (
            s.execute(
                update(User).where(User.id == context.people["intern"].id).values(password_hash=factories.PASSWORD_HASH)
            ),
            s.commit(),
        )
    )
    return {}


def _email(value: str) -> str | None:
    return normalize_email(value)


ENTRY_FIELDS = {
    "title": Field("text", ("At the clinic", "Клиника 诊所 👩🏽‍⚕️"), echo=same),
    "occurred_on": Field("date", _today),
    "body": Field("text", ("Notes", "## Heading\r\n\r\n- a list\r\n"), echo=same),
    "tags": Field("text", ("clinic", "malaria, night-shift", "")),
    "setting": Field("choice", ("ward", "outpatient")),
    "specialty": Field("text", ("paediatrics", "")),
    "involvement": Field("choice", ("observed", "performed")),
    "hours": Field("decimal", ("1.5", "0.25", "")),
    "theme": Field("choice", ("language", "healthcare-system")),
    "principles": Field("choices", (["autonomy"], ["justice", "consent"], [])),
}
COHORT_FIELDS = {
    "name": Field("text", _unique_name("Hostile cohort"), echo=strip),
    "host_site": Field("text", ("Hospital", "مستشفى"), echo=strip),
    "country": Field("text", ("Tanzania",), echo=strip),
    "start_date": Field("date", ("2026-01-01",)),
    "end_date": Field("date", ("2026-03-01",)),
    "timezone": Field("choice", ("UTC", "Africa/Dar_es_Salaam")),
    "inactivity_threshold_days": Field("int", ("3", "90")),
}
LEVEL = Field("choice", ("1", "3", "5"))
NOTE = Field("text", ("", "Well done.", "Notiz 备注 📝"), echo=strip)
NEXT = Field("text", ("", "/journal/1/", "/review/1/queue"))
# A small signed-looking credential for /verify/credential (its signature does not hold: "Not valid").
VC_EXAMPLE = (
    '{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"], '
    '"issuer": "did:example:1", "credentialSubject": {"id": "did:example:2"}, "proof": [{"type": "DataIntegrityProof", '
    '"cryptosuite": "eddsa-rdfc-2022", "created": "2026-01-01T00:00:00Z", "proofPurpose": "assertionMethod", '
    '"verificationMethod": "did:example:1#k", "proofValue": "z3"}]}'
)

SPECS: dict[tuple[str, str], FormSpec] = {
    ("auth.login", "POST"): FormSpec(
        {
            "email": Field("email", lambda c: c.people["intern"].email),
            "password": Field("password", (factories.PASSWORD, "wrong password")),
        },
        query={"next": NEXT},
        examples=6,
    ),
    ("auth.logout", "POST"): FormSpec({}, examples=2, saves=False, person="intern"),
    # Before login the choice is a cookie, not a row.
    ("auth.choose_language", "POST"): FormSpec({"lang": Field("choice", ("es", "fr", "pt"))}, saves=False, examples=6),
    ("auth.accept_invitation", "POST"): FormSpec(
        {
            "display_name": Field("text", ("New Person", "Nuevo Ñandú 新人"), echo=strip),
            "password": Field("password", ("long enough password",)),
            "confirm": Field("password", ("long enough password",)),
        },
        prepare=_fresh_invitation,
        examples=8,
    ),
    # Answered alike whether the address has an account (a link written) or not (nothing written).
    ("auth.forgot_password", "POST"): FormSpec(
        {"email": Field("email", lambda c: c.people["intern"].email)},
        saves=False,
        examples=6,
    ),
    ("auth.reset_password", "POST"): FormSpec(
        {
            "password": Field("password", ("another long enough password",)),
            "confirm": Field("password", ("another long enough password",)),
        },
        prepare=_fresh_reset_link,
        examples=6,
    ),
    ("account.settings", "POST"): FormSpec(
        {
            "display_name": Field("text", ("New name", "Имя 名字"), echo=strip),
            "timezone": Field("choice", ("UTC", "Asia/Kolkata")),
        },
        examples=6,
    ),
    ("account.password", "POST"): FormSpec(
        {
            "current_password": Field("password", (factories.PASSWORD,)),
            "password": Field("password", ("another long enough password",)),
            "confirm": Field("password", ("another long enough password",)),
        },
        prepare=_reset_password,
        examples=6,
    ),
    ("account.emails", "POST"): FormSpec(
        {
            "kinds": Field("choices", (["comment", "digest"], [], ["submission"])),
            "digest_cadence": Field("choice", ("daily", "weekly")),
        },
        examples=6,
    ),
    # The first POST turns the email off; later ones find it off and change nothing, and say it is off.
    ("emails.unsubscribe", "POST"): FormSpec({}, examples=2, saves=False),
    ("cohorts.create", "POST"): FormSpec(
        {**COHORT_FIELDS, "framework_id": Field("id", lambda c: str(c.values["framework"]))},
        examples=8,
        prepare=_default_framework,
    ),
    ("cohorts.edit", "POST"): FormSpec(COHORT_FIELDS, examples=8),
    ("cohorts.invite", "POST"): FormSpec(
        {
            "email": Field("email", _unique_email, echo=_email),
            "display_name": Field("text", ("", "Dr Mwangi", "د. أحمد"), echo=strip_optional),
            "role": Field("choice", ("intern", "supervisor", "reviewer")),
        },
        examples=8,
    ),
    ("cohorts.renew_invitation", "POST"): FormSpec({}, examples=2),
    ("cohorts.revoke_invitation", "POST"): FormSpec({}, examples=2, prepare=_fresh_invitation),
    ("cohorts.remove_member", "POST"): FormSpec({}, examples=2),
    ("cohorts.import_roster", "POST"): FormSpec(
        {"roster": Field("file", ((b"email,name,role\nnew@example.org,New,intern\n", "roster.csv"),))},
        examples=6,
    ),
    ("entries.new", "POST"): FormSpec(
        ENTRY_FIELDS,
        query={"kind": Field("choice", ("clinical", "cultural", "ethics"))},
        path="/journal/{cohort}/new",
        examples=14,
    ),
    ("entries.edit", "POST"): FormSpec(
        {**ENTRY_FIELDS, "base_version": Field("int", _entry_version)},
        examples=10,
    ),
    ("entries.discard_draft", "POST"): FormSpec(
        {"kind": Field("choice", ("ethics", "clinical")), "entry_id": Field("id", lambda c: str(c.values["entry"]))},
        examples=5,
        saves=False,
    ),
    ("entries.change_visibility", "POST"): FormSpec(
        {"visibility": Field("choice", ("private", "supervisors", "cohort")), "next": NEXT}, examples=6
    ),
    ("entries.confirm_identifiers", "POST"): FormSpec(
        {"visibility": Field("choice", ("private", "supervisors", "cohort")), "confirm": Field("bool", ("yes",))},
        examples=6,
    ),
    ("entries.delete", "POST"): FormSpec({}, examples=2),
    ("entries.restore", "POST"): FormSpec({}, examples=2),
    ("entries.restore_revision", "POST"): FormSpec({}, examples=2),
    ("notifications.mark_all_read", "POST"): FormSpec({}, examples=2),
    ("competencies.link_evidence", "POST"): FormSpec(
        {
            "entries": Field("ids", lambda c: [str(c.values["entry"]), str(c.values["shared"])]),
            "shown": Field("ids", lambda c: [str(c.values["entry"]), str(c.values["shared"])]),
        },
        query={"page": Field("int", ("1", "2"))},
        examples=8,
    ),
    ("competencies.entry_evidence", "POST"): FormSpec(
        {"competencies": Field("ids", lambda c: [str(c.values["competency"])])}, examples=6
    ),
    ("competencies.request_signoff", "POST"): FormSpec({"level": LEVEL, "note": NOTE}, examples=6),
    ("competencies.withdraw", "POST"): FormSpec({}, examples=2),
    ("competencies.approve", "POST"): FormSpec({"approve-level": LEVEL, "approve-note": NOTE}, examples=6),
    ("competencies.return_request", "POST"): FormSpec(
        {"return-note": Field("text", ("Add a clinical entry.", "أضف ملاحظة"), echo=strip)}, examples=6
    ),
    ("competencies.revoke", "POST"): FormSpec(
        {
            "revoke-reason": Field("text", ("Seen again", "再次观察"), echo=strip),
            "revoke-confirm": Field("bool", ("y",)),
        },
        examples=6,
    ),
    ("feedback.add_comment", "POST"): FormSpec(
        {
            "body": Field("text", ("Thanks.", "Спасибо 谢谢 🙏"), echo=strip),
            "parent_id": Field("id", ("",)),
        },
        examples=8,
    ),
    ("review.mark_reviewed", "POST"): FormSpec({"next": NEXT}, examples=4),
    ("cohorts.framework_import", "POST"): FormSpec(
        {
            "name": Field("text", _unique_name("Hostile framework")),
            "description": Field("text", ("", "Для тестов")),
            "upload": Field("file", ((b"", ""),)),
            "pasted": Field(
                "text",
                ("domain,code,title,description,required_level\nComms,COM1,Talk,Listen well,3\n", CASE_PACKAGE),
            ),
        },
        examples=8,
    ),
    ("cohorts.framework_assign", "POST"): FormSpec(
        {
            "framework_id": Field("id", lambda c: str(c.values["framework"])),
            "return_to": Field("text", ("", "framework")),
        },
        examples=5,
    ),
    ("cohorts.requirements", "POST"): FormSpec(
        {
            "min_clinical_hours": Field("decimal", ("0", "12.5", "10000")),
            "min_clinical_entries": Field("int", ("0", "3")),
            "min_cultural_entries": Field("int", ("0", "1000")),
            "min_ethics_entries": Field("int", ("1",)),
            "competencies": Field("ids", lambda c: [str(c.values["competency"])]),
        },
        examples=8,
    ),
    ("portfolio.build", "POST"): FormSpec({"entries": Field("choices", _portfolio_choice)}, examples=6, saves=False),
    ("portfolio.submit", "POST"): FormSpec(
        {"entries": Field("choices", _portfolio_choice), "confirm": Field("bool", ("y",))}, examples=4
    ),
    ("portfolio.export_cohort", "POST"): FormSpec({}, examples=1),
    ("verify.start", "POST"): FormSpec(
        {"file": Field("file", ((b"%PDF-1.7 not really", "portfolio.pdf"),))},
        query={"code": Field("text", lambda c: c.values["code"])},
        saves=False,
        examples=6,
    ),
    ("verify.submission", "POST"): FormSpec(
        {"file": Field("file", ((b'{"submission": {"code": "x"}}', "portfolio.json"),))}, saves=False, examples=6
    ),
    # A credential pasted (the file field left empty) with an email address to compare: checked, never stored.
    ("verify.credential", "POST"): FormSpec(
        {
            "credential": Field("text", (VC_EXAMPLE, '{"@context": [], "type": "x", "proof": {}}')),
            "email": Field("email", ("", "intern@example.org")),
        },
        saves=False,
        examples=6,
    ),
}


def spec_for(key: tuple[str, str]) -> FormSpec:
    """The route's spec; for a route listed only in the access table, its sample data fuzzed as text.

    Raises AssertionError naming where to add a route that neither table knows.
    """
    if key in SPECS:
        return SPECS[key]
    assert key in ROUTES, (
        f"{key[1]} {key[0]} is served but not in tests/access_table.py ROUTES: add it there with who may use it "
        "and sample data; tests/hostile then fuzzes its fields as text (add a FormSpec to "
        "tests/hostile/specs.py SPECS to fuzz them by type and check what it stores)."
    )
    return default_spec(ROUTES[key].data)


PAGE = Field("int", ("1", "2"))

# Pages that read their query string: each fuzzed like a form sent by GET.
GET_SPECS: dict[tuple[str, str], FormSpec] = {
    ("auth.login", "GET"): FormSpec({}, query={"next": NEXT}, saves=False, examples=4),
    ("entries.journal", "GET"): FormSpec(
        {},
        query={
            "kind": Field("choice", ("", "clinical", "ethics")),
            "visibility": Field("choice", ("", "private", "cohort")),
            "tag": Field("text", ("", "clinic")),
            "start": Field("date", ("", "2026-01-01")),
            "end": Field("date", ("", "2026-12-31")),
            "page": PAGE,
        },
        saves=False,
        examples=8,
    ),
    ("entries.search_journal", "GET"): FormSpec(
        {}, query={"q": Field("text", ("clinic", "malaria night-shift"))}, saves=False, examples=8
    ),
    ("entries.new", "GET"): FormSpec(
        {},
        query={"kind": Field("choice", ("clinical", "ethics")), "draft": Field("text", ("", "restore"))},
        path="/journal/{cohort}/new",
        saves=False,
        examples=4,
    ),
    ("entries.view", "GET"): FormSpec(
        {}, query={"share": Field("choice", ("", "supervisors", "cohort"))}, saves=False, examples=4
    ),
    ("competencies.link_evidence", "GET"): FormSpec({}, query={"page": PAGE}, saves=False, examples=4),
    ("cohorts.audit_log", "GET"): FormSpec(
        {},
        query={
            "person": Field("id", lambda c: str(c.people["supervisor"].id)),
            "action": Field("text", ("", "comment.added")),
            "page": PAGE,
        },
        saves=False,
        examples=6,
    ),
    ("review.dashboard", "GET"): FormSpec(
        {},
        query={"sort": Field("choice", ("name", "days", "credit")), "dir": Field("choice", ("asc", "desc"))},
        saves=False,
        examples=5,
    ),
    ("review.intern", "GET"): FormSpec({}, query={"page": PAGE}, saves=False, examples=4),
    ("review.queue", "GET"): FormSpec({}, query={"page": PAGE}, saves=False, examples=4),
    ("notifications.index", "GET"): FormSpec({}, query={"page": PAGE}, saves=False, examples=4),
    ("account.journal_download", "GET"): FormSpec(
        {}, query={"format": Field("choice", ("", "leap2a"))}, saves=False, examples=4
    ),
    ("verify.start", "GET"): FormSpec(
        {}, query={"code": Field("text", lambda c: c.values["code"])}, saves=False, examples=6
    ),
}

# What any page might be sent: the usual query parameters, with hostile values.
ANY_PAGE = FormSpec(
    {},
    query={name: Field("text", ("1",)) for name in ("page", "q", "sort", "next", "kind", "id")},
    saves=False,
    examples=1,
    sweep=False,
)
