"""Routes of the supervisors' decisions on a sign-off request: approve, return, revoke.

Only a supervisor of the request's cohort may decide (``decide_signoff``); everyone else,
the intern who asked included, gets 404. A form error shows the request's page again with
what was typed (422); a request someone else has just decided is refused with their name.
"""

from flask import flash, redirect, url_for
from flask_login import current_user

from journal import access
from journal.competencies import bp, services
from journal.competencies.forms import ApproveForm, ReturnForm, RevokeForm
from journal.competencies.views import render_signoff
from journal.extensions import db


def _decided(request_id: int, act, success: str):
    """Run one decision; commit and confirm it, or roll back and say why it was refused."""
    try:
        act()
    except services.SignOffError as refused:
        db.session.rollback()
        flash(refused.message, "error")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(url_for("competencies.signoff", request_id=request_id))


@bp.post("/signoffs/<int:request_id>/approve")
def approve(request_id: int):
    """Sign the competency off at the level chosen, with an optional note."""
    found = access.request_or_404(request_id, "decide_signoff")
    form = ApproveForm(prefix="approve")
    if not form.validate_on_submit():
        return render_signoff(found, 422, approve_form=form)
    return _decided(
        request_id,
        lambda: services.approve(found, current_user, form.level.data, form.note.data),
        f"Signed off {found.competency.code} at level {form.level.data}. {found.intern.display_name} has been told.",
    )


@bp.post("/signoffs/<int:request_id>/return")
def return_request(request_id: int):
    """Send the request back to the intern with feedback."""
    found = access.request_or_404(request_id, "decide_signoff")
    form = ReturnForm(prefix="return")
    if not form.validate_on_submit():
        return render_signoff(found, 422, return_form=form)
    return _decided(
        request_id,
        lambda: services.return_request(found, current_user, form.note.data),
        f"Returned to {found.intern.display_name} with your feedback.",
    )


@bp.post("/signoffs/<int:request_id>/revoke")
def revoke(request_id: int):
    """Revoke an approval, with a reason and a confirmation; the approval stays in the history."""
    found = access.request_or_404(request_id, "decide_signoff")
    form = RevokeForm(prefix="revoke")
    if not form.validate_on_submit():
        return render_signoff(found, 422, revoke_form=form)
    return _decided(
        request_id,
        lambda: services.revoke(found, current_user, form.reason.data),
        f"Sign-off of {found.competency.code} revoked. {found.intern.display_name} has been told.",
    )
