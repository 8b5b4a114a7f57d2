"""Routes under ``/cohorts``: coordinators manage cohorts, members and invitations."""

import smtplib

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from journal.auth.services import AccountError
from journal.cohorts import members, services
from journal.cohorts.blueprint import bp
from journal.cohorts.forms import (
    AssignFrameworkForm,
    CohortForm,
    ConfirmForm,
    InviteForm,
    NewCohortForm,
    RoleForm,
    RosterForm,
)
from journal.cohorts.queries import members_by_role, placement_progress, role_counts
from journal.cohorts.roster import EXAMPLE, RosterProblem, parse_roster
from journal.competencies import frameworks
from journal.extensions import db
from journal.framework_words.display import framework_label
from journal.mail import BadHeaderError, mail_enabled, send_invitation
from journal.models import Cohort, Framework, Invitation, Membership
from journal.models.cohorts import ROLE_NOUNS

RACE_MESSAGE = _l("Someone was invited or added to this cohort at the same moment. Reload the page and try again.")
CHANGED_MESSAGE = _l("This membership was changed by someone else meanwhile. Here is the cohort as it is now.")


def _cohort_or_404(cohort_id: int) -> Cohort:
    return db.get_or_404(Cohort, cohort_id)


def _open_invitation_or_404(cohort: Cohort, invitation_id: int) -> Invitation:
    """An invitation of this cohort that has not been accepted yet."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.cohort_id != cohort.id or invitation.accepted_at is not None:
        abort(404)
    return invitation


@bp.get("/")
def index():
    """Every cohort with its member counts."""
    cohorts = db.session.scalars(select(Cohort).order_by(Cohort.start_date.desc(), Cohort.name)).all()
    counts = role_counts([c.id for c in cohorts])
    return render_template("cohorts/index.html", cohorts=cohorts, counts=counts, progress=placement_progress)


def _new_cohort_form() -> NewCohortForm:
    """The new-cohort form, its framework menu defaulting to the default framework (made on first use)."""
    default = frameworks.default_framework()
    db.session.commit()
    form = NewCohortForm(timezone="UTC", framework_id=default.id)
    form.framework_id.choices = [(f.id, framework_label(f)) for f in frameworks.all_frameworks()]
    return form


@bp.route("/new", methods=["GET", "POST"])
def create():
    """Create a cohort, using the framework chosen for it."""
    form = _new_cohort_form()
    if form.validate_on_submit():
        if services.cohort_name_taken(form.name.data):
            form.name.errors.append(_("Another cohort already has this name."))
        else:
            cohort = services.save_cohort(None, form.data)
            frameworks.assign_framework(cohort, db.session.get(Framework, form.framework_id.data), current_user)
            db.session.commit()
            flash(_("Cohort “%(name)s” created. Now invite its members.", name=cohort.name), "success")
            return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
    return render_template("cohorts/form.html", form=form, cohort=None)


@bp.route("/<int:cohort_id>/edit", methods=["GET", "POST"])
def edit(cohort_id: int):
    """Edit a cohort's details."""
    cohort = _cohort_or_404(cohort_id)
    form = CohortForm(obj=cohort)
    if form.validate_on_submit():
        if services.cohort_name_taken(form.name.data, exclude_id=cohort.id):
            form.name.errors.append(_("Another cohort already has this name."))
        else:
            services.save_cohort(cohort, form.data)
            db.session.commit()
            flash(_("Cohort details saved."), "success")
            return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
    return render_template("cohorts/form.html", form=form, cohort=cohort)


@bp.get("/<int:cohort_id>")
def detail(cohort_id: int):
    """A cohort's members by role and its invitations."""
    cohort = _cohort_or_404(cohort_id)
    invitations = db.session.scalars(
        select(Invitation)
        .where(Invitation.cohort_id == cohort.id, Invitation.accepted_at.is_(None))
        .order_by(Invitation.created_at.desc())
    ).all()
    return render_template(
        "cohorts/detail.html",
        cohort=cohort,
        members=members_by_role(cohort.id),
        invitations=invitations,
        invite_form=InviteForm(),
        confirm_form=ConfirmForm(),
        progress=placement_progress(cohort),
        framework_form=AssignFrameworkForm(framework_id=cohort.framework_id),
        frameworks=frameworks.all_frameworks(),
        framework_blocker=frameworks.switch_blocker(cohort),
    )


def _deliver(outcomes: list[services.InviteOutcome]) -> bool:
    """Email the new, already committed invitations when mail is configured; True if all were sent.

    Sending after the commit keeps the database free while the mail server is slow, and
    never emails a link that then fails to be saved. A mail server that fails does not
    lose the invitations: the links are shown instead.
    """
    if not mail_enabled():
        return False
    try:
        for outcome in outcomes:
            if outcome.invitation is not None:
                send_invitation(outcome.invitation, outcome.link)
    except (OSError, smtplib.SMTPException, BadHeaderError):
        current_app.logger.warning("Sending invitation email failed", exc_info=True)
        flash(_("The mail server could not be reached. Pass these links on yourself."), "warning")
        return False
    return True


@bp.post("/<int:cohort_id>/invite")
def invite(cohort_id: int):
    """Invite one person; show the link to pass on unless it was emailed."""
    cohort = _cohort_or_404(cohort_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            outcome = services.invite(cohort, form.email.data, form.role.data, current_user, form.display_name.data)
            db.session.commit()
        except AccountError as error:
            form.email.errors.append(str(error))
        except IntegrityError:
            db.session.rollback()
            form.email.errors.append(str(RACE_MESSAGE))
        else:
            emailed = _deliver([outcome])
            return render_template("cohorts/invited.html", cohort=cohort, outcomes=[outcome], emailed=emailed)
    return render_template("cohorts/invite.html", cohort=cohort, invite_form=form), 422


@bp.post("/<int:cohort_id>/invitations/<int:invitation_id>/renew")
def renew_invitation(cohort_id: int, invitation_id: int):
    """Make a new link for an invitation (the old link stops working)."""
    cohort = _cohort_or_404(cohort_id)
    invitation = _open_invitation_or_404(cohort, invitation_id)
    link = services.renew_invitation(invitation, current_user)
    outcome = services.InviteOutcome(invitation.email, invitation.role, invitation=invitation, link=link)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        flash(_("%(email)s already has another open invitation; use that one.", email=outcome.email), "error")
        return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
    emailed = _deliver([outcome])
    return render_template("cohorts/invited.html", cohort=cohort, outcomes=[outcome], emailed=emailed)


@bp.post("/<int:cohort_id>/invitations/<int:invitation_id>/revoke")
def revoke_invitation(cohort_id: int, invitation_id: int):
    """Cancel an invitation so its link no longer works."""
    cohort = _cohort_or_404(cohort_id)
    invitation = _open_invitation_or_404(cohort, invitation_id)
    services.revoke_invitation(invitation, current_user)
    db.session.commit()
    flash(_("The invitation for %(email)s is cancelled.", email=invitation.email), "success")
    return redirect(url_for("cohorts.detail", cohort_id=cohort.id))


def _membership_or_404(cohort: Cohort, membership_id: int) -> Membership:
    """A membership of this cohort, with its user."""
    membership = db.session.scalar(
        select(Membership)
        .options(joinedload(Membership.user))
        .where(Membership.id == membership_id, Membership.cohort_id == cohort.id)
    )
    if membership is None:
        abort(404)
    return membership


@bp.route("/<int:cohort_id>/members/<int:membership_id>/remove", methods=["GET", "POST"])
def remove_member(cohort_id: int, membership_id: int):
    """Ask to confirm, then take a person out of the cohort."""
    cohort = _cohort_or_404(cohort_id)
    membership = _membership_or_404(cohort, membership_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = membership.user.display_name
        try:
            members.remove_membership(membership, current_user)
        except members.MembershipChanged:
            db.session.rollback()
            flash(str(CHANGED_MESSAGE), "warning")
        else:
            db.session.commit()
            flash(
                _(
                    "%(name)s is no longer a member of %(cohort)s. Their account remains.",
                    name=name,
                    cohort=cohort.name,
                ),
                "success",
            )
        return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
    return render_template("cohorts/remove_member.html", cohort=cohort, membership=membership, form=form)


@bp.route("/<int:cohort_id>/members/<int:membership_id>/role", methods=["GET", "POST"])
def change_role(cohort_id: int, membership_id: int):
    """Choose a member's new role; the cohort's interns are told of a new supervisor or reviewer."""
    cohort = _cohort_or_404(cohort_id)
    membership = _membership_or_404(cohort, membership_id)
    form = RoleForm(role=membership.role)
    if form.validate_on_submit():
        try:
            flash(*_change_role(cohort, membership, form.role.data))
        except members.RoleChangeRefused as refused:
            form.role.errors.append(str(refused))
        else:
            return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
    status = 422 if form.errors else 200
    return render_template("cohorts/change_role.html", cohort=cohort, membership=membership, form=form), status


def _change_role(cohort: Cohort, membership: Membership, role: str) -> tuple[str, str]:
    """Change the role and commit; return the message saying what happened, and its category."""
    name = membership.user.display_name
    try:
        changed = members.change_role(membership, role, current_user)
    except members.MembershipChanged:
        db.session.rollback()
        return str(CHANGED_MESSAGE), "warning"
    db.session.commit()
    if changed:
        message = _(
            "%(name)s is now a member of %(cohort)s as %(role)s.", name=name, cohort=cohort.name, role=ROLE_NOUNS[role]
        )
        return message, "success"
    return _already_in_role(name, role), "info"


def _already_in_role(name: str, role: str) -> str:
    """That ``name`` holds ``role`` already: a sentence per role, as each language has its own articles."""
    if role == "intern":
        return _("%(name)s is already an intern; nothing changed.", name=name)
    if role == "supervisor":
        return _("%(name)s is already a supervisor; nothing changed.", name=name)
    return _("%(name)s is already a university reviewer; nothing changed.", name=name)


@bp.route("/<int:cohort_id>/roster", methods=["GET", "POST"])
def import_roster(cohort_id: int):
    """Upload a roster CSV; report every bad line, or invite everyone in a clean file."""
    cohort = _cohort_or_404(cohort_id)
    form = RosterForm()
    problems = []
    if form.validate_on_submit():
        rows, problems = parse_roster(form.roster.data.read())
        if not problems:
            problems = services.check_roster_against_cohort(cohort, rows)
        if not problems:
            try:
                outcomes = services.import_roster(cohort, rows, current_user)
                db.session.commit()
            except (AccountError, IntegrityError):
                db.session.rollback()
                problems = [
                    RosterProblem(
                        0,
                        _(
                            "Nothing was imported. Someone was invited or added to this cohort at the same moment. "
                            "Reload the page and try again."
                        ),
                    )
                ]
            else:
                emailed = _deliver(outcomes)
                return render_template("cohorts/invited.html", cohort=cohort, outcomes=outcomes, emailed=emailed)
    status = 422 if problems or form.errors else 200
    page = render_template("cohorts/roster.html", cohort=cohort, form=form, problems=problems, example=EXAMPLE)
    return page, status
