"""Ages over 89."""

import re

from journal.deid.finding import Finding, flag

_AGES = re.compile(
    r"\b(?P<n>\d{2,3})(?:[-\s]?(?:years?|yrs?|yr)[-\s]?old|\s?(?:y/o|yo\b|yrs\b|years? of age)"
    r"|(?:st|nd|rd|th)(?=\s+birthday))"
    r"|\b(?:aged?|turned|turns)\s*:?\s*(?P<m>\d{2,3})\b(?!\s*(?:days?|weeks?|months?)\b)"
    r"|\b(?-i:[A-Z])[^\W\d_]+,\s(?P<k>\d{2,3})(?=,)",
    re.IGNORECASE,
)
_AGE_WORDS = re.compile(
    r"\b(?:(?:super)?centenarian|nonagenarian|in (?:his|her|their) (?:nineties|90s)"
    r"|(?:ninety|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?[- ]years?[- ]old)\b",
    re.IGNORECASE,
)


def find_ages(text: str) -> list[Finding]:
    """Ages over 89 ("93-year-old", "aged 95", "her 101st birthday", "Mr X, 94,")."""
    found = [m.span() for m in _AGE_WORDS.finditer(text)]
    for m in _AGES.finditer(text):
        group = next(g for g in "nmk" if m[g])
        if 89 < int(m[group]) < 130:
            found.append(m.span("k") if group == "k" else m.span())
    return [flag("age", s, e) for s, e in found]
