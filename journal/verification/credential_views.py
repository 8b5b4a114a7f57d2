"""``/verify/credential``: check a digital credential (Open Badges 3.0 or CLR 2.0), pasted or uploaded.

Public, like the rest of ``/verify``. The credential is checked in memory (``credentials.checking``)
and never kept; an email address typed to compare with its subject is hashed, compared and
forgotten (not stored, not logged): the answer shows it back, in its field and in the sentence that
says whether it is the subject's, so the person checking sees which address they compared. Text that
is not an email address is not compared, and the page says why; nor is any address compared with a
credential that is not valid (what it claims is not confirmed).

Answers: 200 with the outcome (Valid, Not valid, Revoked); 413 past the size limit (the text is not
given back); 422 for input that is not a credential that can be checked (the text is given back to
correct). The size limit is set before the form is read, so the CSRF check runs in the view.
"""

from email_validator import EmailNotValidError, validate_email
from flask import current_app, render_template, request
from flask_babel import gettext as _

from journal.cohorts.addresses import reason as address_problem
from journal.credentials import untrusted
from journal.credentials.checking import CredentialCheck, check_credential, email_matches
from journal.credentials.checking_words import reason
from journal.extensions import csrf, limiter
from journal.models.entries import KIND_PLURALS
from journal.verification.blueprint import bp
from journal.verification.forms import CredentialForm
from journal.verification.views import VERIFY_LIMIT

# Room in a request for the form's other fields and the multipart framing around the credential.
FRAMING = 64 * 1024


def _too_large() -> bool:
    """Whether the request says it is larger than a credential may be; bounds what is read if it does not say."""
    limit = untrusted.MAX_BYTES + FRAMING
    request.max_content_length = limit
    request.max_form_memory_size = limit
    return (request.content_length or 0) > limit


def _submitted(form: CredentialForm) -> bytes:
    """The credential sent: the file chosen, else the text pasted (at most one byte past the limit read)."""
    upload = form.file.data
    if upload:
        try:
            return upload.read(untrusted.MAX_BYTES + 1)
        finally:
            upload.close()
    return (form.credential.data or "").encode("utf-8", "surrogatepass")


def _render(form: CredentialForm, check: CredentialCheck | None = None, *, kept: str = "", matched=None, status=200):
    return render_template(
        "verify/credential.html",
        form=form,
        check=check,
        kept=kept,
        email_matched=matched,
        reason=reason,
        kind_plurals=KIND_PLURALS,
    ), status


def _not_an_address(text: str) -> str | None:
    """Why ``text`` is not an email address, or None when it is one (its syntax only: nothing is sent to it,
    and reserved test domains are allowed, since a credential may have been issued to one)."""
    try:
        validate_email(text, check_deliverability=False, globally_deliverable=False, test_environment=True)
    except EmailNotValidError as error:
        return address_problem(str(error), text.rpartition("@")[2].strip().lower())
    return None


def _compare(form: CredentialForm, check: CredentialCheck) -> bool | None:
    """Compare the typed address with the subject's: True or False, or None (not compared, and the field
    says why) when nothing was typed, it is not an address, or the credential gives nothing to compare with."""
    email = (form.email.data or "").strip()
    form.email.data = email
    if not email or check.headline == "refused":
        return None
    if check.headline == "not_valid":
        form.email.errors = [_("The credential is not valid, so the address was not compared with it.")]
        return None
    problem = _not_an_address(email)
    if problem is not None:
        form.email.errors = [_("“%(text)s” is not an email address: %(why)s", text=email[:80], why=problem)]
        return None
    matched = email_matches(check, email)
    if matched is None:
        form.email.errors = [_("This credential names its subject without a hashed email address to compare with.")]
    return matched


@bp.route("/verify/credential", methods=["GET", "POST"])
@csrf.exempt  # checked below, once the size limit for this form is set
@limiter.limit(VERIFY_LIMIT)
def credential():
    """Check a pasted or uploaded credential and say, in plain words, whether it holds."""
    if request.method == "POST" and _too_large():  # before the form is read
        too_large = CredentialCheck("refused", "too_large", str(untrusted.MAX_BYTES // (1024 * 1024)))
        return _render(CredentialForm(formdata=None), too_large, status=413)
    if request.method == "POST" and current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()
    form = CredentialForm()
    if not form.validate_on_submit():
        return _render(form, status=422 if form.errors else 200)
    raw = _submitted(form)
    check = check_credential(raw)
    kept = raw.decode("utf-8", "replace") if check.http_status != 413 else ""
    if check.http_status == 413:
        form.credential.data = ""
    matched = _compare(form, check)
    return _render(form, check, kept=kept, matched=matched, status=check.http_status)
