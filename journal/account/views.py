"""Routes: ``/account`` (name, time zone) and ``/account/password``."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from journal.account.blueprint import bp
from journal.account.forms import AccountForm, PasswordChangeForm
from journal.auth import services
from journal.extensions import db


@bp.route("/account", methods=["GET", "POST"])
def settings():
    """Display name and time zone."""
    form = AccountForm(obj=current_user)
    if form.validate_on_submit():
        services.update_account(current_user, form.display_name.data, form.timezone.data)
        db.session.commit()
        flash("Your settings are saved.", "success")
        return redirect(url_for("account.settings"))
    return render_template("account/settings.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
def password():
    """Change the password after proving the current one; every other session ends."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            ended = services.change_password(current_user, form.current_password.data, form.password.data)
        except services.AccountError as error:
            db.session.commit()  # a wrong current password is audited as a failed login
            form.current_password.errors.append(str(error))
        else:
            db.session.commit()
            others = f" {ended} other session{'s were' if ended != 1 else ' was'} logged out." if ended else ""
            flash(f"Your password is changed.{others}", "success")
            return redirect(url_for("account.settings"))
    return render_template("account/password.html", form=form)
