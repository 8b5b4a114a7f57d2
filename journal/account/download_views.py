"""Route ``/account/download/<cohort>``: where “Download my journal” lands after the password is confirmed.

The files themselves are served by ``entries.export`` (the archive) and ``entries.export_leap2a``
(Leap2A, for Mahara and other ePortfolios). A download does not change the page the browser shows, so
without this page the person would be left on the password form, not knowing whether anything
happened; here the page says, in words that fit the format chosen, that the download has started,
starts it, and offers to download again, the other format, or the way back.
"""

from flask import render_template, request

from journal import access
from journal.account.blueprint import bp
from journal.auth import reauth


@bp.get("/account/download/<int:cohort_id>")
def journal_download(cohort_id: int):
    """Say that the journal's download has started and start it (a refresh to the chosen format's file, so
    that no script is needed). Only the cohort's interns (404 for anyone else, before any password prompt);
    asks for the password first unless it was typed in the last 10 minutes."""
    membership = access.intern_or_404(cohort_id)
    if reauth.password_needed():
        return reauth.ask_for_password()
    # Which of the two downloads this page starts (``?format=leap2a``: the Leap2A zip for ePortfolios).
    chosen = "leap2a" if request.args.get("format") == "leap2a" else "archive"
    return render_template("account/download.html", cohort=membership.cohort, chosen=chosen)
