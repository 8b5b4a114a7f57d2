"""A CLR 2.0 ``ClrCredential`` for each submitted portfolio.

Issued the first time it is asked for (``clr_for``), with ``validFrom`` the submission's time. It holds:
- a badge (``verifiableCredential``, each signed and embedded exactly as issued) for each sign-off the
  submission's frozen competency record shows as approved, issued for this submission: its evidence is
  only the submitted entries linked to the competency, titled as frozen, because the CLR goes to the
  cohort's reviewers and coordinators, who are handed only what the intern selected (the intern's own
  badges, which name every shared entry, stay out). A sign-off revoked since keeps its badge, whose
  status then says so;
- the portfolio as an achievement: clinical hours, entries by kind and whether the cohort's credit
  requirements were met, all from the frozen document, never live figures; with an ``isParentOf``
  association to each competency it holds.

The subject is the same salted hash of the intern's email address as frozen in the submission. The
intern's name is left out on purpose: neither CLR 2.0 nor Open Badges 3.0 requires it, and a hash the
holder can prove is enough for a registrar who knows the address.
"""

import json
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from journal.credentials import badges, issuing
from journal.credentials.loader import CLR_V2P0, OB_V3P0, VC_V2
from journal.credit.requirements import Requirements
from journal.extensions import db
from journal.models import Competency, Decision, IssuedCredential, SignOffRequest, Submission
from journal.models.entries import KINDS
from journal.models.types import utc_stamp
from journal.portfolio.services import document_of
from journal.portfolio.wording import hours_and_entries

LANGUAGE = badges.LANGUAGE


def approvals_in_record(submission: Submission, document: dict) -> list[Decision]:
    """The approving decisions behind the sign-offs the frozen record shows (matched by competency code,
    level and time: the decision that was standing when the portfolio was frozen), in the record's order."""
    wanted = {item["code"]: item for item in document["competencies"] if item.get("level")}
    if not wanted or submission.intern_id is None:
        return []
    candidates = db.session.scalars(
        select(Decision)
        .join(SignOffRequest, SignOffRequest.id == Decision.request_id)
        .join(Competency, Competency.id == SignOffRequest.competency_id)
        .options(selectinload(Decision.request).joinedload(SignOffRequest.competency))
        .where(
            SignOffRequest.intern_id == submission.intern_id,
            SignOffRequest.cohort_id == submission.cohort_id,
            Competency.code.in_(list(wanted)),
            Decision.outcome == "approved",
            Decision.created_at <= submission.created_at,
        )
        .order_by(Decision.id)
    ).all()
    chosen: dict[str, Decision] = {}
    for decision in candidates:  # oldest first: the one frozen in the record (same time) wins, else the latest
        code = decision.request.competency.code
        item = wanted[code]
        if decision.level != item["level"]:
            continue
        frozen = chosen.get(code)
        if frozen is None or utc_stamp(frozen.created_at) != item.get("signed_off_at"):
            chosen[code] = decision
    return [chosen[code] for code in wanted if code in chosen]


def portfolio_achievement(submission: Submission, document: dict) -> dict:
    """The portfolio as an ``Achievement``: its figures as frozen, in words and in the criteria."""
    summary = document["summary"]
    requirements = document["requirements"]
    entries = ", ".join(f"{summary['entries_by_kind'].get(kind, 0)} {kind}" for kind in KINDS)
    met = "met" if requirements["met"] else "not met"
    cohort = document["cohort"]
    missing = "; ".join(requirements.get("missing") or [])
    return {
        "id": submission.verify_url,
        "type": ["Achievement"],
        "achievementType": "ext:Portfolio",
        "name": f"Clinical placement portfolio — {cohort['name']}",
        "description": (
            f"Placement at {cohort['host_site']}, {cohort['country']}, {cohort['start_date']} to {cohort['end_date']}. "
            f"Clinical hours: {summary['clinical_hours']}. Journal entries: {entries}. "
            f"Credit requirements of the cohort: {met}."
        ),
        "humanCode": submission.code,
        "criteria": {"narrative": criteria(requirements, missing)},
    }


def criteria(requirements: dict, missing: str) -> str:
    """The cohort's requirements as frozen, in plain English: ``At least 10 clinical hours, 3 clinical
    observations, 2 cultural reflections; competencies signed off: C1, C2. All met when submitted.``
    (the words the portfolio pages use, ``wording.hours_and_entries``; call it in the English locale)."""
    minimum = Requirements(
        hours=Decimal(requirements["minimum_clinical_hours"]),
        entries={kind: int(requirements["minimum_entries"].get(kind, 0)) for kind in KINDS},
        competencies=[],
        all_competencies=False,
    )
    competencies = ", ".join(requirements["competencies"]) or "none"
    outcome = f"Missing: {missing}." if missing else "All met when submitted."
    return f"At least {hours_and_entries(minimum)}; competencies signed off: {competencies}. {outcome}"


def build(submission: Submission, document: dict, embedded: list[dict], credential_uuid: str) -> dict:
    """The unsigned CLR of a submission, holding the signed badges ``embedded``."""
    portfolio = portfolio_achievement(submission, document)
    targets = [badge["credentialSubject"]["achievement"]["id"] for badge in embedded]
    subject = {
        "type": ["ClrSubject"],
        "identifier": [issuing.hashed_identifier(document["intern"]["email"])],
        "verifiableCredential": embedded,
        "achievement": [portfolio],
    }
    if targets:
        subject["association"] = [
            {"type": "Association", "associationType": "isParentOf", "sourceId": portfolio["id"], "targetId": target}
            for target in targets
        ]
    return {
        "@context": [VC_V2, CLR_V2P0, OB_V3P0],
        "id": f"urn:uuid:{credential_uuid}",
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": portfolio["name"],
        "issuer": issuing.issuer_reference(),
        "validFrom": utc_stamp(submission.created_at),
        "credentialSubject": subject,
    }


def clr_for(submission: Submission) -> IssuedCredential:
    """The submission's CLR: the one issued already, or a new one with its badges (issued as needed), signed
    and stored (the caller commits). Raises ``keys.NoSigningKey`` without a signing key, and
    ``issuing.NotIssuable`` when the frozen record shows no sign-off (CLR 2.0 needs at least one credential)."""
    found = issuing.issued(submission_id=submission.id)
    if found is not None:
        return found
    document = document_of(submission)
    decisions = approvals_in_record(submission, document)
    if not decisions:  # CLR 2.0 asks for at least one credential in ``verifiableCredential``
        raise issuing.NotIssuable(
            _("No competency was signed off when this portfolio was submitted, so there is no CLR for it.")
        )
    embedded = [_badge_document(decision, submission, document) for decision in decisions]

    def make() -> IssuedCredential:
        credential_uuid = issuing.new_uuid()
        with force_locale(LANGUAGE):
            unsigned = build(submission, document, embedded, credential_uuid)
        signed, key_id = issuing.sign(unsigned)
        return IssuedCredential(
            kind="clr",
            uuid=credential_uuid,
            submission_id=submission.id,
            intern_id=submission.intern_id,
            key_id=key_id,
            document=issuing.dump(signed),
        )

    return issuing.store_once(lambda: issuing.issued(submission_id=submission.id), make)


def _badge_document(decision: Decision, submission: Submission, document: dict) -> dict:
    """The signed badge of a decision in the record, issued for this submission now if need be (even one
    revoked since: a badge the CLR needs is issued, and its status tells verifiers it no longer stands)."""
    return json.loads(badges.submission_badge_for(decision, submission, document).document)


def file_name(submission: Submission) -> str:
    """``clr-<code>.json``."""
    return f"clr-{submission.code}.json"
