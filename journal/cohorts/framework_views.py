"""Routes under ``/cohorts/frameworks``: coordinators list, import and assign competency frameworks."""

import csv
import io
import json

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from journal.cohorts.blueprint import bp
from journal.cohorts.forms import AssignFrameworkForm, FrameworkImportForm
from journal.competencies import frameworks as service
from journal.competencies.case.importing import PackageError, ParsedPackage, parse_case_package
from journal.competencies.framework_import import (
    FrameworkFileError,
    ParsedFramework,
    Problem,
    parse_framework_data,
    parse_framework_file,
)
from journal.extensions import db
from journal.framework_words.display import framework_label
from journal.models import Cohort, Framework

MAX_FILE_BYTES = 1024 * 1024
# The import page's example in JSON, laid out as a person would type it; its values are filled in (as JSON).
EXAMPLE_JSON = """{{
  "name": {name},
  "description": {description},
  "domains": [
    {{"title": {domain}, "canmeds_role": {role},
     "competencies": [
       {{"code": "COM1", "title": {title},
        "description": {text}, "required_level": 3}}
     ]}}
  ]
}}"""


def _read_upload(form: FrameworkImportForm) -> ParsedFramework:
    """The framework in the uploaded file or the pasted text (CSV, the app's JSON or a CASE 1.1 CFPackage);
    raises FrameworkFileError."""
    upload = form.upload.data
    if upload and upload.filename:
        data = upload.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise FrameworkFileError(
                [Problem(_("File"), _("the file is larger than 1 MB; split it or remove what is not needed."))]
            )
        return parse_framework_file(data, upload.filename, read_package=parse_case_package)
    return parse_framework_file(form.pasted.data, read_package=parse_case_package)


def _imported_message(framework: Framework, parsed: ParsedFramework) -> str:
    """What the coordinator is told after an import: how many competencies (and, for a CASE package, how many
    domains, how many codes were made up and how many grouping items were left out)."""
    if not isinstance(parsed, ParsedPackage):
        return ngettext(
            "Imported %(framework)s with %(num)d competency.",
            "Imported %(framework)s with %(num)d competencies.",
            parsed.competency_count,
            framework=framework_label(framework),
        )
    domains = ngettext("%(num)d domain", "%(num)d domains", len(parsed.domains))
    competencies = ngettext("%(num)d competency", "%(num)d competencies", parsed.competency_count)
    message = _(
        "Imported %(framework)s from a CASE package: %(domains)s, %(competencies)s.",
        framework=framework_label(framework),
        domains=domains,
        competencies=competencies,
    )
    if parsed.generated_codes:
        generated = ngettext(
            "The package gave %(num)d competency no code; it was given one (C1, C2…).",
            "The package gave %(num)d competencies no code; they were given one (C1, C2…).",
            parsed.generated_codes,
        )
        message = f"{message} {generated}"
    if parsed.left_out:
        left_out = ngettext(
            "%(num)d item of the package that only groups other items is not in the framework (it keeps two "
            "levels: domains and their competencies).",
            "%(num)d items of the package that only group other items are not in the framework (it keeps two "
            "levels: domains and their competencies).",
            parsed.left_out,
        )
        message = f"{message} {left_out}"
    if not parsed.identifiers_kept:
        renamed = _(
            "Imported under another name than the package's title (“%(title)s”), it is a framework of its own "
            "and has its own CASE identifiers.",
            title=parsed.name,
        )
        message = f"{message} {renamed}"
    return message


def _examples() -> dict[str, str]:
    """The import page's example framework as CSV and as JSON: its words in the reader's language, its
    columns, keys and codes as the importer reads them."""
    communication = _("Communication")
    rows = [
        (
            communication,
            "COM1",
            _("Communicating across language barriers"),
            _("Works with interpreters, uses teach-back."),
        ),
        (communication, "COM2", _("Informed consent in another culture"), _("Respects local decision-making.")),
        (_("Wellbeing"), "WB1", _("Self-care and resilience"), _("Recognises and manages stress.")),
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["domain", "code", "title", "description", "required_level"])
    writer.writerows((*row, level) for row, level in zip(rows, (3, 2, 3), strict=True))
    values = {
        "name": _("My programme"),
        "description": _("Optional"),
        "domain": communication,
        "role": _("Communicator"),
        "title": rows[0][2],
        "text": rows[0][3],
    }
    as_json = EXAMPLE_JSON.format(**{key: json.dumps(value, ensure_ascii=False) for key, value in values.items()})
    return {"csv": out.getvalue().rstrip("\n"), "json": as_json}


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
    total = 0  # how many problems there are, when only the first are listed
    more_checks = False  # a CASE package's problems hide others, found once these are fixed
    if form.validate_on_submit():
        try:
            parsed = _read_upload(form)
            name = form.name.data or parsed.name
            if isinstance(parsed, ParsedPackage):
                parsed.under_name(name)
            framework = service.import_framework(
                name, form.description.data or parsed.description, parsed, current_user
            )
            db.session.commit()
        except FrameworkFileError as error:
            problems = error.problems
            total = error.total if isinstance(error, PackageError) else len(problems)
            more_checks = isinstance(error, PackageError) and error.more_checks
        except service.FrameworkError as error:
            form.name.errors.append(str(error))
        except IntegrityError:
            db.session.rollback()
            problems = [
                Problem(
                    _("File"),
                    _("Nothing was imported: someone imported this framework at the same moment. Try again."),
                )
            ]
        else:
            flash(_imported_message(framework, parsed), "success")
            return redirect(url_for("cohorts.framework_detail", framework_id=framework.id))
    status = 422 if request.method == "POST" else 200
    page = render_template(
        "cohorts/framework_import.html",
        form=form,
        problems=problems,
        problem_total=total or len(problems),
        more_checks=more_checks,
        examples=_examples(),
    )
    return page, status


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
        flash(_("Choose one of the frameworks listed."), "error")
    else:
        try:
            changed = service.assign_framework(cohort, framework, current_user)
            db.session.commit()
        except service.FrameworkError as error:
            flash(str(error), "error")
        else:
            if changed:
                flash(
                    _("%(cohort)s now uses %(framework)s.", cohort=cohort.name, framework=framework_label(framework)),
                    "success",
                )
            else:
                flash(_("%(cohort)s already uses it.", cohort=cohort.name), "info")
    if form.return_to.data == "framework" and framework is not None:
        return redirect(url_for("cohorts.framework_detail", framework_id=framework.id))
    return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
