"""Routes: ``/account/security`` — where one is logged in, recent logins, two-factor."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from journal import audit
from journal.account.blueprint import bp
from journal.auth import reauth, sessions, two_factor
from journal.auth.forms import DisableTwoFactorForm, EnableTwoFactorForm
from journal.auth.services import AccountError
from journal.extensions import db
from journal.models import AuditEvent

RECENT_ACTIVITY = 10


def _recent_activity():
    """The latest logins, failures and security changes on this account."""
    return db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.object_type == "user", AuditEvent.object_id == current_user.id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(RECENT_ACTIVITY)
    ).all()


def _security_page(disable_form, status: int = 200):
    return render_template(
        "account/security.html",
        sessions=sessions.sessions_of(current_user),
        this_session=sessions.current_session(),
        activity=_recent_activity(),
        codes_left=two_factor.recovery_codes_left(current_user) if current_user.has_two_factor else 0,
        required=g.get("two_factor_required", False),
        disable_form=disable_form,
    ), status


@bp.get("/account/security")
def security():
    """Sessions, two-factor status and recent login activity."""
    return _security_page(DisableTwoFactorForm())


@bp.post("/account/sessions/end-others")
def end_other_sessions():
    """Log out every other browser and device."""
    ended = sessions.end_other_sessions(current_user)
    audit.record(current_user.id, "sessions.ended", current_user, None, sessions_ended=ended)
    db.session.commit()
    flash(ngettext("Logged out of %(num)d other session.", "Logged out of %(num)d other sessions.", ended), "success")
    return redirect(url_for("account.security"))


@bp.post("/account/two-factor/start")
def two_factor_start():
    """Make a new secret for the authenticator app; it counts only once a code confirms it."""
    if current_user.has_two_factor:
        flash(_("Two-factor authentication is already on."), "info")
        return redirect(url_for("account.security"))
    two_factor.start_setup(current_user)  # not over a setup confirmed meanwhile in another tab
    db.session.commit()
    return redirect(url_for("account.two_factor_setup"))


@bp.route("/account/two-factor", methods=["GET", "POST"])
def two_factor_setup():
    """Scan the QR code, type the first code; then the recovery codes are shown, once."""
    if current_user.has_two_factor:
        return redirect(url_for("account.security"))
    secret = current_user.totp_secret
    if secret is None:
        flash(_("Start by choosing “Turn on two-factor authentication”."), "info")
        return redirect(url_for("account.security"))
    form = EnableTwoFactorForm()
    if form.validate_on_submit():
        try:
            codes = two_factor.enable(current_user, secret, form.code.data)
        except AccountError as error:
            form.code.errors.append(str(error))
        else:
            audit.record(current_user.id, "two_factor.enabled", current_user, None)
            db.session.commit()
            return render_template("account/recovery_codes.html", codes=codes, first_time=True)
    uri = two_factor.setup_uri(current_user, secret)
    return render_template(
        "account/two_factor_setup.html", form=form, qr_code=two_factor.qr_code_svg(uri), secret=secret
    )


@bp.post("/account/two-factor/recovery-codes")
@reauth.recent_password_required
def new_recovery_codes():
    """Replace the recovery codes (the old ones stop working) and show the new ones once."""
    if not current_user.has_two_factor:
        flash(_("Two-factor authentication is off, so there are no recovery codes to replace."), "info")
        return redirect(url_for("account.security"))
    codes = two_factor.new_recovery_codes(current_user)
    audit.record(current_user.id, "recovery_codes.renewed", current_user, None)
    db.session.commit()
    return render_template("account/recovery_codes.html", codes=codes, first_time=False)


@bp.post("/account/two-factor/disable")
def two_factor_disable():
    """Turn two-factor off with the password and a code, unless a cohort requires it."""
    form = DisableTwoFactorForm()
    if not current_user.has_two_factor:
        flash(_("Two-factor authentication is already off."), "info")
        return redirect(url_for("account.security"))
    if g.get("two_factor_required"):
        flash(_("Your programme requires two-factor authentication, so it cannot be turned off."), "error")
        return redirect(url_for("account.security"))
    if form.validate_on_submit():
        problem = reauth.confirm_password(form.password.data)
        if problem is None and not two_factor.check_code(current_user, form.code.data):
            problem = _("That code is not right. Type the newest code from your app, or a recovery code.")
        if problem is None:
            two_factor.disable(current_user)
            audit.record(current_user.id, "two_factor.disabled", current_user, None)
            db.session.commit()
            flash(_("Two-factor authentication is off."), "success")
            return redirect(url_for("account.security"))
        db.session.commit()  # a wrong password is audited
        form.code.errors.append(problem)
    return _security_page(form, 422)
