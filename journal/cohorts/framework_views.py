"""Routes under ``/cohorts/frameworks``: coordinators list, import and assign competency frameworks."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from journal.cohorts.blueprint import bp
from journal.cohorts.forms import AssignFrameworkForm, FrameworkImportForm
from journal.competencies import frameworks as service
from journal.competencies.framework_import import (
    FrameworkFileError,
    ParsedFramework,
    Problem,
    parse_framework_data,
    parse_framework_file,
)
from journal.extensions import db
from journal.models import Cohort, Framework

MAX_FILE_BYTES = 1024 * 1024


def _read_upload(form: FrameworkImportForm) -> ParsedFramework:
    """The framework in the uploaded file or the pasted text; raises FrameworkFileError."""
    upload = form.upload.data
    if upload and upload.filename:
        data = upload.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise FrameworkFileError(
                [Problem("File", "the file is larger than 1 MB; split it or remove what is not needed.")]
            )
        return parse_framework_file(data, upload.filename)
    return parse_framework_file(form.pasted.data)


def _csv_response(parsed: ParsedFramework, filename: str) -> Response:
    """The framework as a CSV download."""
    return Response(
        service.framework_csv(parsed),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/frameworks/")
def frameworks_index():
    """Every framework version, with its size and the cohorts that use it."""
    return render_template("cohorts/frameworks.html", rows=service.frameworks_overview())


@bp.route("/frameworks/import", methods=["GET", "POST"])
def framework_import():
    """Check an uploaded or pasted framework file; import it as a new version only if every line is clean."""
    form = FrameworkImportForm()
    problems: list[Problem] = []
    if form.validate_on_submit():
        try:
            parsed = _read_upload(form)
            name = form.name.data or parsed.name
            framework = service.import_framework(
                name, form.description.data or parsed.description, parsed, current_user
            )
            db.session.commit()
        except FrameworkFileError as error:
            problems = error.problems
        except service.FrameworkError as error:
            form.name.errors.append(str(error))
        except IntegrityError:
            db.session.rollback()
            problems = [
                Problem("File", "Nothing was imported: someone imported this framework at the same moment. Try again.")
            ]
        else:
            flash(f"Imported {framework.label} with {parsed.competency_count} competencies.", "success")
            return redirect(url_for("cohorts.framework_detail", framework_id=framework.id))
    status = 422 if request.method == "POST" else 200
    return render_template("cohorts/framework_import.html", form=form, problems=problems), status


@bp.get("/frameworks/example.csv")
def framework_example():
    """The built-in default framework as a CSV file, to start a framework of one's own from."""
    return _csv_response(parse_framework_data(service.DEFAULT_FRAMEWORK), "framework-example.csv")


@bp.get("/frameworks/<int:framework_id>")
def framework_detail(framework_id: int):
    """A framework version's domains and competencies, the cohorts using it, and where it could be used."""
    framework = service.framework_with_content(framework_id)
    if framework is None:
        abort(404)
    cohorts = db.session.scalars(select(Cohort).order_by(Cohort.start_date.desc(), Cohort.name)).all()
    return render_template(
        "cohorts/framework.html",
        framework=framework,
        using=[c for c in cohorts if c.framework_id == framework.id],
        others=[c for c in cohorts if c.framework_id != framework.id],
        blocked=service.blocked_cohort_ids(),
        form=AssignFrameworkForm(),
    )


@bp.get("/frameworks/<int:framework_id>/csv")
def framework_download(framework_id: int):
    """A framework version as CSV: edit it and import it under the same name to make the next version."""
    framework = service.framework_with_content(framework_id) or abort(404)
    return _csv_response(service.as_parsed(framework), f"framework-{framework.id}-v{framework.version}.csv")


@bp.post("/<int:cohort_id>/framework")
def framework_assign(cohort_id: int):
    """Make the cohort use the chosen framework version; refusals are flashed."""
    cohort = db.get_or_404(Cohort, cohort_id)
    form = AssignFrameworkForm()
    framework = db.session.get(Framework, form.framework_id.data) if form.validate_on_submit() else None
    if framework is None:
        flash("Choose one of the frameworks listed.", "error")
    else:
        try:
            changed = service.assign_framework(cohort, framework, current_user)
            db.session.commit()
        except service.FrameworkError as error:
            flash(str(error), "error")
        else:
            message = f"{cohort.name} now uses {framework.label}." if changed else f"{cohort.name} already uses it."
            flash(message, "success" if changed else "info")
    if form.return_to.data == "framework" and framework is not None:
        return redirect(url_for("cohorts.framework_detail", framework_id=framework.id))
    return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
