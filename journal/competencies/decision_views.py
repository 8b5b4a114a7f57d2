"""Routes of the supervisors' decisions on a sign-off request: approve, return, revoke.

Only a supervisor of the request's cohort may decide (``decide_signoff``); everyone else,
the intern who asked included, gets 404. A form error shows the request's page again with
what was typed (422); a request someone else has just decided is refused with their name.
"""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal import access
from journal.competencies import services
from journal.competencies.blueprint import bp
from journal.competencies.forms import ApproveForm, ReturnForm, RevokeForm
from journal.competencies.views import render_signoff
from journal.extensions import db


def _decide(request_id: int, form_class, name: str, needs: str, act, success) -> object:
    """Validate the decision's form, run ``act(request, form)``, then commit and confirm it with
    ``success(request, form)``; or show the form again (422), or roll back and say why it was refused.

    ``needs`` is the status the request must have (``pending``, or ``approved`` to revoke).
    """
    found = access.request_or_404(request_id, "decide_signoff")
    form = form_class(prefix=name)
    if found.status != needs:  # decided meanwhile: the page no longer shows this form, so say why instead
        flash(services.already_decided(found).message, "error")
        return redirect(url_for("competencies.signoff", request_id=request_id))
    if not form.validate_on_submit():
        return render_signoff(found, 422, **{f"{name}_form": form})
    try:
        act(found, form)
    except services.SignOffError as refused:
        db.session.rollback()
        flash(refused.message, "error")
    else:
        message = success(found, form)
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("competencies.signoff", request_id=request_id))


@bp.post("/signoffs/<int:request_id>/approve")
def approve(request_id: int):
    """Sign the competency off at the level chosen, with an optional note."""
    return _decide(
        request_id,
        ApproveForm,
        "approve",
        "pending",
        lambda found, form: services.approve(found, current_user, form.level.data, form.note.data),
        lambda found, form: _(
            "Signed off %(code)s at level %(level)d. %(name)s has been told.",
            code=found.competency.code,
            level=form.level.data,
            name=found.intern.display_name,
        ),
    )


@bp.post("/signoffs/<int:request_id>/return")
def return_request(request_id: int):
    """Send the request back to the intern with feedback."""
    return _decide(
        request_id,
        ReturnForm,
        "return",
        "pending",
        lambda found, form: services.return_request(found, current_user, form.note.data),
        lambda found, form: _("Returned to %(name)s with your feedback.", name=found.intern.display_name),
    )


@bp.post("/signoffs/<int:request_id>/revoke")
def revoke(request_id: int):
    """Revoke an approval, with a reason and a confirmation; the approval stays in the history."""
    return _decide(
        request_id,
        RevokeForm,
        "revoke",
        "approved",
        lambda found, form: services.revoke(found, current_user, form.reason.data),
        lambda found, form: _(
            "Sign-off of %(code)s revoked. %(name)s has been told.",
            code=found.competency.code,
            name=found.intern.display_name,
        ),
    )
