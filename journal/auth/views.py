"""Routes: log in and out, accept an invitation, account settings."""

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import SQLAlchemyError

from journal.auth import bp, services
from journal.auth.forms import AcceptInvitationForm, LoginForm
from journal.extensions import db, limiter


def _safe_next(target: str | None) -> str | None:
    """Accept only a path on this site as a place to return to after login."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def start_session(user) -> None:
    """Log the user in on a brand-new session (no fixation of an earlier one)."""
    session.clear()
    login_user(user)
    session.permanent = True


def _login_failed(response) -> bool:
    """Only failed logins count against the throttle; a success costs nothing."""
    return request.method == "POST" and response.status_code == 200


@bp.route("/login", methods=["GET", "POST"])
# Counted after the response, failures alone cannot stop a burst sent all at once; this
# second limit counts every attempt before it is checked, and caps such bursts.
@limiter.limit(lambda: current_app.config["LOGIN_ATTEMPT_LIMIT"], methods=["POST"], scope="login-attempts")
@limiter.limit(
    lambda: current_app.config["LOGIN_FAILURE_LIMIT"],
    methods=["POST"],
    deduct_when=_login_failed,
    scope="login-failures",
)
def login():
    """Show the login form; on success start a new session and go home (or to ``next``)."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            start_session(user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")) or url_for("home.index"))
        form.password.errors.append("Email or password is incorrect.")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    """End the session."""
    logout_user()
    session.clear()
    flash("You have logged out.", "info")
    return redirect(url_for("auth.login"))


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
            user = services.accept_invitation(invitation, form.display_name.data or "", form.password.data or "")
            db.session.commit()
        except (services.AccountError, SQLAlchemyError):
            # Another submission of the same link got there first (a double click, two tabs).
            db.session.rollback()
            return render_template("auth/invitation_invalid.html"), 404
        return _after_joining(user, existing, cohort_id, cohort_name)
    return render_template("auth/accept_invitation.html", form=form, invitation=invitation, existing=existing)


def _after_joining(user, existing, cohort_id: int, cohort_name: str):
    """A new account is logged in; an existing one logs in as usual (unless it already is)."""
    home = url_for("home.cohort", cohort_id=cohort_id)
    if existing is None:
        start_session(user)
        flash(f"Welcome to Intern Journal, {user.display_name}.", "success")
        return redirect(home)
    if current_user.is_authenticated and current_user.id == existing.id:
        flash(f"You have joined {cohort_name}.", "success")
        return redirect(home)
    logout_user()
    flash(f"You have joined {cohort_name}. Log in with your existing account.", "success")
    return redirect(url_for("auth.login", next=home))
