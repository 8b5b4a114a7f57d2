"""Dates as people live them: the IANA time zone names offered in forms, today's date in a
zone, and the week a day belongs to (weeks run Monday to Sunday everywhere in the journal)."""

from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from flask_babel import gettext as _
from wtforms import SelectChoice

_LEGACY_PREFIXES = ("Etc/", "SystemV/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/")


@cache
def timezone_names() -> tuple[str, ...]:
    """Region/City names plus UTC, sorted; legacy aliases are left out."""
    names = {
        name
        for name in available_timezones()
        if "/" in name and not name.startswith(_LEGACY_PREFIXES) and name.split("/")[0][0].isupper()
    }
    names.add("UTC")
    return tuple(sorted(names))


def timezone_choices() -> list[SelectChoice]:
    """Choices for a select field: readable labels, grouped by region (the zones' own names, in English as the
    IANA database writes them; only the group of UTC is in the current language)."""
    universal = _("Universal")
    return [
        SelectChoice(name, name.replace("_", " "), optgroup=name.split("/")[0] if "/" in name else universal)
        for name in timezone_names()
    ]


def local_today(zone: str) -> date:
    """Today's date in the named time zone."""
    return datetime.now(UTC).astimezone(ZoneInfo(zone)).date()


def week_start(day: date) -> date:
    """The Monday that starts the day's week (the day itself on a Monday)."""
    return day - timedelta(days=day.weekday())
