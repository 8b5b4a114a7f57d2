"""Route ``/submissions/<id>/portfolio-leap2a.zip``: a submission as Leap2A, for Mahara and other ePortfolios.

The same readers as the submission's PDF and JSON (``access.submission_or_404``), and audited like them.
"""

from flask_login import current_user

from journal import access
from journal.extensions import db
from journal.portfolio.blueprint import bp
from journal.portfolio.downloads import attachment
from journal.portfolio.leap2a import submission_leap2a
from journal.portfolio.services import document_of, record_download


@bp.get("/submissions/<int:submission_id>/portfolio-leap2a.zip")
def download_leap2a(submission_id: int):
    """The submission's frozen entries as a Leap2A zip (``journal.portfolio.leap2a``); audited."""
    found = access.submission_or_404(submission_id)
    data, filename = submission_leap2a(found, document_of(found))
    record_download(current_user, found, "leap2a")
    db.session.commit()
    return attachment(data, "application/zip", filename)
