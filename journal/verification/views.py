"""Public routes: ``/verify/`` (find a submission by code or by file), ``/verify/<code>`` (who
submitted what, when, for which cohort, with its SHA-256, and nothing of the content), and
the published JSON Schema. No login: anyone holding a portfolio may check it.

Uploaded files are hashed in memory and never kept. Codes carry 60 random bits and the
pages are rate-limited, so submissions cannot be found by guessing.
"""

import hashlib
import json
from dataclasses import dataclass

from flask import Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from journal.extensions import db, limiter
from journal.models import Submission
from journal.portfolio.codes import normalize_code
from journal.portfolio.schema import SCHEMA_FILE, schema_bytes
from journal.portfolio.services import history_of
from journal.verification.blueprint import bp
from journal.verification.forms import CodeForm, CredentialForm, VerifyFileForm

VERIFY_LIMIT = "60 per minute"


@dataclass
class Check:
    """The outcome of comparing an uploaded file with submissions."""

    matched: Submission | None  # the submission the file is exactly
    file_kind: str  # "PDF", "JSON" or "file" (a code: the page words it)
    claimed: Submission | None = None  # the submission a changed JSON file says it is
    problem: str | None = None  # why the file could not be checked at all


def _by_code(code: str) -> Submission | None:
    return db.session.scalar(select(Submission).options(joinedload(Submission.intern)).where(Submission.code == code))


def _newer(submission: Submission) -> Submission | None:
    """The latest submission superseding this one, if any."""
    latest = db.session.scalars(history_of(submission).limit(1)).first()
    return latest if latest is not None and latest.id != submission.id else None


CLAIM_READ_LIMIT = 2 * 1024 * 1024  # a portfolio's JSON is smaller; larger files are not parsed


def _claimed_code(data: bytes) -> str | None:
    """The code a JSON portfolio file names, if it is one (a changed copy still names its original)."""
    if len(data) > CLAIM_READ_LIMIT:
        return None
    try:
        found = json.loads(data.decode("utf-8"))
        return normalize_code(found["submission"]["code"])
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def check_file(form: VerifyFileForm, only: Submission | None = None) -> Check:
    """Compare the uploaded file with ``only`` (or with every submission)."""
    upload = form.file.data
    try:
        data = upload.read()
    finally:
        upload.close()  # a large upload is spooled to a temporary file: let it go now
    kind = "PDF" if data.startswith(b"%PDF") else "JSON" if data.lstrip()[:1] == b"{" else "file"
    if not data:
        return Check(None, kind, problem=_("The file is empty. Choose the portfolio's PDF or JSON file."))
    digest = hashlib.sha256(data).hexdigest()
    query = select(Submission).options(joinedload(Submission.intern))
    query = query.where(or_(Submission.sha256 == digest, Submission.pdf_sha256 == digest))
    if only is not None:
        query = query.where(Submission.id == only.id)
    matched = db.session.scalars(query.limit(1)).first()
    claimed = None
    if matched is None and kind == "JSON":
        code = _claimed_code(data)
        claimed = _by_code(code) if code else None
        if only is not None and claimed is not None and claimed.id != only.id:
            claimed = None
    return Check(matched, kind, claimed=claimed)


@bp.route("/verify/", methods=["GET", "POST"])
@limiter.limit(VERIFY_LIMIT)
def start():
    """Type a verification code, or upload a portfolio file to find the submission it is."""
    code_form = CodeForm(request.args)
    file_form = VerifyFileForm()
    check = None
    if request.args and code_form.validate():
        code = normalize_code(code_form.code.data)
        if code is not None:
            return redirect(url_for("verify.submission", code=code))
        code_form.code.errors.append(_("That is not a verification code: it has twelve letters and digits."))
    if file_form.validate_on_submit():
        check = check_file(file_form)
    status = 422 if code_form.errors or file_form.errors else 200
    credential_form = CredentialForm(formdata=None)
    return render_template(
        "verify/start.html", code_form=code_form, file_form=file_form, credential_form=credential_form, check=check
    ), status


@bp.route("/verify/<code>", methods=["GET", "POST"])
@limiter.limit(VERIFY_LIMIT)
def submission(code: str):
    """What a submission is (never its content), and a file upload to compare with it."""
    normal = normalize_code(code)
    found = _by_code(normal) if normal else None
    if found is None:
        return render_template("verify/unknown.html", code=code[:40]), 404
    if normal != code:
        return redirect(url_for("verify.submission", code=normal))
    form = VerifyFileForm()
    check = check_file(form, only=found) if form.validate_on_submit() else None
    status = 422 if form.errors else 200
    return render_template(
        "verify/submission.html", submission=found, newer=_newer(found), form=form, check=check
    ), status


@bp.get(f"/schema/{SCHEMA_FILE.name}")
def schema():
    """The JSON Schema every portfolio record follows."""
    return Response(schema_bytes(), mimetype="application/schema+json")
