"""Route ``/cohorts/<id>/requirements``: a cohort's credit requirements, set by coordinators."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal.cohorts.blueprint import bp
from journal.cohorts.forms import RequirementsForm
from journal.competencies.evidence import framework_competencies
from journal.credit.requirements import requirements_for, set_requirements
from journal.extensions import db
from journal.framework_words.display import competency_title
from journal.models import Cohort
from journal.models.entries import KINDS


@bp.route("/<int:cohort_id>/requirements", methods=["GET", "POST"])
def requirements(cohort_id: int):
    """Minimum clinical hours, minimum entries of each kind, and the competencies required for credit."""
    cohort = db.get_or_404(Cohort, cohort_id)  # the blueprint admits coordinators only
    competencies = framework_competencies(cohort)
    current = requirements_for(cohort)
    form = RequirementsForm(
        data={
            "min_clinical_hours": current.hours,
            **{f"min_{kind}_entries": current.entries[kind] for kind in KINDS},
            "competencies": [c.id for c in current.competencies],
        }
    )
    form.competencies.choices = [(c.id, f"{c.code} {competency_title(c)}") for c in competencies]
    if form.validate_on_submit():
        set_requirements(
            cohort,
            current_user.id,
            hours=form.min_clinical_hours.data,
            entries={kind: form[f"min_{kind}_entries"].data for kind in KINDS},
            competency_ids=form.competencies.data or [],
        )
        db.session.commit()
        flash(_("Credit requirements saved. Checklists, the dashboard and the credit summary now use them."), "success")
        return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
    status = 422 if form.errors else 200
    return render_template(
        "cohorts/requirements.html", cohort=cohort, form=form, competencies=competencies, kinds=KINDS
    ), status
