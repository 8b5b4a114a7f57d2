"""Route: ``/account/emails``, which kinds of email the person receives and how often the digest comes."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal.account.blueprint import bp
from journal.emails import preferences, settings
from journal.emails.forms import KIND_HELP, EmailSettingsForm
from journal.extensions import db
from journal.mail import mail_enabled


@bp.route("/account/emails", methods=["GET", "POST"])
def emails():
    """The kinds of email that can reach the person (``applicable_kinds``), each on or off, and the digest's
    cadence if the digest is among them, saved with one POST (a kind not offered keeps its setting); a
    refused form (422) shows the choices as they were sent."""
    form = EmailSettingsForm(current_user)
    cadence = form.digest_cadence
    if request.method == "GET":
        off = preferences.turned_off(current_user)
        form.kinds.data = [kind for kind in form.offered if kind not in off]
        if cadence:
            cadence.data = current_user.digest_cadence
    elif form.validate_on_submit():
        if settings.save_choices(current_user, form.kinds.data, cadence.data if cadence else None, form.offered):
            db.session.commit()
        flash(_("Your email settings are saved."), "success")
        return redirect(url_for("account.emails"))
    page = render_template("account/emails.html", form=form, kind_help=KIND_HELP, mail_enabled=mail_enabled())
    return page, 422 if request.method == "POST" else 200
