"""Routes that hand out the credentials: an intern's badge for a sign-off, a submission's CLR, and the
public revocation list every badge points to.

- ``/signoffs/<id>/badge.json``: the Open Badge of the request's approval, for the intern who asked only;
- ``/submissions/<id>/clr.json``: the CLR of a submission, for whoever may read the submission;
- ``/credentials/status/1``: the signed status list, for anyone (verifiers fetch it).

Credentials are issued on first download and then always the same bytes. Without a signing key
(production before one is configured) the pages say so in plain words and the downloads send the
person back there; nothing fails.
"""

from flask import Blueprint, Response, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal import access
from journal.credentials import badges, clr, issuing, keys, status_list
from journal.extensions import db
from journal.models import SignOffRequest
from journal.portfolio.downloads import attachment
from journal.portfolio.services import record_download

bp = Blueprint("credentials", __name__)
bp.before_request(access.login_required)
# The status list is for anyone: verifiers fetch it without an account.
public_bp = Blueprint("credential_status", __name__)


@bp.app_template_global()
def credentials_available() -> bool:
    """Whether credentials can be issued here now (a signing key is configured, or may be made)."""
    try:
        keys.active_key()
    except keys.NoSigningKey:
        return False
    return True


@bp.app_template_global()
def badge_offered(request: SignOffRequest | None) -> bool:
    """Whether the request's approval still stands, so that its badge downloads and verifies as active (a
    revoked, decided-again or superseded approval offers none). One query per intern and cohort on a page."""
    if request is None or request.status != "approved":
        return False
    cache = g.setdefault("standing_requests", {})
    key = (request.intern_id, request.cohort_id)
    if key not in cache:
        cache[key] = status_list.standing_requests(*key)
    return request.id in cache[key]


@bp.app_template_global()
def badge_leaves_out_private(request: SignOffRequest | None) -> bool:
    """Whether the badge of the request's approval (as issued, or as it would be issued now) names fewer
    entries than the intern linked to the competency because some are private. Two queries per intern and
    cohort on a page."""
    approval = badges.standing_approval(request) if request is not None else None
    if approval is None:
        return False
    cache = g.setdefault("badge_evidence", {})
    key = (request.intern_id, request.cohort_id)
    if key not in cache:
        cache[key] = (badges.evidence_counts(*key), badges.named_in_issued_badges(request.intern_id))
    counts, named = cache[key]
    linked, shared = counts.get(request.competency_id, (0, 0))
    return shared < linked and named.get(approval.id, shared) < linked


def _not_available(back: str):
    """Send the person back to the page they came from, told why there is no credential."""
    flash(
        _("Verifiable credentials are not available yet: the site has no signing key. Ask your coordinator."), "error"
    )
    return redirect(back)


@bp.get("/signoffs/<int:request_id>/badge.json")
def download_badge(request_id: int):
    """The Open Badges 3.0 credential of the request's approval, as a JSON file (issued on first download)."""
    found = access.request_or_404(request_id, "download_badge")
    approval = badges.standing_approval(found)
    back = url_for("competencies.signoff", request_id=found.id)
    if approval is None:
        flash(_("This request has not been signed off, so there is no badge for it."), "error")
        return redirect(back)
    if not status_list.in_force(approval):  # a badge issued before would verify as revoked: none is handed out
        flash(_("This sign-off no longer stands, so no badge is issued for it."), "error")
        return redirect(back)
    try:
        credential = badges.badge_for(approval)
    except keys.NoSigningKey:
        db.session.rollback()
        return _not_available(back)
    except issuing.NotIssuable:
        db.session.rollback()
        flash(_("This sign-off no longer stands, so no badge is issued for it."), "error")
        return redirect(back)
    db.session.commit()
    return attachment(credential.document.encode("utf-8"), "application/json", badges.file_name(approval))


@bp.get("/submissions/<int:submission_id>/clr.json")
def download_clr(submission_id: int):
    """The CLR 2.0 credential of the submission, holding the intern's badges (issued on first download)."""
    found = access.submission_or_404(submission_id)
    back = url_for("portfolio.submission", submission_id=found.id)
    if found.intern_id is None and issuing.issued(submission_id=found.id) is None:
        flash(_("The intern has left: no new credential can be issued for this portfolio."), "error")
        return redirect(back)
    try:
        credential = clr.clr_for(found)
    except keys.NoSigningKey:
        db.session.rollback()
        return _not_available(back)
    except issuing.NotIssuable as refused:
        db.session.rollback()
        flash(refused.message, "error")
        return redirect(back)
    record_download(current_user, found, "clr")
    db.session.commit()
    return attachment(credential.document.encode("utf-8"), "application/json", clr.file_name(found))


@public_bp.get(f"/credentials/status/{status_list.LIST_ID}")
def status_list_credential():
    """The signed Bitstring Status List credential (signed again when its bits change or it grows old)."""
    try:
        text = status_list.current_list()
    except keys.NoSigningKey:
        db.session.rollback()
        body = {"error": "No status list is published yet: the site has no signing key."}
        return body, 503
    db.session.commit()
    return Response(text, mimetype="application/vc+ld+json")
