"""What every template can use: the navigation's cohorts, the access check, labels from the models and
display filters. Each feature adds its own values from its blueprint (``bp.app_context_processor``)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask, g
from flask_babel import gettext as _
from flask_login import current_user

from journal import access, i18n, intents
from journal.extensions import db
from journal.models.cohorts import ROLE_LABELS, ROLE_NOUNS
from journal.models.competencies import LEVELS
from journal.models.entries import (
    KIND_PLURALS,
    KINDS,
    NEW_KIND,
    SHARED_WITH,
    VISIBILITIES,
    VISIBILITY_ACTIONS,
    VISIBILITY_NAMES,
)

# Templates never write a kind's or a visibility's name: they ask for it from its one map.
LABELS = {
    "kind_label": KINDS,  # Clinical observation
    "kind_plural": KIND_PLURALS,  # clinical observations
    "new_kind": NEW_KIND,  # New clinical observation
    "visibility_name": VISIBILITY_NAMES,  # Shared with supervisors
    "visibility_label": VISIBILITIES,  # You and the cohort's supervisors
    "visibility_action": VISIBILITY_ACTIONS,  # Share with supervisors
    "shared_with": SHARED_WITH,  # the cohort's supervisors
}


def labeller(labels: dict[str, str]):
    """A template function naming a value from ``labels``; a value it does not know (an old audit
    record's) is shown as it is."""

    def label(value: str) -> str:
        return labels.get(value, value)

    return label


def nav_memberships():
    """The current user's memberships (cached for the request), for the cohort switcher."""
    if not current_user.is_authenticated:
        return []
    if "nav_memberships" not in g:
        g.nav_memberships = db.session.scalars(access.memberships_of(current_user)).all()
    return g.nav_memberships


def format_datetime(value: datetime | None) -> str:
    """A UTC timestamp shown in the current user's time zone and language: 3 Mar 2026, 14:05."""
    if value is None:
        return ""
    zone = ZoneInfo(current_user.timezone if current_user.is_authenticated else "UTC")
    return i18n.format_local_datetime(value.astimezone(zone))


# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari". Products' own names, the same in
# every language.
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS", "macOS"),
    ("Linux", "Linux"),
)


def browser_name(user_agent: str) -> str:
    """A session's browser in words people recognise ("Firefox on Android"), from its User-Agent."""
    browser = next((name for token, name in _BROWSERS if token in user_agent), None)
    system = next((name for token, name in _SYSTEMS if token in user_agent), None)
    if browser is None:
        return _("A browser on %(system)s", system=system) if system else _("A browser")
    return _("%(browser)s on %(system)s", browser=browser, system=system) if system else browser


def init_app(app: Flask) -> None:
    """Register the context processor, the globals and the filters."""

    @app.context_processor
    def inject():
        return {
            "nav_memberships": nav_memberships,
            "can": lambda action, obj=None: access.can(current_user, action, obj),
            "role_labels": ROLE_LABELS,  # Supervisor
            "role_nouns": ROLE_NOUNS,  # (invited as) supervisor
        }

    # Globals, not context variables, so imported macros (levels.html, entries.html) see them too.
    app.jinja_env.globals["level_names"] = LEVELS
    app.jinja_env.globals["kinds"] = KINDS
    app.jinja_env.globals["visibilities"] = tuple(VISIBILITIES)  # from least shared
    for name, labels in LABELS.items():
        app.jinja_env.globals[name] = labeller(labels)
    app.jinja_env.globals["new_intent_key"] = intents.new_key
    app.add_template_filter(i18n.format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(i18n.format_hours, "hours")
    app.add_template_filter(browser_name, "browser_name")
