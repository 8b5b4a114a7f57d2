"""Routes: ``/account`` (name, time zone) and ``/account/password``."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext, refresh
from flask_login import current_user

from journal import i18n
from journal.account.blueprint import bp
from journal.account.forms import AccountForm, PasswordChangeForm
from journal.auth import services
from journal.emails.preferences import applicable_kinds
from journal.extensions import db


@bp.route("/account", methods=["GET", "POST"])
def settings():
    """Display name, time zone and language."""
    form = AccountForm(obj=current_user)
    if form.locale.data is None:  # not chosen yet: the one the page is in (their browser's) is shown as theirs
        form.locale.data = i18n.language()
    if form.validate_on_submit():
        services.update_account(current_user, form.display_name.data, form.timezone.data, form.locale.data)
        db.session.commit()
        refresh()  # the message below, and what follows, in the language just chosen
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("account.settings"))
    return render_template("account/settings.html", form=form, email_kinds=applicable_kinds(current_user))


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
            if ended:
                said = ngettext(
                    "Your password is changed. %(num)d other session was logged out.",
                    "Your password is changed. %(num)d other sessions were logged out.",
                    ended,
                )
            else:
                said = _("Your password is changed.")
            flash(said, "success")
            return redirect(url_for("account.settings"))
    return render_template("account/password.html", form=form)
