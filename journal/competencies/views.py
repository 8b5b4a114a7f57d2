"""Routes of the intern's side: the checklist, linking evidence, asking for sign-off, and one request's page.

The supervisors' decisions on a request are in ``decisions.py``.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms import SelectChoice

from journal import access
from journal.competencies import services
from journal.competencies.blueprint import bp
from journal.competencies.checklist import STATE_LABELS, checklist_for
from journal.competencies.checklist_filter import checklist_page
from journal.competencies.evidence import (
    competency_or_404,
    entries_page,
    evidence_form,
    framework_competencies,
    linked_entry_ids,
    shown_entries,
)
from journal.competencies.forms import ApproveForm, EntryChoiceForm, RequestForm, ReturnForm, RevokeForm
from journal.credit.requirements import assessments_for
from journal.extensions import db
from journal.models import Entry, SignOffRequest
from journal.params import database_id, page_number


@bp.get("/competencies/<int:cohort_id>/")
def checklist(cohort_id: int):
    """Every competency of the cohort's framework with where the intern stands on it, domain by domain.

    ``?domain=`` and ``?state=`` narrow the list; ``?open=<competency id>`` opens the domain holding it.
    """
    membership = access.intern_or_404(cohort_id)
    found = checklist_for(membership.cohort, current_user, current_user)
    credit = assessments_for(membership.cohort, [current_user.id])[current_user.id]
    return render_template(
        "competencies/checklist.html",
        cohort=membership.cohort,
        checklist=found,
        # Domains open where feedback waits for the intern: a request returned to them.
        shown=checklist_page(found, request.args, open_states=("returned",)),
        state_labels=STATE_LABELS,
        assessment=credit,
    )


@bp.route("/competencies/<int:cohort_id>/<int:competency_id>/evidence", methods=["GET", "POST"])
def link_evidence(cohort_id: int, competency_id: int):
    """Choose which of the intern's entries (one page at a time) are evidence for a competency."""
    membership = access.intern_or_404(cohort_id)
    competency = competency_or_404(membership.cohort, competency_id)
    page = entries_page(current_user, membership.cohort, request.args.get("page", 1, type=page_number))
    shown = page.items
    if request.method == "POST":  # what the submitted page showed, not what this page number shows now
        shown = shown_entries(current_user, membership.cohort, request.form.getlist("shown", type=database_id))
    form = EntryChoiceForm()
    form.entries.choices = [SelectChoice(entry.id, entry.title) for entry in shown]
    if form.validate_on_submit():
        services.link_entries(competency, shown, form.entries.data or [])
        db.session.commit()
        flash(_("Evidence for %(code)s saved.", code=competency.code), "success")
        return redirect(_checklist_at(cohort_id, competency.id))
    linked = set(form.entries.data or []) if form.is_submitted() else linked_entry_ids(competency, page.items)
    status = 422 if form.errors else 200
    return render_template(
        "competencies/link_evidence.html",
        cohort=membership.cohort,
        competency=competency,
        page=page,
        form=form,
        linked=linked,
    ), status


@bp.post("/entries/<int:entry_id>/competencies")
def entry_evidence(entry_id: int):
    """From the entry page: make the entry evidence for exactly the competencies ticked."""
    entry = access.entry_or_404(entry_id, "link_evidence")
    form = evidence_form(framework_competencies(entry.cohort))
    if not form.validate_on_submit():
        flash(_("Choose competencies from the list."), "error")
        return redirect(url_for("entries.view", entry_id=entry.id, _anchor="competencies"))
    services.link_evidence(entry, form.competencies.data or [])
    db.session.commit()
    count = len(form.competencies.data or [])
    flash(
        ngettext(
            "Saved: this entry is evidence for %(num)d competency.",
            "Saved: this entry is evidence for %(num)d competencies.",
            count,
        ),
        "success",
    )
    return redirect(url_for("entries.view", entry_id=entry.id, _anchor="competencies"))


@bp.route("/competencies/<int:cohort_id>/<int:competency_id>/request", methods=["GET", "POST"])
def request_signoff(cohort_id: int, competency_id: int):
    """Ask for sign-off at a level, once every evidence entry can be read by the supervisors."""
    membership = access.intern_or_404(cohort_id)
    competency = competency_or_404(membership.cohort, competency_id)
    form = RequestForm(level=competency.required_level)
    error = None
    if form.validate_on_submit():
        try:
            found = services.request_signoff(
                current_user, membership.cohort, competency, form.level.data, form.note.data
            )
        except services.SignOffError as refused:
            db.session.rollback()
            error = refused.message
        else:
            db.session.commit()
            flash(_("Your request was sent to the cohort's supervisors."), "success")
            return redirect(url_for("competencies.signoff", request_id=found.id))
    elif form.is_submitted() and services.pending_request(current_user, competency) is not None:
        error = str(services.ALREADY_PENDING)  # the page shows no form while one waits, so say why it was refused
    return _request_page(membership.cohort, competency, form, error)


def _request_page(cohort, competency, form: RequestForm, error: str | None):
    """The request form with the evidence, what still keeps it from being sent, and any error (422)."""
    evidence = services.evidence_entries(current_user, cohort, competency)
    return render_template(
        "competencies/request.html",
        cohort=cohort,
        competency=competency,
        form=form,
        error=error,
        evidence=evidence,
        private=[entry for entry in evidence if not entry.is_shared],
        pending=services.pending_request(current_user, competency),
    ), (422 if error or form.errors else 200)


def render_signoff(found: SignOffRequest, status: int = 200, **forms):
    """The request's page: its evidence as the viewer may read it, its history, and the forms the viewer may use."""
    evidence = services.evidence_entries(found.intern, found.cohort, found.competency)
    readable_ids = set(
        db.session.scalars(
            access.visible_entries(current_user)
            .with_only_columns(Entry.id)
            .where(Entry.id.in_([entry.id for entry in evidence]))
        )
    )
    readable = [entry for entry in evidence if entry.id in readable_ids]
    forms.setdefault("approve_form", ApproveForm(prefix="approve", formdata=None, level=found.level))
    forms.setdefault("return_form", ReturnForm(prefix="return", formdata=None))
    forms.setdefault("revoke_form", RevokeForm(prefix="revoke", formdata=None))
    return render_template(
        "competencies/signoff.html",
        req=found,
        readable=readable,
        hidden_count=len(evidence) - len(readable),
        **forms,
    ), status


@bp.get("/signoffs/<int:request_id>")
def signoff(request_id: int):
    """One sign-off request: for the intern who asked, and for the cohort's supervisors who decide."""
    return render_signoff(access.request_or_404(request_id, "view_signoff"))


@bp.post("/signoffs/<int:request_id>/withdraw")
def withdraw(request_id: int):
    """The intern takes back a request still waiting for a decision."""
    found = access.request_or_404(request_id, "view_signoff")
    if not access.can(current_user, "withdraw_signoff", found):
        if found.status == "pending":  # only the intern who asked may withdraw
            abort(404)
        flash(_("This request has already been decided, so it can no longer be withdrawn."), "error")
        return redirect(url_for("competencies.signoff", request_id=request_id))
    try:
        services.withdraw(found, current_user)
    except services.SignOffError as refused:
        db.session.rollback()
        flash(refused.message, "error")
        return redirect(url_for("competencies.signoff", request_id=request_id))
    db.session.commit()
    flash(_("Request withdrawn. You can ask again whenever you are ready."), "success")
    return redirect(_checklist_at(found.cohort_id, found.competency_id))


def _checklist_at(cohort_id: int, competency_id: int) -> str:
    """The checklist's address scrolled to one competency, its domain open."""
    return url_for(
        "competencies.checklist", cohort_id=cohort_id, open=competency_id, _anchor=f"competency-{competency_id}"
    )
