"""Languages: which one a request is answered in, its catalogs, and the formats that follow it.

The person's own setting (``User.locale``, on the account page) comes first; before login, the language
chosen with the switcher (a cookie), then the browser's ``Accept-Language``, then English. Outside a
request (commands, jobs) messages are English unless the code says whose language to write in
(``flask_babel.force_locale``), as emails and PDFs do.

Catalogs are ``translations/<lang>/LC_MESSAGES/messages.po``; the compiled ``.mo`` files are built from
them when the app starts (and whenever a ``.po`` is newer), so a fresh clone needs no extra step.
"""

import logging
import os
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, current_app, has_request_context, request
from flask_babel import Babel, get_locale, gettext
from flask_babel.speaklater import LazyString
from flask_login import current_user
from markupsafe import Markup, escape

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "translations"
DEFAULT = "en"
# Each language in its own name, as the switcher shows it.
LANGUAGES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}
COOKIE = "lang"
COOKIE_AGE = 365 * 24 * 3600

log = logging.getLogger(__name__)


def chosen_before_login() -> str | None:
    """The language this browser chose with the switcher, if it is one of ours."""
    chosen = request.cookies.get(COOKIE)
    return chosen if chosen in LANGUAGES else None


def select_locale() -> str:
    """The language of this request: the account's, the switcher's, the browser's, or English (outside a
    request: English)."""
    if not has_request_context():
        return DEFAULT
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    return chosen_before_login() or request.accept_languages.best_match(LANGUAGES, DEFAULT)


def select_timezone() -> str:
    """The person's time zone (UTC before login and outside a request)."""
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.timezone
    return "UTC"


def language() -> str:
    """The current language's code (``en`` outside a request)."""
    locale = get_locale()
    return locale.language if locale else DEFAULT


def language_name(code: str | None) -> str:
    """A language in its own name (``Español``); an unknown code as it is."""
    return LANGUAGES.get(code or "", code or "")


def language_in_sentence(code: str | None) -> str:
    """A language named in the current language, for a sentence ("Idioma del PDF: inglés")."""
    try:
        return Locale.parse(code or DEFAULT).get_display_name(_locale()) or language_name(code)
    except (ValueError, TypeError):
        return language_name(code)


def _locale() -> Locale:
    return get_locale() or Locale.parse(DEFAULT)


# Dates are written day, month, year in every language (3 Mar 2026, 3 mar 2026, 3 mars 2026): the month's
# name comes from the locale, the order is the one the app has always used.
DATE_PATTERN = "d MMM y"
DATETIME_PATTERN = "d MMM y, HH:mm"


def format_date(value: date | datetime | None, pattern: str = DATE_PATTERN) -> str:
    """A date as people read it in the current language."""
    return "" if value is None else babel_dates.format_date(value, pattern, locale=_locale())


def format_local_datetime(value: datetime, pattern: str = DATETIME_PATTERN) -> str:
    """An already-local date and time in the current language."""
    return babel_dates.format_datetime(value, pattern, tzinfo=value.tzinfo, locale=_locale())


def format_moment(value: datetime | None, zone: str | None = None) -> str:
    """A UTC moment as the reader should read it: in their time zone, which is named, as
    ``5 Dec 2026, 14:03 (Africa/Kampala)``, or ``5 Dec 2026, 14:03 UTC`` for a reader in UTC or without a
    time zone (anonymous, outside a request). ``zone`` overrides the reader's zone."""
    if value is None:
        return ""
    zone = zone or select_timezone()
    shown = format_local_datetime(value.astimezone(ZoneInfo(zone)))
    if zone == "UTC":
        return gettext("%(datetime)s UTC", datetime=shown)
    return gettext("%(datetime)s (%(zone)s)", datetime=shown, zone=zone.replace("_", " "))


def format_number(value: float | int) -> str:
    """A number with the current language's decimal sign (1.5, 1,5) and at most two decimals."""
    return babel_numbers.format_decimal(value, format="#,##0.##", locale=_locale())


def format_hours(hours) -> str:
    """Hours as people write them in the current language: ``12``, ``12.5``, ``12,5`` (from a number, or a
    frozen document's ``"12.50"``, which keeps the language-free form)."""
    return format_number(Decimal(hours or 0).quantize(Decimal("0.01")))


def month_name(month: int, width: str = "abbreviated") -> str:
    """A month's name (1–12) in the current language, standing alone (as a chart's label)."""
    return babel_dates.get_month_names(width, context="stand-alone", locale=_locale())[month]


def compile_catalogs(directory: Path = CATALOGS) -> None:
    """Build each ``messages.mo`` that is missing or older than its ``messages.po``.

    Written to a temporary file and moved into place, so processes starting at once never read half a file.
    """
    for po_path in sorted(directory.glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        try:
            handle, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
            with os.fdopen(handle, "wb") as mo_file:
                write_mo(mo_file, catalog)
            os.replace(temporary, mo_path)
        except OSError as error:  # a read-only deployment: `pybabel compile -d translations` beforehand
            log.warning("Could not compile %s: %s", po_path, error)


def remember_choice(response, code: str):
    """Keep the switcher's choice on this browser for a year."""
    response.set_cookie(
        COOKIE,
        code,
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config["SESSION_COOKIE_SECURE"] or request.is_secure),
    )
    return response


def _escaped(lazy: LazyString) -> Markup:
    return escape(str(lazy))


# Flask-Babel's lazy strings call themselves safe HTML, so a label's quote or ampersand (in any language) would
# reach a page unescaped, in an attribute too. Ours are text: escaped like any other string.
LazyString.__html__ = _escaped


def init_app(app: Flask) -> None:
    """Install Flask-Babel with the selectors, and the template values that name languages."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(CATALOGS))
    compile_catalogs(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))
    # One Babel per app: Flask-Babel keeps each catalog it loads on its Babel object, so apps built in one
    # process with other catalogs (the tests' pseudo-language) never read each other's.
    Babel(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.globals["languages"] = LANGUAGES
    app.jinja_env.globals["current_language"] = language
    app.jinja_env.globals["language_name"] = language_name
    app.jinja_env.globals["language_in_sentence"] = language_in_sentence
    app.add_template_filter(format_moment, "moment")
