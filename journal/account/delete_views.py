"""Route ``/account/delete``: what deleting the account removes and keeps, and the deletion itself."""

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, logout_user

from journal.account import deletion
from journal.account.blueprint import bp
from journal.account.forms import DeleteAccountForm
from journal.auth.reauth import recent_password_required
from journal.extensions import db


@bp.route("/account/delete", methods=["GET", "POST"])
@recent_password_required
def delete_account():
    """Show what goes and what stays; on a typed confirmation delete the account, end the session
    and send the person to the login page. Asks for the password again after 10 minutes."""
    user = current_user._get_current_object()
    preview = deletion.preview(user)
    form = DeleteAccountForm(email=user.email)
    if form.validate_on_submit() and not preview.last_coordinator:
        keep = bool(form.keep_submissions.data) and preview.portfolio_count > 0
        try:
            deletion.delete_account(user, keep_submissions=keep)
        except deletion.AccountDeletionError as error:  # another coordinator went meanwhile
            db.session.rollback()
            form.confirm.errors = [*form.confirm.errors, str(error)]
        else:
            db.session.commit()
            logout_user()
            session.clear()
            refresh()  # said in the language of the login page that follows: this browser's
            flash(_("Your account has been deleted."), "info")
            return redirect(url_for("auth.login"))
    refused = form.is_submitted() and (form.errors or preview.last_coordinator)
    return render_template("account/delete.html", form=form, preview=preview), 422 if refused else 200
