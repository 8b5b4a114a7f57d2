"""Routes: ``/password/forgot`` (ask for a reset link by email) and ``/password/reset/<token>`` (set a new
password with it). Both are public: someone logged in who forgot their password cannot change it on the
account page, which asks for the current one.

The answer to asking is the same page and status whatever the address, and it takes about as long: a
known account's link is written and committed, an unknown address writes nothing, so the answer waits
until ``ANSWER_AFTER`` has passed since the request began either way. The email itself goes out from a
background job (``send_email``), and if that cannot be queued, the scheduler's ``deliver_emails`` sends it
within a minute.
"""

import logging
import time

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, SubmitField
from wtforms.validators import DataRequired, Length

from journal import jobs
from journal.auth import reset
from journal.auth.blueprint import bp
from journal.auth.forms import NewPasswordMixin
from journal.auth.services import AccountError
from journal.extensions import db, limiter

log = logging.getLogger(__name__)

# Per client address: generous for a ward's computers behind one address, tight for a script.
REQUEST_LIMIT = "5 per minute;30 per hour"
# No answer to a request for a link comes sooner, known address or not (seconds).
ANSWER_AFTER = 0.3


class ForgotPasswordForm(FlaskForm):
    """The address to send a reset link to."""

    email = EmailField(
        _l("Email"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],  # a pasted address's spaces
        # No check of the address's form: like the login form's, it is only looked up (and the demo's
        # addresses end in .test, which address checkers refuse).
        validators=[DataRequired(), Length(max=254)],
        description=_l("The address you log in with."),
    )
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(NewPasswordMixin, FlaskForm):
    """The new password, typed twice (the same rule as everywhere else)."""

    submit = SubmitField(_l("Set my new password"))


def _send(email_id: int) -> None:
    """Hand the email to the background job; if the queue does not take it, the scheduler will."""
    try:
        jobs.dispatch("send_email", email_id)
    except jobs.JobError:
        log.warning("reset email %s not queued now; the scheduler sends it", email_id)


def _answer_no_sooner(started: float) -> None:
    """Wait until ``ANSWER_AFTER`` has passed since ``started``, so a known address (a link written and
    committed) is not answered later than an unknown one (nothing written)."""
    wait = current_app.config.get("PASSWORD_RESET_ANSWER_AFTER", ANSWER_AFTER) - (time.monotonic() - started)
    if wait > 0:
        time.sleep(wait)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config.get("PASSWORD_RESET_LIMIT", REQUEST_LIMIT), methods=["POST"], scope="password-reset"
)
def forgot_password():
    """Ask for a reset link; answered with the same page whether or not the address has an account."""
    form = ForgotPasswordForm()
    if not form.validate_on_submit():
        return render_template("auth/forgot.html", form=form)
    started = time.monotonic()
    email = reset.request_reset(form.email.data)
    email_id = email.id if email is not None else None
    db.session.commit()
    if email_id is not None:
        _send(email_id)
    _answer_no_sooner(started)
    return render_template("auth/forgot_sent.html", address=form.email.data)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_ATTEMPT_LIMIT"], methods=["POST"], scope="password-reset-links")
def reset_password(token: str):
    """Show the new-password form while the link is open (looking uses nothing up); set it on POST, once."""
    if reset.open_link(token) is None:
        return render_template("auth/reset_invalid.html"), 404
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            reset.reset_password(token, form.password.data)
            db.session.commit()
        except reset.ResetLinkError:
            # Another submission of the same link got there first (a double click, two tabs), or the link
            # was replaced or expired since the form was shown.
            db.session.rollback()
            return render_template("auth/reset_invalid.html"), 404
        except AccountError as error:
            db.session.rollback()
            form.password.errors.append(str(error))
            return render_template("auth/reset.html", form=form)
        logout_user()  # the person logs in afresh, in this browser too
        session.clear()
        flash(_("Your password is changed and every session is logged out. Log in with your new password."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)
