"""What every template can use: the navigation's data and display filters."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, g
from flask_login import current_user

from journal import access, intents
from journal.entries.prompts import PROMPTS
from journal.entries.readers import who_can_read
from journal.extensions import db
from journal.models.cohorts import ROLE_LABELS
from journal.models.competencies import LEVELS
from journal.models.entries import KIND_PLURALS, VISIBILITY_NAMES, hours_text


def nav_memberships():
    """The current user's memberships (cached for the request), for the cohort switcher."""
    if not current_user.is_authenticated:
        return []
    if "nav_memberships" not in g:
        g.nav_memberships = db.session.scalars(access.memberships_of(current_user)).all()
    return g.nav_memberships


def unread_notifications() -> int:
    """The current user's unread notification count (cached for the request), for the navigation."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        from journal.notifications.services import unread_count

        g.unread_notifications = unread_count(current_user)
    return g.unread_notifications


def format_date(value: date | None) -> str:
    """A date as people read it: 3 Mar 2026."""
    return "" if value is None else f"{value.day} {value:%b %Y}"


def format_datetime(value: datetime | None) -> str:
    """A UTC timestamp shown in the current user's time zone."""
    if value is None:
        return ""
    zone = ZoneInfo(current_user.timezone if current_user.is_authenticated else "UTC")
    local = value.astimezone(zone)
    return f"{local.day} {local:%b %Y, %H:%M}"


# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
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
    browser = next((name for token, name in _BROWSERS if token in user_agent), "A browser")
    system = next((name for token, name in _SYSTEMS if token in user_agent), None)
    return f"{browser} on {system}" if system else browser


def init_app(app: Flask) -> None:
    """Register the context processor and filters."""

    @app.context_processor
    def inject():
        return {
            "nav_memberships": nav_memberships,
            "unread_notifications": unread_notifications,
            "can": lambda action, obj=None: access.can(current_user, action, obj),
            "who_can_read": lambda entry: who_can_read(entry, current_user),
            "role_labels": ROLE_LABELS,
            "visibility_names": VISIBILITY_NAMES,
            "prompts": PROMPTS,
            "kind_plurals": KIND_PLURALS,
        }

    # A global, not a context variable, so imported macros (levels.html) see it too.
    app.jinja_env.globals["level_names"] = LEVELS
    app.jinja_env.globals["new_intent_key"] = intents.new_key
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(hours_text, "hours")
    app.add_template_filter(browser_name, "browser_name")
