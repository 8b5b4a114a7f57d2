"""Routes for the intern and for each submission: ``/portfolio/<cohort>/`` (the intern's submissions),
``.../new`` (choose entries, then preview), ``.../submit``, and ``/submissions/<id>`` with its PDF and JSON."""

import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal import access, intents
from journal.auth import reauth
from journal.credit.figures import figures_for
from journal.credit.requirements import assess, requirements_for
from journal.extensions import db
from journal.identifiers import IdentifiersUnconfirmed
from journal.jobs import JobError, dispatch
from journal.portfolio.blueprint import bp
from journal.portfolio.downloads import attachment
from journal.portfolio.forms import ChooseEntriesForm, SubmitForm
from journal.portfolio.pdf import document_context
from journal.portfolio.selection import (
    PortfolioError,
    chosen_entries,
    identifiers_to_check,
    own_entries,
    parse_entry_ids,
    parse_selection,
)
from journal.portfolio.services import (
    document_bytes,
    document_of,
    ensure_pdf,
    history_of,
    latest_submission,
    pdf_language,
    readers_of,
    record_download,
    submission_for_key,
    submissions_of,
    submit_once,
)
from journal.portfolio.snapshot import build_document
from journal.portfolio.wording import hours_and_entries

log = logging.getLogger(__name__)


@bp.get("/portfolio/<int:cohort_id>/")
def index(cohort_id: int):
    """The intern's submissions, newest first, and where they stand against the credit requirements."""
    cohort = access.cohort_or_404(cohort_id, "submit_portfolio")
    requirements = requirements_for(cohort)
    assessment = assess(requirements, figures_for(cohort, [current_user.id])[current_user.id])
    return render_template(
        "portfolio/index.html",
        cohort=cohort,
        submissions=db.session.scalars(submissions_of(current_user.id, cohort.id)).all(),
        requirements=requirements,
        required_hours_and_entries=hours_and_entries(requirements),
        assessment=assessment,
    )


def _choose_page(cohort, form, status: int = 200, entries=None):
    entries = entries if entries is not None else db.session.scalars(own_entries(current_user, cohort)).all()
    # Ticked by entry: coming back from the preview after editing an entry still finds it chosen.
    chosen = {value.partition(":")[0] for value in form.entries.data or []}
    return render_template("portfolio/choose.html", cohort=cohort, form=form, entries=entries, chosen=chosen), status


@bp.route("/portfolio/<int:cohort_id>/new", methods=["GET", "POST"])
def build(cohort_id: int):
    """Choose the entries (the last submission's are ticked to start with), then see the preview."""
    cohort = access.cohort_or_404(cohort_id, "submit_portfolio")
    form = ChooseEntriesForm()
    if not form.is_submitted():
        entries = db.session.scalars(own_entries(current_user, cohort)).all()
        previous = latest_submission(current_user.id, cohort.id)
        if previous is not None:
            chosen_before = {entry["id"] for entry in document_of(previous)["entries"]}
            form.entries.data = [f"{e.id}:{e.version}" for e in entries if e.id in chosen_before]
        return _choose_page(cohort, form, entries=entries)
    if request.form.get("change"):  # back from the preview, with the same entries ticked
        return _choose_page(cohort, form)
    if not form.validate():
        return _choose_page(cohort, form, 422)
    try:
        entries = chosen_entries(current_user, cohort, parse_selection(form.entries.data))
    except PortfolioError as error:
        form.entries.errors = [error.message]
        return _choose_page(cohort, form, 422)
    submit_form = SubmitForm(
        formdata=None,
        entries=form.entries.data,
        idempotency_key=intents.new_key(),
        language=pdf_language(current_user),
    )
    return _preview(cohort, entries, submit_form)


def _preview(cohort, entries, form, status: int = 200, *, refused: bool = False):
    """The document as it would be submitted, who will read it, and the entries whose suspected
    identifiers must be edited or confirmed first (``refused``: a submission just stopped for them)."""
    document = build_document(
        cohort, current_user, entries, code=None, submitted_at=None, verify_url=None, supersedes=None
    )
    return render_template(
        "portfolio/preview.html",
        cohort=cohort,
        form=form,
        ask_password=reauth.password_needed(),
        readers=readers_of(cohort),
        to_check=identifiers_to_check(entries),
        checked=set(form.identifiers_ok.data or []),
        refused=refused,
        **document_context(document, None, preview=True),
    ), status


def _password_confirmed(form) -> bool:
    """Unless typed in the last 10 minutes, the password must come with the submission."""
    if not reauth.password_needed():
        return True
    problem = reauth.confirm_password(form.password.data or "")
    db.session.commit()  # a wrong password is audited as a failed login
    if problem:
        form.password.errors.append(problem)
    return problem is None


def _submitted(submission):
    flash(_("Your portfolio is submitted. Its verification code is %(code)s.", code=submission.code), "success")
    return redirect(url_for("portfolio.submission", submission_id=submission.id))


@bp.post("/portfolio/<int:cohort_id>/submit")
def submit(cohort_id: int):
    """Freeze the previewed portfolio, once per preview (its form's key). Without the confirmation,
    or while a chosen entry has unchecked identifiers, the preview comes back (422) as it was sent."""
    cohort = access.cohort_or_404(cohort_id, "submit_portfolio")
    form = SubmitForm()
    key = intents.key_sent(form.idempotency_key.data)
    earlier = submission_for_key(current_user.id, key)
    if earlier is not None:  # sent again: the answer to the first one
        return _submitted(earlier)
    form.idempotency_key.data = key or intents.new_key()
    form.language.data = pdf_language(current_user, form.language.data)  # not sent by an older page: theirs
    try:
        selection = parse_selection(form.entries.data or [])
        if not form.validate() or not _password_confirmed(form):
            return _preview(cohort, chosen_entries(current_user, cohort, selection), form, 422)
        confirmed = parse_entry_ids(form.identifiers_ok.data or [])
        result = submit_once(
            current_user, cohort, selection, idempotency_key=key, confirmed=confirmed, language=form.language.data
        )
    except IdentifiersUnconfirmed:
        db.session.rollback()  # nothing is recorded unless the portfolio goes
        return _preview(cohort, chosen_entries(current_user, cohort, selection), form, 422, refused=True)
    except PortfolioError as error:
        choose = ChooseEntriesForm(formdata=None, entries=form.entries.data)
        choose.entries.errors = [error.message]
        return _choose_page(cohort, choose, 422)
    db.session.commit()
    if result.new:
        try:
            dispatch("portfolio_pdf", result.submission.id)  # ready by the time anyone downloads it
        except JobError:
            log.warning("could not queue the PDF of submission %s; the first download renders it", result.submission.id)
    return _submitted(result.submission)


@bp.get("/submissions/<int:submission_id>")
def submission(submission_id: int):
    """One submission: its code, hash and downloads, then the frozen document itself."""
    found = access.submission_or_404(submission_id)
    document = document_of(found)
    if found.intern_id != current_user.id:  # reading it on the page is as good as downloading it
        record_download(current_user, found, "page")
        db.session.commit()
    return render_template(
        "portfolio/submission.html",
        submission=found,
        cohort=found.cohort,
        history=db.session.scalars(history_of(found)).all(),
        **document_context(document, found.sha256, preview=True),
    )


@bp.get("/submissions/<int:submission_id>/portfolio.pdf")
def download_pdf(submission_id: int):
    """The submission as PDF (rendered the first time, then always the same bytes); audited."""
    found = access.submission_or_404(submission_id)
    pdf = ensure_pdf(found)
    record_download(current_user, found, "pdf")
    db.session.commit()
    return attachment(pdf, "application/pdf", f"portfolio-{found.code}.pdf")


@bp.get("/submissions/<int:submission_id>/portfolio.json")
def download_json(submission_id: int):
    """The submission's JSON record exactly as frozen; audited."""
    found = access.submission_or_404(submission_id)
    record_download(current_user, found, "json")
    db.session.commit()
    return attachment(document_bytes(found), "application/json", f"portfolio-{found.code}.json")
