"""Routes: log in (password, then code where two-factor is on), log out, confirm the password
again, accept an invitation."""

import time

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError

from journal.auth import reauth, services, sessions, throttle, two_factor
from journal.auth.blueprint import bp
from journal.auth.forms import AcceptInvitationForm, CodeForm, ConfirmPasswordForm, LoginForm
from journal.extensions import db, limiter
from journal.links import local_path
from journal.models import User
from journal.models.types import utcnow

PENDING_KEY = "pending_login"
# The code step must follow the password step within this many seconds.
PENDING_FOR = 300

# What someone whose cohort requires two-factor may still open before turning it on.
OPEN_UNTIL_TWO_FACTOR = {
    "static",
    "auth.logout",
    "account.security",
    "account.two_factor_start",
    "account.two_factor_setup",
}


def _login_failed(response) -> bool:
    """Only failed logins count against the throttle; a success costs nothing."""
    return request.method == "POST" and response.status_code == 200


def _login_limits(view):
    """The per-address limits shared by the password and the code steps.

    Counted after the response, failures alone cannot stop a burst sent all at once; the
    first limit counts every attempt before it is checked, and caps such bursts.
    """
    view = limiter.limit(
        lambda: current_app.config["LOGIN_FAILURE_LIMIT"],
        methods=["POST"],
        deduct_when=_login_failed,
        scope="login-failures",
    )(view)
    return limiter.limit(lambda: current_app.config["LOGIN_ATTEMPT_LIMIT"], methods=["POST"], scope="login-attempts")(
        view
    )


def _finish_login(user, *, two_factor: bool, next_url: str | None):
    """Open the session, audit it, and go where the person was heading."""
    sessions.start_session(user)
    user.last_login_at = utcnow()
    throttle.record_success(user, two_factor=two_factor)
    db.session.commit()
    return redirect(local_path(next_url) or url_for("home.index"))


@bp.route("/login", methods=["GET", "POST"])
@_login_limits
def login():
    """Check the password; then either ask for the second factor or start the session."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.check_login(form.email.data, form.password.data)
        except services.AccountError as error:
            db.session.commit()  # the failed attempt's audit record
            form.password.errors.append(str(error))
            return render_template("auth/login.html", form=form)
        if user.has_two_factor:
            session.clear()
            session[PENDING_KEY] = {"user": user.id, "at": int(time.time()), "next": request.args.get("next")}
            return redirect(url_for("auth.login_code"))
        return _finish_login(user, two_factor=False, next_url=request.args.get("next"))
    return render_template("auth/login.html", form=form)


def _pending_user():
    """The account whose password was just accepted, while the code step is still open."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_FOR:
        return None, None
    user = db.session.get(User, pending.get("user"))
    return (user, pending.get("next")) if user is not None and user.has_two_factor else (None, None)


@bp.route("/login/code", methods=["GET", "POST"])
@_login_limits
def login_code():
    """The second step: a code from the authenticator app or a recovery code."""
    user, next_url = _pending_user()
    if user is None:
        session.pop(PENDING_KEY, None)
        flash(_("Please log in again: the code must follow the password within five minutes."), "info")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        right = not throttle.is_locked(user) and two_factor.check_code(user, form.code.data)
        if not throttle.settle(user, ok=right, stage="code"):
            db.session.commit()
            form.code.errors.append(throttle.LOCKED_MESSAGE)
        elif right:
            return _finish_login(user, two_factor=True, next_url=next_url)
        else:
            db.session.commit()
            form.code.errors.append(
                _("That code is not right. Type the newest code from your app, or a recovery code.")
            )
    return render_template("auth/login_code.html", form=form)


@bp.post("/logout")
def logout():
    """End the session, on the server as well as in this browser."""
    sessions.end_session()
    refresh()  # said in the language of the login page that follows: this browser's, no longer the account's
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/confirm-password", methods=["GET", "POST"])
@login_required
def confirm_password():
    """Type the password again before a sensitive act (the page says why, in words that fit it), then go on to it."""
    form = ConfirmPasswordForm()
    back = local_path(request.args.get("next")) or url_for("account.settings")
    if form.validate_on_submit():
        problem = reauth.confirm_password(form.password.data)
        db.session.commit()
        if problem is None:
            return redirect(back)
        form.password.errors.append(problem)
    return render_template("auth/confirm_password.html", form=form, purpose=reauth.purpose_of(back))


@bp.before_app_request
def require_two_factor():
    """Where a cohort requires two-factor, its supervisors and the coordinators set it up first."""
    if request.endpoint == "static":  # files need no account (and no database, which may be down)
        return None
    if (
        current_user.is_authenticated
        and g.get("two_factor_required")
        and not current_user.has_two_factor
        and request.endpoint not in OPEN_UNTIL_TWO_FACTOR
    ):
        flash(_("Your programme requires two-factor authentication. Turn it on to continue."), "info")
        return redirect(url_for("account.security"))
    return None


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    """Let an invited person set their name and password, once, before the link expires."""
    invitation = services.invitation_by_token(token)
    if invitation is None:
        return render_template("auth/invitation_invalid.html"), 404
    existing = services.user_by_email(invitation.email)
    form = AcceptInvitationForm(display_name=invitation.display_name)
    if request.method == "POST" and (existing is not None or form.validate_on_submit()):
        cohort_id, cohort_name = invitation.cohort_id, invitation.cohort.name
        try:
            user = services.accept_invitation(token, form.display_name.data or "", form.password.data or "")
            db.session.commit()
        except (services.AccountError, SQLAlchemyError):
            # Another submission of the same link got there first (a double click, two tabs), or the
            # link was renewed or cancelled since the page was read.
            db.session.rollback()
            return render_template("auth/invitation_invalid.html"), 404
        return _after_joining(user, existing, cohort_id, cohort_name)
    return render_template("auth/accept_invitation.html", form=form, invitation=invitation, existing=existing)


def _after_joining(user, existing, cohort_id: int, cohort_name: str):
    """A new account is logged in; an existing one logs in as usual (unless it already is)."""
    home = url_for("home.cohort", cohort_id=cohort_id)
    if existing is None:
        sessions.start_session(user)
        db.session.commit()
        flash(_("Welcome to Intern Journal, %(name)s.", name=user.display_name), "success")
        return redirect(home)
    if current_user.is_authenticated and current_user.id == existing.id:
        flash(_("You have joined %(cohort)s.", cohort=cohort_name), "success")
        return redirect(home)
    sessions.end_session()
    flash(_("You have joined %(cohort)s. Log in with your existing account.", cohort=cohort_name), "success")
    return redirect(url_for("auth.login", next=home))
