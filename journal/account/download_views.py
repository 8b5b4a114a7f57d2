"""Route ``/account/download/<cohort>``: where “Download my journal” lands after the password is confirmed.

The archive itself is served by ``entries.export``. A download does not change the page the browser
shows, so without this page the person would be left on the password form, not knowing whether
anything happened; here the page says the download has started, starts it, and offers to download
again or go back.
"""

from flask import render_template

from journal import access
from journal.account.blueprint import bp
from journal.auth import reauth


@bp.get("/account/download/<int:cohort_id>")
def journal_download(cohort_id: int):
    """Say that the journal's download has started and start it (a refresh to the archive, so that no
    script is needed). Only the cohort's interns (404 for anyone else, before any password prompt);
    asks for the password first unless it was typed in the last 10 minutes."""
    membership = access.intern_or_404(cohort_id)
    if reauth.password_needed():
        return reauth.ask_for_password()
    return render_template("account/download.html", cohort=membership.cohort)
