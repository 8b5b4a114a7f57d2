"""Dates more precise than a year."""

import re

from journal.deid.finding import Finding, flag
from journal.deid.words import MONTH, SPANISH_MONTH


def _valid_day_month(a: int, b: int) -> bool:
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


_DATES = [
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}(?:,?\s+(?:\d{{4}}|'\d\d))?(?!\w)"),
    re.compile(rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{{4}})?\b"),
    re.compile(rf"\b{MONTH},?\s+(?:of\s+)?(?:19|20)\d\d\b"),
    re.compile(rf"\b\d{{1,2}}\s+de\s+{SPANISH_MONTH}(?:\s+del?\s+\d{{4}})?\b", re.IGNORECASE),
    re.compile(r"\b(?:19|20)\d\d-[01]?\d-[0-3]?\d\b"),
]
_NUMERIC_DATE = re.compile(r"(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)")
_CUED_DATE = re.compile(
    r"\b(?:on|dated|DOB|D\.O\.B\.?|born|since|until|till|birthday(?: is| was)?)\s*:?\s+(\d{1,2})/(\d{1,2})(?![/\d])"
)


def find_dates(text: str) -> list[Finding]:
    """Dates more precise than a year: day and month, month and year, numeric dates that are valid."""
    found = [(m.start(), m.end()) for rx in _DATES for m in rx.finditer(text)]
    for m in _NUMERIC_DATE.finditer(text):
        if _valid_day_month(int(m[1]), int(m[3])):
            found.append((m.start(), m.end()))
    for m in _CUED_DATE.finditer(text):
        if _valid_day_month(int(m[1]), int(m[2])):
            found.append((m.start(1), m.end()))
    return [flag("date", s, e) for s, e in found]
