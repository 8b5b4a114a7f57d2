"""Routes: ``/`` sends each person to their home; ``/home/<cohort>`` is that home."""

from flask import redirect, render_template, session, url_for
from flask_login import current_user

from journal import access
from journal.extensions import db
from journal.home import services
from journal.home.blueprint import bp


@bp.get("/")
def index():
    """Coordinators go to cohort management; members to their last (or newest) cohort."""
    if access.can(current_user, "manage_cohorts"):
        return redirect(url_for("cohorts.index"))
    memberships = db.session.scalars(access.memberships_of(current_user)).all()
    if not memberships:
        return render_template("home/no_cohort.html")
    chosen = next((m for m in memberships if m.cohort_id == session.get("cohort_id")), memberships[0])
    return redirect(url_for("home.cohort", cohort_id=chosen.cohort_id))


@bp.get("/home/<int:cohort_id>")
def cohort(cohort_id: int):
    """The home page for the current user's role in this cohort."""
    membership = access.member_or_404(cohort_id)
    session["cohort_id"] = cohort_id
    context = services.home_context(membership)
    return render_template(f"home/{membership.role}.html", membership=membership, cohort=membership.cohort, **context)
