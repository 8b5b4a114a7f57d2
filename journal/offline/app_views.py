"""The installable app: its manifest, the offline page and the start address.

The manifest and the offline page are the same for everyone: a browser may keep them on a device
that several people use, so neither names nor carries anything of the person asking.
"""

from flask import jsonify, redirect, render_template, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from journal import access
from journal.extensions import db
from journal.i18n import DEFAULT, LANGUAGES
from journal.offline.blueprint import bp

BRAND = "#0f5e66"  # the header's colour (static/css/app.css --brand): the browser's bar around the app
PAPER = "#f6f7f4"  # the page's colour (static/css/app.css --paper): the splash screen while the app opens
# Each icon under static/icons/ (scripts/build_icons.py draws them): file name, size in pixels, purpose.
ICONS = (("icon-192.png", 192, "any"), ("icon-512.png", 512, "any"), ("maskable-512.png", 512, "maskable"))
# In English, deliberately: one manifest serves every device and language (see ``manifest``).
DESCRIPTION = "Your private journal of clinical placements: write on your phone, even without a connection."


@bp.get("/manifest.webmanifest")
def manifest():
    """The Web App Manifest that lets a browser install the journal; it opens at ``/start``.

    In English for everyone: one manifest serves every device and language (a browser reads it once, when
    the app is installed), so its names and description are not translated."""
    response = jsonify(
        name="Intern Journal",
        short_name="Journal",
        description=DESCRIPTION,
        id="/start",
        start_url="/start",
        scope="/",
        display="standalone",
        lang="en",
        theme_color=BRAND,
        background_color=PAPER,
        icons=[
            {
                "src": url_for("static", filename=f"icons/{name}"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for name, size, purpose in ICONS
        ],
    )
    response.mimetype = "application/manifest+json"
    return response


def offline_headings() -> dict[str, str]:
    """The heading "You are offline" in English and in each other language whose catalog has it, by code."""
    headings = {}
    for code in (DEFAULT, *(code for code in LANGUAGES if code != DEFAULT)):
        with force_locale(code):
            heading = _("You are offline")
        if code == DEFAULT or heading != headings[DEFAULT]:
            headings[code] = heading
    return headings


@bp.get("/offline")
def page():
    """The page the service worker shows for an address it has not kept, to whoever is offline on
    the device: the same bytes for every visitor, logged in or not (no token, key, name or navigation),
    whatever their language: its message in every language that has it, around it the English page."""
    headings = offline_headings()
    sections = []
    for code, heading in headings.items():
        with force_locale(code):
            section = render_template("offline/_message.html", code=code, heading=heading, first=not sections)
        sections.append(Markup(section))  # noqa: S704 (rendered by Jinja, which escaped what it filled in)
    with force_locale(DEFAULT):
        return render_template("offline/page.html", sections=sections, headings=headings.values())


@bp.get("/start")
def start():
    """Where the installed app opens: an intern's journal in the cohort they last used (or their
    newest cohort as an intern); everyone else's home; the login form, coming back here, for anonymous visitors."""
    refused = access.login_required()
    if refused is not None:
        return refused
    memberships = db.session.scalars(access.memberships_of(current_user)).all()
    journals = [m for m in memberships if access.can(current_user, "keep_journal", m)]
    if not journals:
        return redirect(url_for("home.index"))
    chosen = next((m for m in journals if m.cohort_id == session.get("cohort_id")), journals[0])
    return redirect(url_for("entries.journal", cohort_id=chosen.cohort_id))
