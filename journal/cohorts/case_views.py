"""Route ``/cohorts/frameworks/<id>/case.json``: a framework version as a 1EdTech CASE 1.1 package.

Coordinators only, like the CSV download (the cohorts blueprint checks that first). The package is the
same on every download of a version, so other systems can tell a re-download from a new version.
"""

import json

from flask import Response, abort

from journal.cohorts.blueprint import bp
from journal.competencies import frameworks as service
from journal.competencies.case.export import case_package, filename


@bp.get("/frameworks/<int:framework_id>/case.json")
def framework_case(framework_id: int):
    """A framework version as a CASE 1.1 CFPackage (JSON) to download."""
    framework = service.framework_with_content(framework_id) or abort(404)
    body = json.dumps(case_package(framework), ensure_ascii=False, indent=2) + "\n"
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename(framework)}"'},
    )
