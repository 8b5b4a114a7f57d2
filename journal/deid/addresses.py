"""Street addresses, house and plot numbers, postcodes."""

import re

from journal.deid.finding import Finding, flag

_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Close|Crescent|Way|Boulevard|Blvd|Highway|Hwy|Place|Court"
    r"|Terrace|Gardens|Square|Hill|Grove|Marg|Nagar|Colony|Estate|Parade|Walk|Mews|Circle)\b\.?"
)
_CAP = r"[A-ZÀ-Ý][\w'’-]*\.?"
_ADDRESSES = [
    re.compile(rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_CAP}\s+){{1,4}}{_STREET}"),
    re.compile(r"\b(?:Calle|Avenida|Av\.|Avda\.|Jr\.|Jirón|Pasaje|Carrera|Rua|Rue)\s+(?:[\w'’-]+\s+){0,4}?\d{1,5}\b"),
    re.compile(
        r"\b(?:Plot|House|Flat|Apt\.?|Apartment|P\.?\s?O\.?\s+Box|Door|Sector|Stand|Gali)\s+(?:No\.?\s*)?\d+\w?\b"
    ),
    re.compile(  # a street without a number, after a cue: "lives on Ring Road"
        r"(?i:\b(?:lives|living|live|stays|staying|resides|residing|home|house|address)\b)\s+(?:is\s+|are\s+)?"
        rf"(?:(?:on|at|in|off|near)\s+)?(?:the\s+)?(?P<part>(?:{_CAP}\s+){{1,4}}{_STREET})"
    ),
    re.compile(
        r"(?i:\b(?:post\s?code|zip(?:\s?code)?|postal code|pin code)\b)\W{0,3}(?:(?:is|was)\s+)?(?P<part>\d{4,6}\b)"
        r"|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"  # a UK-style postcode: "SW1A 2AA"
    ),
]
_ADDRESS_TAIL = re.compile(rf"(?:,\s*{_CAP}(?:\s+{_CAP}){{0,2}})*(?:,?\s+\d{{4,6}}\b)?")


def find_addresses(text: str) -> list[Finding]:
    """Street addresses (number and street, plot or house numbers, Spanish-style streets) and postcodes."""
    spans = []
    for rx in _ADDRESSES:
        for m in rx.finditer(text):
            start = m.start("part") if "part" in rx.groupindex and m["part"] else m.start()
            spans.append([start, _ADDRESS_TAIL.match(text, m.end()).end()])
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and re.fullmatch(r"[\s,]*", text[merged[-1][1] : s]):  # touching or overlapping
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [flag("address", s, s + len(text[s:e].rstrip("."))) for s, e in merged]
