"""Open Badges 3.0 ``OpenBadgeCredential``s for approving sign-off decisions.

A badge is issued the first time it is asked for, with ``validFrom`` the decision's time, and kept as
signed. It says: the intern (a salted hash of their email address, never the address or the name) reached
the competency at the entrustment level the supervisor approved; the competency is the achievement (code,
title, description, the framework and its version as a CASE alignment, the entrustment scale as a rubric);
its ``credentialStatus`` points to the revocation list (``status_list``), where its bit is set once the
sign-off no longer stands.

What it names as evidence depends on whom it is for, as DESIGN.md's privacy promise asks:
- the intern's own badge (``badge_for``, downloaded from the competency page) names, by title and address,
  the intern's live entries linked to the competency that are shared at issue time (their titles passed
  the identifier gate when they were shared; private entries never appear, and the intern decides whom to
  show the badge);
- a badge embedded in a submission's CLR (``submission_badge_for``), which the cohort's reviewers and
  coordinators download, names only entries the intern put in that portfolio and linked to the
  competency, with the titles frozen in it: never any other entry, not even one shared with supervisors.
Each is its own credential with its own place in the status list; revoking the decision sets every one.

Every badge is checked against the 1EdTech OB 3.0 JSON Schema before it is stored.
"""

import json
from functools import cache
from pathlib import Path
from urllib.parse import quote

from flask_babel import force_locale
from jsonschema import Draft201909Validator
from sqlalchemy import func, select

from journal import access
from journal.credentials import issuing, status_list
from journal.credentials.loader import OB_V3P0, VC_V2
from journal.extensions import db
from journal.links import public_url_for
from journal.models import (
    LEVELS,
    Competency,
    Decision,
    Entry,
    Evidence,
    IssuedCredential,
    SignOffRequest,
    Submission,
)
from journal.models.types import utc_stamp

SCHEMA = Path(__file__).resolve().parent / "schema" / "achievementcredential.json"
# Badges are written in English whatever the language of the request that first asked for one: the
# same credential is served to everyone, for good.
LANGUAGE = "en"


class SchemaViolation(Exception):
    """A credential the app built does not satisfy the OB 3.0 JSON Schema (a bug: it is never stored)."""


@cache
def _validator() -> Draft201909Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)


def schema_errors(document: dict) -> list[str]:
    """What the OB 3.0 JSON Schema finds wrong with ``document``, in JSON-path order (empty when valid)."""
    return sorted(f"{error.json_path}: {error.message}" for error in _validator().iter_errors(document))


def check_schema(document: dict) -> None:
    """Raise ``SchemaViolation`` unless the document is a valid OB 3.0 AchievementCredential."""
    errors = schema_errors(document)
    if errors:
        raise SchemaViolation("; ".join(errors[:5]))


def achievement_id(competency: Competency) -> str:
    """The competency's stable address as an achievement: ``{PUBLIC_URL}/achievements/<framework>/<code>``
    (an identifier; it is not a page)."""
    return issuing.address(f"/achievements/{competency.framework_id}/{quote(competency.code, safe='')}")


def _level_id(competency: Competency, level: int) -> str:
    return f"{achievement_id(competency)}#level-{level}"


def entrustment_scale(competency: Competency) -> dict:
    """The achievement's ``resultDescription``: the five entrustment levels, the required one named."""
    return {
        "id": f"{achievement_id(competency)}#entrustment",
        "type": ["ResultDescription"],
        "name": "Entrustment level",
        "resultType": "RubricCriterionLevel",
        "requiredLevel": _level_id(competency, competency.required_level),
        "rubricCriterionLevel": [
            {
                "id": _level_id(competency, level),
                "type": ["RubricCriterionLevel"],
                "name": f"{level} · {words}",
                "level": str(level),
            }
            for level, words in LEVELS.items()
        ],
    }


def alignment(competency: Competency) -> dict:
    """The competency as an item of its framework (CASE ``CFItem``): the framework's name and version, and
    the CASE identifier where the framework came from a CASE package (otherwise the code)."""
    framework = competency.framework
    return {
        "type": ["Alignment"],
        "targetType": "CFItem",
        "targetName": competency.title,
        "targetDescription": competency.description or competency.title,
        "targetFramework": f"{framework.name} (version {framework.version})",
        "targetCode": getattr(competency, "case_identifier", None) or competency.code,
        "targetUrl": achievement_id(competency),
    }


def achievement(competency: Competency, approved_level: int) -> dict:
    """The competency as an OB 3.0 ``Achievement`` of type Competency."""
    required = competency.required_level
    return {
        "id": achievement_id(competency),
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": f"{competency.code} — {competency.title}",
        "description": competency.description or competency.title,
        "humanCode": competency.code,
        "criteria": {
            "narrative": (
                f"Signed off at entrustment level {approved_level}: {LEVELS[approved_level]} (required: {required})."
            )
        },
        "alignment": [alignment(competency)],
        "resultDescription": [entrustment_scale(competency)],
    }


def shared_evidence(request: SignOffRequest) -> list[Entry]:
    """The intern's live entries linked to the competency that others may read now (never private ones)."""
    return list(
        db.session.scalars(
            select(Entry)
            .join(Evidence, Evidence.entry_id == Entry.id)
            .where(
                Evidence.competency_id == request.competency_id,
                access.live_entries_of(request.intern_id, request.cohort_id),
                Entry.is_shared,
            )
            .order_by(Entry.occurred_on, Entry.id)
        )
    )


def submitted_evidence(request: SignOffRequest, document: dict) -> list[tuple[int, str]]:
    """The entries of a submission's frozen ``document`` that are linked to the request's competency as
    evidence now, as (id, title as frozen), in the document's order. Entries not in the document never
    appear, whoever may read them."""
    frozen = {item["id"]: item["title"] for item in document["entries"]}
    if not frozen:
        return []
    linked = set(
        db.session.scalars(
            select(Evidence.entry_id).where(
                Evidence.competency_id == request.competency_id, Evidence.entry_id.in_(list(frozen))
            )
        )
    )
    return [(entry_id, title) for entry_id, title in frozen.items() if entry_id in linked]


def evidence(entries: list[tuple[int, str]]) -> list[dict]:
    """Each entry as ``Evidence``: its title and its address (which opens only for those who may read it)."""
    return [
        {"id": public_url_for("entries.view", entry_id=entry_id), "type": ["Evidence"], "name": title}
        for entry_id, title in entries
    ]


def build(decision: Decision, credential_uuid: str, status_index: int, entries: list[tuple[int, str]]) -> dict:
    """The unsigned badge of an approving decision, naming ``entries`` (id, title) as evidence."""
    request = decision.request
    competency = request.competency
    document = {
        "@context": [VC_V2, OB_V3P0],
        "id": f"urn:uuid:{credential_uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{competency.code} — {competency.title}",
        "issuer": issuing.issuer_reference(),
        "validFrom": utc_stamp(decision.created_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [issuing.hashed_identifier(request.intern.email)],
            "achievement": achievement(competency, decision.level),
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": f"{achievement_id(competency)}#entrustment",
                    "achievedLevel": _level_id(competency, decision.level),
                }
            ],
        },
        "credentialStatus": status_list.status_entry(status_index),
    }
    if entries:
        document["evidence"] = evidence(entries)
    return document


def standing_approval(request: SignOffRequest) -> Decision | None:
    """The request's latest approving decision, or None if it was never approved."""
    return next((d for d in reversed(request.decisions) if d.outcome == "approved"), None)


def _issue(decision: Decision, entries: list[tuple[int, str]], **where) -> IssuedCredential:
    """The badge of ``decision`` found by ``where`` (``for_submission_id=``), or a new one naming ``entries``
    as evidence, signed, checked and stored (see ``issuing.store_once``)."""

    def make() -> IssuedCredential:
        credential_uuid = issuing.new_uuid()
        index = issuing.random_index(status_list.SIZE)
        with force_locale(LANGUAGE):
            document = build(decision, credential_uuid, index, entries)
        check_schema(document)
        signed, key_id = issuing.sign(document)
        check_schema(signed)
        return IssuedCredential(
            kind="badge",
            uuid=credential_uuid,
            decision_id=decision.id,
            intern_id=decision.request.intern_id,
            status_index=index,
            key_id=key_id,
            document=issuing.dump(signed),
            **where,
        )

    return issuing.store_once(lambda: issuing.issued(kind="badge", decision_id=decision.id, **where), make)


def badge_for(decision: Decision) -> IssuedCredential:
    """The intern's own badge of an approving decision (evidence: the shared entries): the one issued
    already, or a new one, signed, checked against the schema and stored (the caller commits).

    Raises ``issuing.NotIssuable`` when the decision is not an approval in force, ``keys.NoSigningKey``
    without a signing key, ``SchemaViolation`` on a bug."""
    found = issuing.issued(kind="badge", decision_id=decision.id, for_submission_id=None)
    if found is not None:
        return found
    if decision.outcome != "approved" or not status_list.in_force(decision):
        raise issuing.NotIssuable("This sign-off no longer stands, so no badge is issued for it.")
    entries = [(entry.id, entry.title) for entry in shared_evidence(decision.request)]
    return _issue(decision, entries, for_submission_id=None)


def submission_badge_for(decision: Decision, submission: Submission, document: dict) -> IssuedCredential:
    """The badge of an approving decision for the CLR of ``submission`` (whose frozen ``document`` is given):
    evidence only the submitted entries linked to the competency. Issued even when the decision no longer
    stands (the CLR records what was signed off when it was submitted; the badge's bit says it is revoked
    from the start). Raises as ``badge_for`` does, ``NotIssuable`` only for a decision that is no approval."""
    found = issuing.issued(kind="badge", decision_id=decision.id, for_submission_id=submission.id)
    if found is not None:
        return found
    if decision.outcome != "approved":
        raise issuing.NotIssuable("This sign-off no longer stands, so no badge is issued for it.")
    return _issue(decision, submitted_evidence(decision.request, document), for_submission_id=submission.id)


def evidence_counts(intern_id: int, cohort_id: int) -> dict[int, tuple[int, int]]:
    """For each competency, how many of the intern's live entries are linked to it as evidence and how
    many of those are shared (one query)."""
    rows = db.session.execute(
        select(Evidence.competency_id, func.count(Entry.id), func.count(Entry.id).filter(Entry.is_shared))
        .join(Entry, Entry.id == Evidence.entry_id)
        .where(access.live_entries_of(intern_id, cohort_id))
        .group_by(Evidence.competency_id)
    )
    return {competency_id: (linked, shared) for competency_id, linked, shared in rows}


def named_in_issued_badges(intern_id: int) -> dict[int, int]:
    """How many entries each of the intern's own badges issued so far names, by decision (one query)."""
    rows = db.session.execute(
        select(IssuedCredential.decision_id, IssuedCredential.document).where(
            IssuedCredential.intern_id == intern_id,
            IssuedCredential.kind == "badge",
            IssuedCredential.for_submission_id.is_(None),
            IssuedCredential.decision_id.is_not(None),
        )
    )
    return {decision_id: len(json.loads(document).get("evidence", [])) for decision_id, document in rows}


def file_name(decision: Decision) -> str:
    """``badge-<code>-<date>.json``: the competency's code and the day it was signed off."""
    code = "".join(c if c.isalnum() or c in "-_." else "-" for c in decision.request.competency.code)
    return f"badge-{code}-{decision.created_at.date().isoformat()}.json"
